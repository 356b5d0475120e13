using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.Caching.Memory;
using TalentBridge.Domain;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Audit;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Analytics;

/// <summary>
/// The outlines of a region's children as the map draws them: a GeoJSON FeatureCollection whose features carry
/// <c>code</c> (the child's region code) and <c>name</c> (its catalogue name). <see cref="Unmatched"/> names the
/// source's features that outline no child; <see cref="Missing"/> the children no feature outlines (drawn in the table
/// only). <see cref="UploadId"/> is null for the shipped file.
/// </summary>
public sealed record RegionOutlines(string RegionCode, string GeoJson, string ETag, IReadOnlyList<string> Unmatched, IReadOnlyList<string> Missing,
    long? UploadId, string? ApprovalNumber, DateTimeOffset? UploadedAt, string? UploadedBy);

/// <summary>An operator's outlines in force for a region (the newest current row of <c>map_outlines</c>).</summary>
public sealed record OutlineUpload(long Id, string RegionCode, string? ApprovalNumber, DateTimeOffset UploadedAt, string? UploadedBy);

/// <summary>
/// The map outlines (ADR 0016): the outlines of a region's children are the operator-uploaded current row of
/// <c>map_outlines</c> if there is one, else the file shipped in <c>data/reference/geo/{code}.geojson</c> (the cities of
/// Zhejiang and the counties of each city; townships have none). Every feature is mapped to a child region code by its
/// <c>adcode</c> when that is a child of the region, else by its name through the region catalogue (full name, then the
/// short name: 临安市 of an older map is 临安区 today). Geometry is passed to ECharts as it is, including ECharts'
/// compressed encoding (<c>UTF8Encoding</c>), which the browser decodes. A public map in the PRC needs an approved map
/// (审图号): operators replace the shipped outlines with their own, audited with the approval number.
/// </summary>
public sealed class MapOutlines(Database db, ReferenceData reference, IMemoryCache cache, TimeProvider time)
{
    /// <summary>The largest file an operator may upload (8 MB: a county's townships at survey detail fit easily).</summary>
    public const int MaxUploadBytes = 8 * 1024 * 1024;

    private const int MaxApprovalNumber = 100;

    /// <summary>Whether the region has outlines of its children (uploaded or shipped), without reading them.</summary>
    public async Task<bool> ExistAsync(string regionCode, CancellationToken ct) =>
        (reference.Regions.Find(regionCode) is { } region && ShippedRegions.Contains(region.Code)) || await CurrentIdAsync(regionCode, ct) is not null;

    /// <summary>The outlines of the region's children in force, or null when there are none (townships, unless uploaded).</summary>
    public async Task<RegionOutlines?> ForAsync(string regionCode, CancellationToken ct)
    {
        if (reference.Regions.Find(regionCode) is not { } region)
        {
            return null;
        }
        if (await CurrentIdAsync(region.Code, ct) is { } id)
        {
            return await cache.GetOrCreateAsync(("outlines", id), async entry =>
            {
                entry.SlidingExpiration = TimeSpan.FromMinutes(30);
                await using var c = await db.OpenAsync(ct);
                await using var r = await c.ExecuteReaderAsync(new CommandDefinition(
                    "SELECT m.geojson, m.approval_number, m.uploaded_at, a.user_name FROM map_outlines m LEFT JOIN accounts a ON a.id = m.uploaded_by " +
                    "WHERE m.id = @id", new { id }, cancellationToken: ct));
                await r.ReadAsync(ct);
                var read = Read(reference.Regions, region, r.GetString(0));
                return Outlines(region, read.Normalised!, read.Unmatched, id, r.NullableString(1), r.Timestamp(2), r.NullableString(3));
            });
        }
        return ShippedFor(region.Code);
    }

