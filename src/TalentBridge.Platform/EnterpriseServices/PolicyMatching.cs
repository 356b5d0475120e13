using TalentBridge.Domain;
using TalentBridge.Domain.EnterpriseServices;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Audit;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.EnterpriseServices;

/// <summary>An enterprise's policies for a year: those it qualifies for (with the facts that prove it), nearly qualifies for (with what is missing), and the rest.</summary>
public sealed record PolicyMatch(long EnterpriseId, string EnterpriseName, string RegionCode, int Year, IReadOnlyList<PolicyResult> Qualifies,
    IReadOnlyList<PolicyResult> Nearly, IReadOnlyList<PolicyResult> Others);

/// <summary>One enterprise qualifying for one policy, with the facts that prove it in one line.</summary>
public sealed record QualifiedRow(long EnterpriseId, string EnterpriseName, string RegionCode, string PolicyKey, string PolicyNameZh, string PolicyNameEn,
    long? AmountFen, bool Capped, string Proof);

/// <summary>The operator's list: region (default the caller's), policy key, year (default this year), page.</summary>
public sealed record QualifiedQuery(string? Region, string? Policy, int? Year, int? Page, int? PageSize);

/// <summary>The qualified list of a region and year, paged, with how many enterprises were evaluated.</summary>
public sealed record QualifiedList(string? Region, int Year, string? Policy, int Enterprises, Page<QualifiedRow> Rows);

