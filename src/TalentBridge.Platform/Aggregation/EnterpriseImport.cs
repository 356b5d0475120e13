using System.Data.Common;
using TalentBridge.Domain;
using TalentBridge.Domain.Aggregation;
using TalentBridge.Domain.Normalisation;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Aggregation;

/// <summary>
/// Imports employers from an outside platform's export (全量归集) and clusters them into one cluster per real
/// employer (<see cref="EnterpriseDeduplicator"/>): a valid USCC is decisive, otherwise the folded name without
/// region prefix and legal form in the same county. An invalid USCC is reported as doubtful and dropped; the place
/// becomes a region code, the industry a GB/T 4754 code (by code or by name).
/// </summary>
public sealed class EnterpriseImport(Database db, PlaceNormaliser places, IndustryCatalogue industries, TimeProvider time,
    ImportLimits? limits = null)
    : ClusteredImport<NormalisedEnterprise>(db, time, limits)
{
    public override ImportKind Kind => ImportKind.Enterprises;

    protected override string RecordTable => "source_enterprises";

    protected override string ClusterTable => "enterprise_clusters";

    protected override string InsertRecord =>
        "INSERT INTO source_enterprises (source, source_id, content_hash, cluster_id, similarity, match_reason, name, uscc, region_code, " +
        "industry_code, headcount, description, run_id, imported_at, updated_at) VALUES (@Source, @SourceId, @ContentHash, @ClusterId, " +
        "@Similarity, @MatchReason, @Name, @Uscc, @RegionCode, @IndustryCode, @Headcount, @Description, @RunId, @Now, @Now)";

    protected override string InsertCluster =>
        "INSERT INTO enterprise_clusters (id, name, uscc, region_code, industry_code, source_count, first_seen, last_seen) VALUES (@Id, @Name, " +
        "@Uscc, @RegionCode, @IndustryCode, @SourceCount, @Now, @Now)";

    protected override string UpdateRecord =>
        "UPDATE source_enterprises SET content_hash = @ContentHash, name = @Name, uscc = @Uscc, region_code = @RegionCode, " +
        "industry_code = @IndustryCode, headcount = @Headcount, description = @Description, updated_at = @Now WHERE id = @Id";

    protected override string SelectRecords =>
        "SELECT source, source_id, name, uscc, region_code, industry_code, headcount, description, cluster_id, id FROM source_enterprises ORDER BY id";

    protected override string? RegionOf(NormalisedEnterprise record) => record.RegionCode;

    protected override Func<NormalisedEnterprise, DedupDecision> NewClusterer() => new EnterpriseDeduplicator().Add;

    protected override NormalisedEnterprise ReadRecord(DbDataReader r) => new(r.GetString(0), r.GetString(1), r.GetString(2), r.NullableString(3),
        r.NullableRegion(4), r.NullableString(5), r.NullableInt(6), r.NullableString(7));

    protected override (NormalisedEnterprise? Record, IReadOnlyList<ImportIssue> Issues, string?[] HashedValues) Normalise(string source, SourceRow row,
        Func<SourceRow, string, string?> value)
    {
        var issues = new List<ImportIssue>();
        var sourceId = value(row, "sourceId")?.Trim() ?? "";
        var name = value(row, "name")?.Trim() ?? "";
        if (sourceId.Length == 0)
        {
            issues.Add(new ImportIssue("sourceId", "SourceIdRequired", true));
        }
        if (name.Length == 0)
        {
            issues.Add(new ImportIssue("name", "Required", true));
        }
        if (issues.Count > 0)
        {
            return (null, issues, row.Values);
        }

        string? uscc = null;
        if (value(row, "uscc") is { } usccText)
        {
            var code = usccText.Trim().ToUpperInvariant();
            if (Uscc.Check(code) is not null)
            {
                issues.Add(new ImportIssue("uscc", "UsccInvalid", false, PostingNormaliser.Clip(usccText)));
            }
            else
            {
                uscc = code;
            }
        }

        var region = PostingNormaliser.Region(places, value(row, "place"), issues);

        string? industry = null;
        if (value(row, "industry") is { } industryText)
        {
            var found = industries.Find(industryText) ?? (industries.Search(industryText, 1) is [var first, ..] ? first : null);
            industry = found?.Code;
            if (found is null)
            {
                issues.Add(new ImportIssue("industry", "IndustryUnknown", false, PostingNormaliser.Clip(industryText)));
            }
            else if (!string.Equals(found.Code, industryText.Trim(), StringComparison.OrdinalIgnoreCase)
                && !string.Equals(found.Name, industryText.Trim(), StringComparison.Ordinal))
            {
                issues.Add(new ImportIssue("industry", "IndustryGuess", false, PostingNormaliser.Clip(industryText), found.Code, found.Name));
            }
        }

        int? headcount = null;
        if (value(row, "headcount") is { } headcountText)
        {
            var before = issues.Count;
            headcount = PostingNormaliser.Headcount(headcountText, issues);
            if (headcount is null && issues.Count == before)
            {
                issues.Add(new ImportIssue("headcount", "EmployeesUnknown", false, PostingNormaliser.Clip(headcountText)));
            }
        }

        var description = value(row, "description")?.Trim();
        return (new NormalisedEnterprise(source, sourceId, name, uscc, region, industry, headcount, description), issues, row.Values);
    }

    protected override object RecordParameters(NormalisedEnterprise e, string hash, long clusterId, DedupDecision decision, long runId, DateTimeOffset now) => new
    {
        e.Source,
        e.SourceId,
        ContentHash = hash,
        ClusterId = clusterId,
        decision.Similarity,
        MatchReason = decision.Reason,
        e.Name,
        e.Uscc,
        RegionCode = Row.StoredRegion(e.RegionCode),
        e.IndustryCode,
        e.Headcount,
        e.Description,
        RunId = runId,
        Now = now,
    };

    protected override object ClusterParameters(long id, NormalisedEnterprise first, int count, DateTimeOffset now) => new
    {
        Id = id,
        first.Name,
        first.Uscc,
        RegionCode = Row.StoredRegion(first.RegionCode),
        first.IndustryCode,
        SourceCount = count,
        Now = now,
    };

    protected override object UpdateParameters(long id, NormalisedEnterprise e, string hash, DateTimeOffset now) => new
    {
        ContentHash = hash,
        e.Name,
        e.Uscc,
        RegionCode = Row.StoredRegion(e.RegionCode),
        e.IndustryCode,
        e.Headcount,
        e.Description,
        Now = now,
        Id = id,
    };
}
