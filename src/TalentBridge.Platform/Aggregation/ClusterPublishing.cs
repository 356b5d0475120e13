using System.Data.Common;
using Dapper;
using TalentBridge.Domain;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Aggregation;

/// <summary>An enterprise of the pool a cluster could be published for: found by its credit code, or else by its exact name.</summary>
public sealed record EnterpriseCandidate(long Id, string Name, string RegionCode, bool ByUscc);

/// <summary>
/// A duplicate cluster as the start of a position: the cluster's header, the longest description, the largest headcount
/// and the requirements of its first source. <see cref="PositionId"/> is set once it is published.
/// </summary>
public sealed record PublishDraft(long ClusterId, string Title, string? OccupationCode, string EnterpriseName, string? Uscc, string? RegionCode,
    int? SalaryMin, int? SalaryMax, int MonthsPerYear, DateOnly? PostedOn, int Headcount, EducationLevel MinEducation, int MinExperienceYears,
    string? Description, long? PositionId, long? MergedInto, IReadOnlyList<EnterpriseCandidate> Enterprises);

/// <summary>One imported source posting behind a published position.</summary>
public sealed record PositionSource(string Source, string SourceId, string Title, string EnterpriseName, DateOnly? PostedOn, DateTimeOffset ImportedAt);

/// <summary>Where a position came from: the cluster published into it, by whom and when, and the cluster's sources now.</summary>
public sealed record PositionProvenance(long ClusterId, string? ClusterRegion, DateTimeOffset PublishedAt, string PublishedBy,
    IReadOnlyList<PositionSource> Sources);

