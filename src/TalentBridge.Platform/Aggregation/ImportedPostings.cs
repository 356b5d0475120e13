using System.Data.Common;
using TalentBridge.Domain;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Aggregation;

/// <summary>One imported source posting with its cluster: how many sources the cluster has, and the position it was published as.</summary>
public sealed record ImportedPosting(long Id, string Source, string SourceId, string Title, string? OccupationCode, string EnterpriseName,
    string? RegionCode, int? SalaryMin, int? SalaryMax, DateOnly? PostedOn, long ClusterId, int ClusterSources, long? PositionId);

/// <summary>
/// The imported postings list for operators: every source posting in the caller's region subtree, filtered by source
/// platform, region, occupation (code or prefix), duplicate status (its cluster has other sources or not) and text
/// (title or enterprise name) and whether its cluster is published as a position; sorted and paged like the pool lists.
/// </summary>
public sealed class ImportedPostings(Database db, ReferenceData reference)
{
    public static readonly IReadOnlyDictionary<string, string> SortKeys = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["postedOn"] = "s.posted_on", ["title"] = "s.title", ["source"] = "s.source", ["cluster"] = "s.cluster_id",
    };

    private const string From = "source_postings s JOIN posting_clusters c ON c.id = s.cluster_id";

    private const string Columns =
        "s.id, s.source, s.source_id, s.title, s.occupation_code, s.enterprise_name, s.region_code, s.salary_min, s.salary_max, s.posted_on, " +
        "s.cluster_id, c.source_count, c.position_id";

    /// <summary>
    /// The page, or the errors naming the field and the rule; an account that may not import sees nothing. Source:
    /// only postings of this platform; duplicates: true for postings whose cluster has other sources, false for those
    /// alone in theirs; published: true for postings whose cluster became a position, false for the others.
    /// </summary>
    public async Task<(Page<ImportedPosting>? Page, ValidationErrors Errors)> ListAsync(Caller caller, ListQuery query, string? source, bool? duplicates,
        bool? published, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(query);
        var errors = query.Validate(reference, [.. SortKeys.Keys]).Optional(source, "source", 100);
        if (!errors.IsValid)
        {
            return (null, errors);
        }
        var where = new Where();
        if (!caller.CanImport)
        {
            where.Add("1 = 0");
        }
        if (caller.ScopeRegion is { } scope)
        {
            where.RegionSubtree("s.region_code", scope, "scope");
        }
        if (query.Region is { } region)
        {
            where.RegionSubtree("s.region_code", region, "region");
        }
        if (query.Occupation is { } occupation)
        {
            where.CodePrefix("s.occupation_code", occupation, "occupation");
        }
        if (!string.IsNullOrWhiteSpace(source))
        {
            where.Add("s.source = @source", "source", source.Trim());
        }
        if (duplicates is { } d)
        {
            where.Add(d ? "c.source_count >= 2" : "c.source_count < 2");
        }
        if (published is { } p)
        {
            where.Add(p ? "c.position_id IS NOT NULL" : "c.position_id IS NULL");
        }
        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            where.Text(db.Like, query.Text.Trim(), "s.title", "s.enterprise_name");
        }
        var orderBy = Sorting.OrderBy(query.Sort, SortKeys, "s.id DESC", "s.id");
        return (await ListSql.PageAsync(db, From, Columns, where, orderBy, query, Read, null, ct), errors);
    }

    private static ImportedPosting Read(DbDataReader r) => new(r.Long(0), r.GetString(1), r.GetString(2), r.GetString(3), r.NullableString(4),
        r.GetString(5), r.NullableRegion(6), r.NullableInt(7), r.NullableInt(8), r.IsDBNull(9) ? null : r.Date(9), r.Long(10), r.Int(11), r.NullableLong(12));
}