/// <summary>
/// Policy matching (issue 14, item 3): for an enterprise, every policy in force in a year evaluated on the facts the
/// platform holds (<see cref="PolicyFacts"/>); for operators, who qualifies in their region's subtree, filtered by
/// policy, paged, and exported as CSV or Excel (audited).
/// </summary>
public sealed class PolicyMatching(Database db, EnterpriseStore enterprises, PolicyDocuments policies, PolicyFacts facts, ReferenceData reference,
    TimeProvider time)
{
    public const int MinYear = 2000;
    public const int MaxYear = 2100;
    public const int MaxExportRows = 100_000;

    public async Task<WriteResult<PolicyMatch>> ForEnterpriseAsync(Caller caller, long enterpriseId, int? year, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (await ServiceScope.VisibleAsync(enterprises, caller, enterpriseId, ct) is not { } enterprise)
        {
            return WriteResult.NotFound<PolicyMatch>();
        }
        if (CheckYear(year) is { IsValid: false } errors)
        {
            return WriteResult.Invalid<PolicyMatch>(errors);
        }
        var y = year ?? ChinaTime.Today(time).Year;
        var catalogue = await policies.CatalogueAsync(ct);
        var row = (await facts.ForAsync(enterpriseId, null, Period.Year(y), ct)).Single();
        var results = catalogue.Match(row.Facts, Period.Year(y));
        return WriteResult.Ok(new PolicyMatch(row.Id, row.Name, row.RegionCode, y,
            [.. results.Where(r => r.Outcome == PolicyOutcome.Qualifies)],
            [.. results.Where(r => r.Outcome == PolicyOutcome.Nearly)],
            [.. results.Where(r => r.Outcome is not (PolicyOutcome.Qualifies or PolicyOutcome.Nearly))]));
    }

    private static ValidationErrors CheckYear(int? year) =>
        new ValidationErrors().When(year is < MinYear or > MaxYear, "year", $"must be between {MinYear} and {MaxYear}");

    /// <summary>Who qualifies in a region's subtree (operators: within their own; administrators: any, default all).</summary>
    public async Task<WriteResult<QualifiedList>> QualifiedAsync(Caller caller, QualifiedQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(query);
        var (rows, errors, region, year) = await AllQualifiedAsync(caller, query, ct);
        if (rows is null)
        {
            return errors.IsValid ? WriteResult.Forbidden<QualifiedList>() : WriteResult.Invalid<QualifiedList>(errors);
        }
        var (all, count) = rows.Value;
        var page = query.Page ?? 1;
        var size = query.PageSize ?? 50;
        var items = all.Skip((page - 1) * size).Take(size).ToList();
        return WriteResult.Ok(new QualifiedList(region, year, query.Policy, count, new Page<QualifiedRow>(items, all.Count, page, size)));
    }

    private async Task<((IReadOnlyList<QualifiedRow> Rows, int Enterprises)? Rows, ValidationErrors Errors, string? Region, int Year)> AllQualifiedAsync(
        Caller caller, QualifiedQuery query, CancellationToken ct)
    {
        var y = query.Year ?? ChinaTime.Today(time).Year;
        if (!caller.IsAdmin && !caller.IsOperator)
        {
            return (null, new ValidationErrors(), null, y);
        }
        var region = string.IsNullOrWhiteSpace(query.Region) ? caller.ScopeRegion : query.Region.Trim();
        var errors = CheckYear(query.Year)
            .When(region is not null && (reference.Regions.Find(region) is null || !caller.InScope(region)), "region", "is not a region you may see")
            .When(query.Page is < 1 or > ListQuery.MaxPage, "page", $"must be between 1 and {ListQuery.MaxPage}")
            .When(query.PageSize is < 1 or > ListQuery.MaxPageSize, "pageSize", $"must be between 1 and {ListQuery.MaxPageSize}");
        var catalogue = await policies.CatalogueAsync(ct);
        errors.When(query.Policy is not null && catalogue.Policies.All(p => p.Key != query.Policy), "policy", "is not a policy of the catalogue");
        if (!errors.IsValid)
        {
            return (null, errors, region, y);
        }
        var period = Period.Year(y);
        var chosen = catalogue.Policies.Where(p => query.Policy is null || p.Key == query.Policy).ToList();
        var enterprisesFacts = await facts.ForAsync(null, region, period, ct);
        var rows = new List<QualifiedRow>();
        foreach (var row in enterprisesFacts)
        {
            foreach (var policy in chosen)
            {
                var result = policy.Evaluate(row.Facts, period);
                if (result.Outcome == PolicyOutcome.Qualifies)
                {
                    rows.Add(new QualifiedRow(row.Id, row.Name, row.RegionCode, policy.Key, policy.NameZh, policy.NameEn, result.AmountFen, result.Capped,
                        Proof(result)));
                }
            }
        }
        return ((rows, enterprisesFacts.Count), errors, region, y);
    }

    /// <summary>The facts that prove a result, one line: <c>signedGraduates = 2 ≥ 1; sizeClass = 2 ≤ 3</c>.</summary>
    public static string Proof(PolicyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return string.Join("; ", result.Conditions.Select(Line));
    }

    private static string Line(ConditionResult c) => c.Kind switch
    {
        ConditionKind.Compare => $"{c.Key}: {string.Join("+", c.Facts.Select(Figures.Name))} = {c.Value:0.##} {Symbol(c.Comparator)} {c.Threshold:0.##}",
        ConditionKind.AnyOf or ConditionKind.AllOf => $"{c.Key}: ({string.Join(", ", c.Parts.Select(Line))})",
        _ => $"{c.Key}: {c.Truth}",
    };

    private static string Symbol(Comparator? comparator) => comparator switch
    {
        Comparator.AtLeast => "≥",
        Comparator.Above => ">",
        Comparator.AtMost => "≤",
        _ => "<",
    };

    /// <summary>Every row of the qualified list (at most <see cref="MaxExportRows"/>) as CSV or Excel, audited as an export.</summary>
    public async Task<WriteResult<byte[]>> ExportAsync(Caller caller, QualifiedQuery query, string format, Func<string, string> regionName, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(regionName);
        if (format is not ("csv" or "xlsx"))
        {
            return WriteResult.Invalid<byte[]>(new ValidationErrors().Add("format", "must be one of csv, xlsx"));
        }
        var (rows, errors, region, year) = await AllQualifiedAsync(caller, query, ct);
        if (rows is null)
        {
            return errors.IsValid ? WriteResult.Forbidden<byte[]>() : WriteResult.Invalid<byte[]>(errors);
        }
        string[] header = ["enterpriseId", "enterprise", "regionCode", "region", "policy", "政策", "policyName", "amountYuan", "capped", "proof"];
        var cells = rows.Value.Rows.Take(MaxExportRows).Select(r => new object?[]
        {
            r.EnterpriseId, r.EnterpriseName, r.RegionCode, regionName(r.RegionCode), r.PolicyKey, r.PolicyNameZh, r.PolicyNameEn,
            r.AmountFen is { } fen ? fen / 100m : null, r.Capped, r.Proof,
        }).ToList();
        var bytes = CsvText.Table(format, header, cells);
        await AuditTrail.WriteAsync(db, new AuditEntry(time.GetUtcNow(), caller.AccountId, AuditAction.Export, "policyQualified", null, region ?? caller.ScopeRegion,
            "policy-qualified", $"format={format}&year={year}&region={region}&policy={query.Policy}&rows={cells.Count}"), ct);
        return WriteResult.Ok(bytes);
    }
}
