using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using MiniExcelLibs;
using TalentBridge.Domain;
using TalentBridge.Domain.Indices;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Audit;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Indices;

/// <summary>Figures uploaded for a tree (the figures themselves are read with <see cref="IndexRuns.DataAsync"/>).</summary>
public sealed record StoredDataset(long Id, string TreeKey, string Name, string? OwnerRegion, int Units, int Observations, IReadOnlyList<string> Periods,
    DateTimeOffset CreatedAt, long? CreatedBy);

/// <summary>A computed index: the tree version, the figures it read (a dataset, the platform's measures of a region's children in a year, or both), the specification and the result.</summary>
public sealed record StoredRun(long Id, long TreeId, string TreeKey, long? DatasetId, string? MeasuredRegion, int? MeasuredYear, string? OwnerRegion,
    IndexSpecification Specification, IndexResult Result, DateTimeOffset CreatedAt, long? CreatedBy);

/// <summary>A published version of a run's result (a frozen copy), numbered per tree key.</summary>
public sealed record StoredPublication(long Id, string TreeKey, int Version, long RunId, string? OwnerRegion, string Note, IndexResult Result,
    DateTimeOffset PublishedAt, long? PublishedBy);

/// <summary>What a run reads: the tree, an uploaded dataset and/or the platform's figures for a region's children in a year, and the specification (JSON).</summary>
public sealed record IndexRunRequest(string? TreeKey, long? DatasetId, string? Region, int? Year, string? Specification);

/// <summary>
/// The analyst's use cases of composite indices (issue 15): upload figures for a tree (CSV or Excel, errors by row and
/// column), compute a run over uploaded figures and/or the platform's own measures of a region's children, publish a
/// run's result as a numbered version, and export a result (CSV, Excel; audited). Operators work within their region's
/// subtree (datasets, runs and publications carry the operator's region), administrators everywhere. A run is
/// computed within the request (bounded by <see cref="UncertaintySpec.MaxRuns"/> and <see cref="IndexDataset.MaxUnits"/>;
/// the form shows a status line meanwhile) and its result is stored, so every node shows it (docs/composite-indices.md).
/// </summary>
public sealed class IndexRuns(Database db, IndexTrees trees, IndexMeasures measures, ReferenceData reference, TimeProvider time)
{
    public const int MaxUploadBytes = 8 * 1024 * 1024;
    public const int MaxName = 100;
    public const int MaxNote = 500;
    public const int PageSize = 50;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private static string? OwnerOf(Caller caller) => caller.IsOperator ? caller.RegionCode : null;