    /// <summary>The shipped outlines of the region's children (whether or not an upload replaces them), or null when none are shipped.</summary>
    public RegionOutlines? ShippedFor(string regionCode)
    {
        if (reference.Regions.Find(regionCode) is not { } region || !ShippedRegions.Contains(region.Code))
        {
            return null;
        }
        return cache.GetOrCreate(("outlines", region.Code), entry =>
        {
            using var stream = typeof(MapOutlines).Assembly.GetManifestResourceStream(Resource(region.Code))!;
            using var text = new StreamReader(stream, Encoding.UTF8);
            var read = Read(reference.Regions, region, text.ReadToEnd());
            return Outlines(region, read.Normalised!, read.Unmatched, null, null, null, null);
        });
    }

    /// <summary>The uploads in force for the regions in the caller's scope (operators and administrators), by region.</summary>
    public async Task<IReadOnlyList<OutlineUpload>> UploadsAsync(Caller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.IsAdmin && !caller.IsOperator)
        {
            return [];
        }
        var where = new Where().Add("m.current = 1");
        if (caller.ScopeRegion is { } scope)
        {
            where.RegionSubtree("m.region_code", scope, "scope");
        }
        await using var c = await db.OpenAsync(ct);
        var rows = new List<OutlineUpload>();
        await using var r = await c.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT m.id, m.region_code, m.approval_number, m.uploaded_at, a.user_name FROM map_outlines m LEFT JOIN accounts a ON a.id = m.uploaded_by{where} " +
            "ORDER BY m.region_code, m.id DESC", where.Parameters, cancellationToken: ct));
        while (await r.ReadAsync(ct))
        {
            var code = RegionCatalogue.Significant(r.GetString(1));
            // The newest current row of a region is in force (two uploads at the same moment may both be current).
            if (rows.Count == 0 || rows[^1].RegionCode != code)
            {
                rows.Add(new OutlineUpload(r.Long(0), code, r.NullableString(2), r.Timestamp(3), r.NullableString(4)));
            }
        }
        return rows;
    }

    /// <summary>Regions with a shipped outline file, province first.</summary>
    public IReadOnlyList<string> ShippedRegions { get; } = [.. typeof(MapOutlines).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith("geo/", StringComparison.Ordinal)).Select(n => n["geo/".Length..^".geojson".Length])
        .OrderBy(c => c.Length).ThenBy(c => c, StringComparer.Ordinal)];

    /// <summary>
    /// An operator of the region (or an administrator) replaces the outlines of its children with a GeoJSON
    /// FeatureCollection. Every feature must outline one child (by adcode or name); the file's size, its JSON and each
    /// unmatched feature are reported by name, and nothing is stored on any error. The upload and its audit row (who, the
    /// approval number 审图号) commit together; the previous upload stays for the audit.
    /// </summary>
    public async Task<WriteResult<RegionOutlines>> UploadAsync(Caller caller, string? regionCode, string? approvalNumber, Stream content,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(content);
        if (Editable(caller, regionCode, out var region) is { } refused)
        {
            return refused;
        }
        var errors = new ValidationErrors().Required(approvalNumber, "approvalNumber", MaxApprovalNumber);
        // Read no further than the limit: a larger file is refused without being held in memory.
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxUploadBytes)
            {
                return WriteResult.Invalid<RegionOutlines>(errors.Add("file", $"must be at most {MaxUploadBytes / 1024 / 1024} MB"));
            }
        }
        var text = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length).TrimStart('\uFEFF');
        var outline = Read(reference.Regions, region!, text);
        foreach (var problem in outline.Problems)
        {
            errors.Add("file", problem);
        }
        var unmatched = string.Join(", ", outline.Unmatched);
        errors.When(outline.Problems.Count == 0 && outline.Unmatched.Count > 0, "file", $"has features that outline no region of {region!.Name}: {unmatched}");
        if (!errors.IsValid)
        {
            return WriteResult.Invalid<RegionOutlines>(errors);
        }
        var now = time.GetUtcNow();
        var stored = RegionCatalogue.Pad(region!.Code);
        var id = await db.InTransactionAsync(async (c, tx) =>
        {
            await c.ExecuteAsync("UPDATE map_outlines SET current = 0 WHERE region_code = @stored AND current = 1", new { stored }, tx);
            var id = await c.ExecuteScalarAsync<long>(
                "INSERT INTO map_outlines (region_code, geojson, approval_number, uploaded_at, uploaded_by, current) " +
                "VALUES (@stored, @text, @approval, @now, @by, 1) RETURNING id",
                new { stored, text, approval = approvalNumber!.Trim(), now = Database.Utc(now), by = caller.AccountId }, tx);
            await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, caller.AccountId, AuditAction.Create, "mapOutline", id, region.Code, "upload outlines",
                JsonSerializer.Serialize(new { region = region.Code, approvalNumber = approvalNumber.Trim(), features = outline.Matched, bytes = buffer.Length }, Row.Json)));
            return id;
        }, ct);
        return WriteResult.Ok((await ForAsync(region.Code, ct))!);
    }

    /// <summary>Puts the shipped outlines (or none) back in force for the region; the upload stays stored, the revert is audited.</summary>
    public async Task<WriteResult<RegionOutlines>> RevertAsync(Caller caller, string? regionCode, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (Editable(caller, regionCode, out var region) is { } refused)
        {
            return refused;
        }
        var now = time.GetUtcNow();
        var stored = RegionCatalogue.Pad(region!.Code);
        var reverted = await db.InTransactionAsync(async (c, tx) =>
        {
            var ids = (await c.QueryAsync<long>("SELECT id FROM map_outlines WHERE region_code = @stored AND current = 1", new { stored }, tx)).ToList();
            if (ids.Count == 0)
            {
                return false;
            }
            await c.ExecuteAsync("UPDATE map_outlines SET current = 0 WHERE region_code = @stored AND current = 1", new { stored }, tx);
            await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, caller.AccountId, AuditAction.Update, "mapOutline", ids.Max(), region.Code, "revert outlines",
                JsonSerializer.Serialize(new { region = region.Code }, Row.Json)));
            return true;
        }, ct);
        if (!reverted)
        {
            return WriteResult.Invalid<RegionOutlines>(new ValidationErrors().Add("region", "has no uploaded outlines in force"));
        }
        return WriteResult.Ok(await ForAsync(region.Code, ct) ?? new RegionOutlines(region.Code, "", "", [], [], null, null, null, null));
    }

    /// <summary>The regions an operator may give outlines: their own region and the regions below it down to counties (whose children are townships).</summary>
    private WriteResult<RegionOutlines>? Editable(Caller caller, string? regionCode, out Region? region)
    {
        region = string.IsNullOrWhiteSpace(regionCode) ? null : reference.Regions.Find(regionCode.Trim());
        if (!caller.IsAdmin && !caller.IsOperator)
        {
            return WriteResult.Forbidden<RegionOutlines>();
        }
        if (region is null || region.Level > RegionLevel.County)
        {
            return WriteResult.Invalid<RegionOutlines>(new ValidationErrors().Add("region", "must be a province, city or county of the region catalogue"));
        }
        return caller.InScope(region.Code) ? null : WriteResult.NotFound<RegionOutlines>();
    }

    private async Task<long?> CurrentIdAsync(string regionCode, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT max(id) FROM map_outlines WHERE region_code = @stored AND current = 1", new { stored = RegionCatalogue.Pad(regionCode) }, cancellationToken: ct));
    }

    private static string Resource(string code) => $"geo/{code}.geojson";

    private RegionOutlines Outlines(Region region, JsonObject normalised, IReadOnlyList<string> unmatched, long? id, string? approval, DateTimeOffset? at,
        string? by)
    {
        var outlined = normalised["features"]!.AsArray().Select(f => (string)f!["properties"]!["code"]!).ToHashSet(StringComparer.Ordinal);
        var missing = reference.Regions.Children(region.Code).Where(c => !outlined.Contains(c.Code)).Select(c => c.Code).ToList();
        var json = normalised.ToJsonString(Row.Json);
        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)))[..20] + "\"";
        return new RegionOutlines(region.Code, json, etag, unmatched, missing, id, approval, at, by);
    }

    /// <summary>What a GeoJSON text holds for the children of a region: the normalised collection, the features matched, the names of those that are not, and what makes it unusable.</summary>
    internal sealed record OutlineRead(JsonObject? Normalised, int Matched, IReadOnlyList<string> Unmatched, IReadOnlyList<string> Problems);

    /// <summary>
    /// Reads a FeatureCollection and maps each feature to a child of <paramref name="parent"/>: the features that do
    /// (with <c>code</c> and the catalogue's <c>name</c> as their only properties besides the label point <c>cp</c>),
    /// the names of those that do not (a second feature for the same child included), and what makes the text unusable.
    /// </summary>
    internal static OutlineRead Read(RegionCatalogue regions, Region parent, string text)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            return new OutlineRead(null, 0, [], [$"is not valid JSON (line {(e.LineNumber ?? 0) + 1}): {e.Message}"]);
        }
        if (root is not JsonObject collection || (string?)collection["type"] is not "FeatureCollection" || collection["features"] is not JsonArray features)
        {
            return new OutlineRead(null, 0, [], ["must be a GeoJSON FeatureCollection"]);
        }
        var problems = new List<string>();
        var unmatched = new List<string>();
        var output = new JsonArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < features.Count; i++)
        {
            var feature = features[i] as JsonObject;
            var properties = feature?["properties"] as JsonObject;
            var name = properties?["name"] is JsonValue n && n.TryGetValue<string>(out var s) ? s.Trim() : null;
            var label = name ?? $"#{i + 1}";
            var geometry = feature?["geometry"] as JsonObject;
            if (geometry is null || (string?)geometry["type"] is not ("Polygon" or "MultiPolygon") || geometry["coordinates"] is not JsonArray)
            {
                problems.Add($"feature {label} has no Polygon or MultiPolygon geometry");
                continue;
            }
            var code = ChildCode(regions, parent, properties?["adcode"]?.ToString(), name);
            if (code is null || !seen.Add(code))
            {
                unmatched.Add(label);
                continue;
            }
            var child = regions.Find(code)!;
            var outline = new JsonObject
            {
                ["type"] = "Feature",
                ["properties"] = new JsonObject { ["code"] = child.Code, ["name"] = child.Name },
                ["geometry"] = geometry.DeepClone(),
            };
            if (properties?["cp"] is JsonArray cp)
            {
                outline["properties"]!["cp"] = cp.DeepClone();
            }
            output.Add(outline);
        }
        if (features.Count == 0)
        {
            problems.Add("must have at least one feature");
        }
        var normalised = new JsonObject { ["type"] = "FeatureCollection", ["features"] = output };
        // ECharts decodes its compressed encoding in the browser; the flag and scale travel with the geometry.
        if (collection["UTF8Encoding"] is JsonValue encoded && encoded.TryGetValue<bool>(out var isEncoded) && isEncoded)
        {
            normalised["UTF8Encoding"] = true;
            if (collection["UTF8Scale"] is { } scale)
            {
                normalised["UTF8Scale"] = scale.DeepClone();
            }
        }
        return new OutlineRead(normalised, output.Count, unmatched, problems);
    }

    /// <summary>
    /// The child of <paramref name="parent"/> a feature outlines: its adcode when that is a child (330100 is 3301), else
    /// the child with the feature's name, else the one child whose short name is the feature's short name; null for none.
    /// </summary>
    internal static string? ChildCode(RegionCatalogue regions, Region parent, string? adcode, string? name)
    {
        var children = regions.Children(parent.Code);
        if (adcode is { Length: > 0 } && regions.Find(adcode) is { } byCode && byCode.ParentCode == parent.Code)
        {
            return byCode.Code;
        }
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }
        if (children.FirstOrDefault(c => c.Name == name) is { } byName)
        {
            return byName.Code;
        }
        // The name's short form, by the catalogue's own rule (a region record is only the carrier of the name here).
        var shortName = new Region("0", name, parent.Level + 1, null).ShortName;
        var byShortName = children.Where(c => c.ShortName == shortName).ToList();
        return byShortName.Count == 1 ? byShortName[0].Code : null;
    }
}