/// <summary>
/// Publishing a duplicate cluster (全量归集) into the position pool. An operator opens the position form filled from
/// the cluster, checks and completes it (the position rules apply as to any new position), and saves: the position,
/// its audit row and the cluster's link to it commit in one transaction, and a cluster is published at most once
/// (unique index; deleting the position frees it). Publishing marks the cluster reviewed.
/// </summary>
public sealed class ClusterPublishing(Database db)
{
    /// <summary>The draft, or null when the cluster does not exist, lies outside the caller's scope or the caller may not import.</summary>
    public async Task<PublishDraft?> DraftAsync(Caller caller, long clusterId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.CanImport)
        {
            return null;
        }
        await using var c = await db.OpenAsync(ct);
        var head = await c.QuerySingleOrDefaultAsync<(long Id, string Title, string? OccupationCode, string EnterpriseName, string? Uscc, string? RegionCode,
            long? SalaryMin, long? SalaryMax, long MonthsPerYear, long? PositionId, long? MergedInto)>(new CommandDefinition(
            "SELECT id, title, occupation_code, enterprise_name, uscc, region_code, salary_min, salary_max, months_per_year, position_id, merged_into " +
            "FROM posting_clusters WHERE id = @clusterId", new { clusterId }, cancellationToken: ct));
        var region = head.RegionCode is null ? null : Domain.Reference.RegionCatalogue.Significant(head.RegionCode);
        if (head.Id == 0 || !caller.InScope(region))
        {
            return null;
        }
        DateOnly? postedOn = null;
        int headcount = 1, experience = 0;
        var education = EducationLevel.None;
        string? description = null;
        await using (var reader = await c.ExecuteReaderAsync(new CommandDefinition(
            "SELECT posted_on, headcount, min_education, min_experience_years, description FROM source_postings WHERE cluster_id = @clusterId ORDER BY id",
            new { clusterId }, cancellationToken: ct)))
        {
            var first = true;
            while (await reader.ReadAsync(ct))
            {
                if (first)
                {
                    postedOn = reader.IsDBNull(0) ? null : reader.Date(0);
                    education = reader.NullableInt(2) is { } e && Enum.IsDefined((EducationLevel)e) ? (EducationLevel)e : EducationLevel.None;
                    experience = reader.NullableInt(3) ?? 0;
                    first = false;
                }
                headcount = Math.Max(headcount, reader.NullableInt(1) ?? 1);
                if (reader.NullableString(4) is { } text && text.Length > (description?.Length ?? 0))
                {
                    description = text;
                }
            }
        }
        // The credit code names the enterprise exactly; the name only when no code is known or none matched.
        var enterprises = new List<EnterpriseCandidate>();
        if (!string.IsNullOrEmpty(head.Uscc))
        {
            enterprises.AddRange(await CandidatesAsync(c, "uscc = @key", head.Uscc, true, ct));
        }
        if (enterprises.Count == 0)
        {
            enterprises.AddRange(await CandidatesAsync(c, "name = @key", head.EnterpriseName, false, ct));
        }
        return new PublishDraft(head.Id, head.Title, head.OccupationCode, head.EnterpriseName, head.Uscc, region, (int?)head.SalaryMin, (int?)head.SalaryMax,
            (int)head.MonthsPerYear, postedOn, headcount, education, experience, description, head.PositionId, head.MergedInto,
            [.. enterprises.Where(e => caller.InScope(e.RegionCode))]);
    }

    private static async Task<IEnumerable<EnterpriseCandidate>> CandidatesAsync(DbConnection c, string condition, string key, bool byUscc, CancellationToken ct) =>
        (await c.QueryAsync<(long Id, string Name, string RegionCode)>(new CommandDefinition(
            $"SELECT id, name, region_code FROM enterprises WHERE {condition} ORDER BY id LIMIT 20", new { key }, cancellationToken: ct)))
        .Select(e => new EnterpriseCandidate(e.Id, e.Name, Domain.Reference.RegionCatalogue.Significant(e.RegionCode), byUscc));

    /// <summary>The cluster a position was published from, with its sources; null for a position entered by hand.</summary>
    public async Task<PositionProvenance?> ProvenanceAsync(long positionId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        PositionProvenance? provenance = null;
        await using (var reader = await c.ExecuteReaderAsync(new CommandDefinition(
            "SELECT c.id, c.region_code, c.published_at, coalesce(a.display_name, '') FROM posting_clusters c " +
            "LEFT JOIN accounts a ON a.id = c.published_by WHERE c.position_id = @positionId", new { positionId }, cancellationToken: ct)))
        {
            if (await reader.ReadAsync(ct))
            {
                provenance = new PositionProvenance(reader.Long(0), reader.NullableRegion(1), reader.Timestamp(2), reader.GetString(3), []);
            }
        }
        if (provenance is null)
        {
            return null;
        }
        var sources = new List<PositionSource>();
        await using (var reader = await c.ExecuteReaderAsync(new CommandDefinition(
            "SELECT source, source_id, title, enterprise_name, posted_on, imported_at FROM source_postings WHERE cluster_id = @id ORDER BY id",
            new { id = provenance.ClusterId }, cancellationToken: ct)))
        {
            while (await reader.ReadAsync(ct))
            {
                sources.Add(new PositionSource(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.Date(4), reader.Timestamp(5)));
            }
        }
        return provenance with { Sources = sources };
    }

    /// <summary>
    /// Links the cluster to the position just created, inside the creating transaction, and marks it reviewed; false when
    /// the cluster was published or merged away since the draft was read (the caller then rolls back).
    /// </summary>
    internal static async Task<bool> LinkAsync(DbConnection c, DbTransaction tx, long clusterId, long positionId, DateTimeOffset now, long? accountId) =>
        await c.ExecuteAsync(
            "UPDATE posting_clusters SET position_id = @positionId, published_at = @now, published_by = @accountId, " +
            "reviewed_at = coalesce(reviewed_at, @now), reviewed_by = coalesce(reviewed_by, @accountId) " +
            "WHERE id = @clusterId AND position_id IS NULL AND merged_into IS NULL",
            new { clusterId, positionId, now = Database.Utc(now), accountId }, tx) == 1;
}