    /// <summary>Reads a CSV or .xlsx table (first sheet; header row of <see cref="IndexDataset.FixedColumns"/> and indicator codes) and stores it for the tree.</summary>
    public async Task<WriteResult<StoredDataset>> UploadAsync(Caller caller, string? treeKey, string? name, Stream? file, string? fileName, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.IsAdmin && !caller.IsOperator)
        {
            return WriteResult.Forbidden<StoredDataset>();
        }
        var errors = new ValidationErrors().Required(name, "name", MaxName).Required(treeKey, "tree", 60)
            .When(file is null || string.IsNullOrEmpty(fileName), "file", "is required (a .csv or .xlsx file)");
        var type = TableType(fileName);
        errors.When(file is not null && type is null, "file", "must be a .csv or .xlsx file");
        errors.When(file is { CanSeek: true } && file.Length > MaxUploadBytes, "file", $"must be at most {MaxUploadBytes / 1024 / 1024} MB");
        var tree = treeKey is null ? null : await trees.FindAsync(caller, treeKey, null, ct);
        errors.When(treeKey is not null && tree is null, "tree", $"'{treeKey}' is not a tree you may use");
        if (!errors.IsValid)
        {
            return WriteResult.Invalid<StoredDataset>(errors);
        }
        var (data, tableErrors) = ReadDataset(file!, type!.Value, tree!.Tree);
        if (data is null)
        {
            return WriteResult.Invalid<StoredDataset>(tableErrors);
        }
        var now = time.GetUtcNow();
        var owner = OwnerOf(caller);
        return await db.InTransactionAsync(async (c, tx) =>
        {
            var id = await c.ExecuteScalarAsync<long>(
                "INSERT INTO index_datasets (tree_key, name, owner_region, data, units, observations, periods, created_at, created_by) " +
                "VALUES (@key, @name, @owner, @data, @units, @observations, @periods, @now, @accountId) RETURNING id",
                new
                {
                    key = tree.Key, name = name!.Trim(), owner = Row.StoredRegion(owner), data = data.ToJson(), units = data.Units.Count,
                    observations = data.Observations.Count, periods = string.Join(',', data.Periods), now = Database.Utc(now), accountId = caller.AccountId,
                }, tx);
            await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, caller.AccountId, AuditAction.Create, "indexDataset", id, owner, name.Trim(),
                JsonSerializer.Serialize(new { tree = tree.Key, units = data.Units.Count, observations = data.Observations.Count })));
            return WriteResult.Ok(new StoredDataset(id, tree.Key, name.Trim(), owner, data.Units.Count, data.Observations.Count, data.Periods, now, caller.AccountId));
        }, ct);
    }

    /// <summary>The table type of a file name: .csv or .xlsx, otherwise null.</summary>
    public static ExcelType? TableType(string? fileName) => Path.GetExtension(fileName ?? "").ToUpperInvariant() switch
    {
        ".CSV" => ExcelType.CSV,
        ".XLSX" => ExcelType.XLSX,
        _ => null,
    };

    /// <summary>
    /// Reads a CSV or .xlsx table (first sheet; header row of <see cref="IndexDataset.FixedColumns"/> and indicator codes)
    /// as the figures of <paramref name="tree"/>; errors name the file or the row and column.
    /// </summary>
    public static (IndexDataset? Data, ValidationErrors Errors) ReadDataset(Stream file, ExcelType type, IndexTree tree)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(tree);
        List<IReadOnlyList<string?>> rows;
        try
        {
            rows = [.. file.Query(useHeaderRow: false, excelType: type).Cast<IDictionary<string, object?>>()
                .Select(r => (IReadOnlyList<string?>)[.. r.Values.Select(v => v is null ? null : Convert.ToString(v, CultureInfo.InvariantCulture))])];
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or IOException or FormatException or NotSupportedException)
        {
            return (null, new ValidationErrors().Add("file", "could not be read as a table"));
        }
        if (rows.Count == 0)
        {
            return (null, new ValidationErrors().Add("file", "is empty"));
        }
        return IndexDataset.FromTable([.. rows[0].Select(h => h ?? "")], rows.Skip(1), tree);
    }

    /// <summary>The datasets of a tree (or all) the caller may use, newest first.</summary>
    public async Task<IReadOnlyList<StoredDataset>> DatasetsAsync(Caller caller, string? treeKey, CancellationToken ct)
    {
        var (where, args) = Scope(caller, "owner_region");
        await using var c = await db.OpenAsync(ct);
        var list = new List<StoredDataset>();
        await using var r = await c.ExecuteReaderAsync(new CommandDefinition(
            "SELECT id, tree_key, name, owner_region, units, observations, periods, created_at, created_by FROM index_datasets " +
            $"WHERE {where} AND (@key IS NULL OR tree_key = @key) ORDER BY id DESC", new DynamicParameters(args).With(new { key = treeKey }), cancellationToken: ct));
        while (await r.ReadAsync(ct))
        {
            list.Add(new StoredDataset(r.Long(0), r.GetString(1), r.GetString(2), r.NullableRegion(3), r.Int(4), r.Int(5),
                r.GetString(6).Split(',', StringSplitOptions.RemoveEmptyEntries), r.Timestamp(7), r.NullableLong(8)));
        }
        return list;
    }

    /// <summary>The figures of a dataset the caller may use.</summary>
    public async Task<(StoredDataset Dataset, IndexDataset Data)?> DataAsync(Caller caller, long id, IndexTree tree, CancellationToken ct)
    {
        var dataset = (await DatasetsAsync(caller, null, ct)).FirstOrDefault(d => d.Id == id);
        if (dataset is null)
        {
            return null;
        }
        await using var c = await db.OpenAsync(ct);
        var json = await c.ExecuteScalarAsync<string>(new CommandDefinition("SELECT data FROM index_datasets WHERE id = @id", new { id }, cancellationToken: ct));
        var (data, errors) = IndexDataset.FromJson(json!, tree);
        return data is null ? throw new InvalidOperationException($"Dataset {id} does not fit tree '{tree.Key}': {errors}") : (dataset, data);
    }

    /// <summary>
    /// Computes the index: the tree's current version over the dataset's figures and/or the platform's figures of
    /// <see cref="IndexRunRequest.Region"/>'s children in <see cref="IndexRunRequest.Year"/> (those win where both
    /// give one), with the specification. Stores the run with its result and audit row.
    /// </summary>
    public async Task<WriteResult<StoredRun>> RunAsync(Caller caller, IndexRunRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        if (!caller.IsAdmin && !caller.IsOperator)
        {
            return WriteResult.Forbidden<StoredRun>();
        }
        var errors = new ValidationErrors().Required(request.TreeKey, "tree", 60).Required(request.Specification, "specification", 20_000)
            .When(request.DatasetId is null && string.IsNullOrWhiteSpace(request.Region), "dataset", "is required unless the platform measures a region");
        var tree = request.TreeKey is null ? null : await trees.FindAsync(caller, request.TreeKey, null, ct);
        errors.When(request.TreeKey is not null && tree is null, "tree", $"'{request.TreeKey}' is not a tree you may use");
        if (!string.IsNullOrWhiteSpace(request.Region))
        {
            var region = reference.Regions.Find(request.Region);
            errors.When(region is null, "region", "is not a region code")
                .When(region is not null && !caller.InScope(region.Code), "region", "is outside your region")
                .When(region is not null && reference.Regions.Children(region.Code).Count == 0, "region", "has no child regions to compare")
                .When(request.Year is null or < 2000 or > 2100, "year", "is required with a region (e.g. 2026)")
                .When(tree is not null && tree.Tree.Indicators.All(i => i.Measure is null), "region", "this tree has no indicator the platform computes");
        }
        if (!errors.IsValid || tree is null)
        {
            return WriteResult.Invalid<StoredRun>(errors);
        }
        var (spec, specErrors) = IndexSpecification.Parse(request.Specification!, tree.Tree);
        if (spec is null)
        {
            return WriteResult.Invalid<StoredRun>(Prefixed(specErrors));
        }
        IndexDataset data = new([], []);
        if (request.DatasetId is { } datasetId)
        {
            if (await DataAsync(caller, datasetId, tree.Tree, ct) is not { } found || found.Dataset.TreeKey != tree.Key)
            {
                return WriteResult.Invalid<StoredRun>(new ValidationErrors().Add("dataset", "is not a dataset of this tree you may use"));
            }
            data = found.Data;
        }
        string? measured = null;
        if (!string.IsNullOrWhiteSpace(request.Region))
        {
            measured = reference.Regions.Find(request.Region)!.Code;
            var platform = await measures.ForRegionAsync(tree.Tree, measured, request.Year!.Value, ct);
            data = data.With(platform.Units, platform.Observations);
        }
        if (!data.Periods.Contains(spec.Period, StringComparer.Ordinal))
        {
            var held = data.Periods.Count == 0 ? "—" : string.Join(", ", data.Periods);
            return WriteResult.Invalid<StoredRun>(new ValidationErrors().Add("specification.period", $"'{spec.Period}' has no figures (the figures hold {held})"));
        }
        var result = IndexEngine.Compute(tree.Tree, data, spec);
        var now = time.GetUtcNow();
        var owner = OwnerOf(caller);
        return await db.InTransactionAsync(async (c, tx) =>
        {
            var id = await c.ExecuteScalarAsync<long>(
                "INSERT INTO index_runs (tree_id, tree_key, dataset_id, measured_region, measured_year, owner_region, specification, result, units, created_at, created_by) " +
                "VALUES (@treeId, @key, @datasetId, @measured, @year, @owner, @spec, @result, @units, @now, @accountId) RETURNING id",
                new
                {
                    treeId = tree.Id, key = tree.Key, datasetId = request.DatasetId, measured = Row.StoredRegion(measured), year = measured is null ? null : request.Year,
                    owner = Row.StoredRegion(owner), spec = spec.ToJson(), result = JsonSerializer.Serialize(result, Json), units = result.Units.Count,
                    now = Database.Utc(now), accountId = caller.AccountId,
                }, tx);
            await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, caller.AccountId, AuditAction.Create, "indexRun", id, owner ?? measured, "run",
                JsonSerializer.Serialize(new { tree = tree.Key, version = tree.Version, dataset = request.DatasetId, region = measured, spec.Period })));
            return WriteResult.Ok(new StoredRun(id, tree.Id, tree.Key, request.DatasetId, measured, measured is null ? null : request.Year, owner, spec, result, now, caller.AccountId));
        }, ct);
    }

    /// <summary>Errors of the specification document, named under <c>specification.</c> so that the form shows them by its field.</summary>
    private static ValidationErrors Prefixed(ValidationErrors errors)
    {
        var prefixed = new ValidationErrors();
        foreach (var (field, messages) in errors.ToDictionary())
        {
            foreach (var message in messages)
            {
                prefixed.Add(field == "specification" ? field : "specification." + field, message);
            }
        }
        return prefixed;
    }

    /// <summary>A page of the runs the caller may see, newest first (<paramref name="page"/> from 1).</summary>
    public async Task<Page<StoredRun>> RunsAsync(Caller caller, string? treeKey, int page, CancellationToken ct)
    {
        page = Math.Max(1, page);
        var (where, args) = Scope(caller, "owner_region");
        where += " AND (@key IS NULL OR tree_key = @key)";
        int total;
        await using (var c = await db.OpenAsync(ct))
        {
            total = await c.ExecuteScalarAsync<int>(new CommandDefinition($"SELECT count(*) FROM index_runs WHERE {where}",
                new DynamicParameters(args).With(new { key = treeKey }), cancellationToken: ct));
        }
        var runs = await ReadRunsAsync($"{where} ORDER BY id DESC LIMIT @take OFFSET @skip",
            new DynamicParameters(args).With(new { key = treeKey, take = PageSize, skip = (page - 1) * PageSize }), ct);
        return new Page<StoredRun>(runs, total, page, PageSize);
    }

    public async Task<StoredRun?> RunAsync(Caller caller, long id, CancellationToken ct)
    {
        var (where, args) = Scope(caller, "owner_region");
        return (await ReadRunsAsync($"{where} AND id = @id", new DynamicParameters(args).With(new { id }), ct)).FirstOrDefault();
    }

    /// <summary>Publishes a run's result as the next version of its tree's published results.</summary>
    public async Task<WriteResult<StoredPublication>> PublishAsync(Caller caller, long runId, string? note, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (await RunAsync(caller, runId, ct) is not { } run)
        {
            return WriteResult.NotFound<StoredPublication>();
        }
        var errors = new ValidationErrors().Required(note, "note", MaxNote);
        if (!errors.IsValid)
        {
            return WriteResult.Invalid<StoredPublication>(errors);
        }
        var now = time.GetUtcNow();
        try
        {
            return await db.InTransactionAsync(async (c, tx) =>
            {
                var version = 1 + await c.ExecuteScalarAsync<int>("SELECT coalesce(max(version), 0) FROM index_publications WHERE tree_key = @key", new { key = run.TreeKey }, tx);
                var id = await c.ExecuteScalarAsync<long>(
                    "INSERT INTO index_publications (tree_key, version, run_id, owner_region, note, result, published_at, published_by) " +
                    "VALUES (@key, @version, @runId, @owner, @note, @result, @now, @accountId) RETURNING id",
                    new { key = run.TreeKey, version, runId, owner = Row.StoredRegion(run.OwnerRegion), note = note!.Trim(), result = JsonSerializer.Serialize(run.Result, Json),
                        now = Database.Utc(now), accountId = caller.AccountId }, tx);
                await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, caller.AccountId, AuditAction.Create, "indexPublication", id, run.OwnerRegion ?? run.MeasuredRegion,
                    note.Trim(), JsonSerializer.Serialize(new { tree = run.TreeKey, version, run = runId })));
                return WriteResult.Ok(new StoredPublication(id, run.TreeKey, version, runId, run.OwnerRegion, note.Trim(), run.Result, now, caller.AccountId));
            }, ct);
        }
        catch (DbException e) when (Database.IsUniqueViolation(e))
        {
            // Another publication of the same tree took the number first.
            return WriteResult.Invalid<StoredPublication>(new ValidationErrors().Add("note", "another version was published at the same moment; publish again"));
        }
    }

    /// <summary>The published versions the caller may see, newest first.</summary>
    public async Task<IReadOnlyList<StoredPublication>> PublicationsAsync(Caller caller, string? treeKey, CancellationToken ct)
    {
        var (where, args) = Scope(caller, "owner_region");
        return await ReadPublicationsAsync($"{where} AND (@key IS NULL OR tree_key = @key) ORDER BY tree_key, version DESC",
            new DynamicParameters(args).With(new { key = treeKey }), ct);
    }

    public async Task<StoredPublication?> PublicationAsync(Caller caller, string treeKey, int version, CancellationToken ct)
    {
        var (where, args) = Scope(caller, "owner_region");
        return (await ReadPublicationsAsync($"{where} AND tree_key = @key AND version = @version",
            new DynamicParameters(args).With(new { key = treeKey, version }), ct)).FirstOrDefault();
    }

    /// <summary>Writes the export's audit row (who exported which run or publication, in which format).</summary>
    public Task AuditExportAsync(Caller caller, string subject, long id, string? ownerRegion, string format, CancellationToken ct) =>
        AuditTrail.WriteAsync(db, new AuditEntry(time.GetUtcNow(), caller.AccountId, AuditAction.Export, subject, id, ownerRegion, format), ct);

    /// <summary>Operators read rows of their subtree; administrators all (a region-less row is an administrator's).</summary>
    private static (string Where, object Args) Scope(Caller caller, string column)
    {
        if (caller.IsAdmin)
        {
            return ("1 = 1", new { });
        }
        var (lo, hi) = RegionCatalogue.SubtreeRange(caller.ScopeRegion ?? Caller.NoRegion);
        return caller.IsOperator ? ($"{column} BETWEEN @scopeLo AND @scopeHi", new { scopeLo = lo, scopeHi = hi }) : ("1 = 0", new { });
    }

    private async Task<List<StoredRun>> ReadRunsAsync(string where, DynamicParameters args, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var list = new List<StoredRun>();
        await using var r = await c.ExecuteReaderAsync(new CommandDefinition(
            "SELECT id, tree_id, tree_key, dataset_id, measured_region, measured_year, owner_region, specification, result, created_at, created_by " +
            $"FROM index_runs WHERE {where}", args, cancellationToken: ct));
        while (await r.ReadAsync(ct))
        {
            list.Add(new StoredRun(r.Long(0), r.Long(1), r.GetString(2), r.NullableLong(3), r.NullableRegion(4), r.NullableInt(5), r.NullableRegion(6),
                JsonSerializer.Deserialize<IndexSpecification>(r.GetString(7), AdmissionJsonOptions)!,
                JsonSerializer.Deserialize<IndexResult>(r.GetString(8), Json)!, r.Timestamp(9), r.NullableLong(10)));
        }
        return list;
    }

    private async Task<List<StoredPublication>> ReadPublicationsAsync(string where, DynamicParameters args, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var list = new List<StoredPublication>();
        await using var r = await c.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT id, tree_key, version, run_id, owner_region, note, result, published_at, published_by FROM index_publications WHERE {where}", args, cancellationToken: ct));
        while (await r.ReadAsync(ct))
        {
            list.Add(new StoredPublication(r.Long(0), r.GetString(1), r.Int(2), r.Long(3), r.NullableRegion(4), r.GetString(5),
                JsonSerializer.Deserialize<IndexResult>(r.GetString(6), Json)!, r.Timestamp(7), r.NullableLong(8)));
        }
        return list;
    }

    private static JsonSerializerOptions AdmissionJsonOptions => Domain.SharedPool.AdmissionJson.Options;
}

internal static class DynamicParametersExtensions
{
    public static DynamicParameters With(this DynamicParameters parameters, object more)
    {
        parameters.AddDynamicParams(more);
        return parameters;
    }
}
