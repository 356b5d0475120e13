using System.Data.Common;
using System.Text.Json;
using Dapper;
using TalentBridge.Domain;
using TalentBridge.Domain.EnterpriseServices;
using TalentBridge.Domain.Pools;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Audit;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.EnterpriseServices;

/// <summary>
/// Who sees an enterprise's services (self-assessments, policies, tier records): its own users, operators of its
/// region's subtree and administrators. Anyone else gets "not found", as for a record that does not exist.
/// </summary>
public static class ServiceScope
{
    public static bool CanSee(Caller caller, Enterprise enterprise)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(enterprise);
        return caller.IsAdmin || (caller.IsOperator && caller.InScope(enterprise.RegionCode)) || (caller.IsEnterpriseUser && caller.EnterpriseId == enterprise.Id);
    }

    /// <summary>The enterprise when it exists and the caller may see its services; null otherwise (answered as "not found").</summary>
    public static async Task<Enterprise?> VisibleAsync(EnterpriseStore enterprises, Caller caller, long enterpriseId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(enterprises);
        return await enterprises.FindAsync(enterpriseId, ct) is { } enterprise && CanSee(caller, enterprise) ? enterprise : null;
    }

    /// <summary>Confirming a tier: operators of the enterprise's region and administrators, never the enterprise itself.</summary>
    public static bool CanConfirmTier(Caller caller, Enterprise enterprise) =>
        caller.IsAdmin || (caller.IsOperator && caller.InScope(enterprise.RegionCode));

    /// <summary>The enterprise's industry section (门类 letter) from its GB/T 4754 code.</summary>
    public static string? Section(ReferenceData reference, string industryCode) => reference.Industries.Find(industryCode)?.Section;
}

/// <summary>The 专精特新 rule sets an assessment may use (embedded, parsed once).</summary>
public static class RuleSets
{
    public const string National = "srdi-2022-national";
    public static readonly IReadOnlyList<string> Keys = [National, "srdi-2022-example-province"];

    private static readonly Dictionary<string, Lazy<TierRuleSet>> Loaded =
        Keys.ToDictionary(k => k, k => new Lazy<TierRuleSet>(() => TierRuleSet.Embedded(k)), StringComparer.Ordinal);

    public static TierRuleSet? Find(string? key) => key is not null && Loaded.TryGetValue(key, out var rules) ? rules.Value : null;

    public static TierRuleSet Default => Find(National)!;
}

/// <summary>One tier's answer as stored with the assessment.</summary>
public sealed record TierSummary(string Tier, TierOutcome Outcome, int Total, int MaxPossible);

/// <summary>A stored self-assessment: the figures entered, by whom and when, the rule set and date, and each tier's answer.</summary>
public sealed record StoredAssessment(long Id, long EnterpriseId, string RuleSet, DateOnly RulesOn, IReadOnlyDictionary<string, decimal?> Figures,
    IReadOnlyList<TierSummary> Summary, DateTimeOffset EnteredAt, long? EnteredBy, string? EnteredByName);

/// <summary>A stored assessment with the full answer (recomputed from its figures, rule set and date: the same answer as on the day).</summary>
public sealed record AssessmentAnswer(StoredAssessment Assessment, SelfAssessment Result);

/// <summary>What a self-assessment is made of: the rule set (default the national one), the date (default today) and the figures by name.</summary>
public sealed record AssessmentInput(string? RuleSet, DateOnly? On, IReadOnlyDictionary<string, decimal?>? Figures);

/// <summary>
/// The 专精特新 gradient self-assessment (issue 14, item 1): an enterprise's user, or an operator for it, enters the
/// figures; every tier is evaluated under the chosen rule set as of a date; the figures, who entered them and each
/// tier's answer are stored with an audit row. History lists them newest first.
/// </summary>
public sealed class SelfAssessments(Database db, EnterpriseStore enterprises, ReferenceData reference, TimeProvider time)
{
    public const int HistoryLimit = 100;

    public async Task<WriteResult<AssessmentAnswer>> AssessAsync(Caller caller, long enterpriseId, AssessmentInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        if (await ServiceScope.VisibleAsync(enterprises, caller, enterpriseId, ct) is not { } enterprise)
        {
            return WriteResult.NotFound<AssessmentAnswer>();
        }
        var (rules, facts, on, errors) = Check(enterprise, input);
        if (!errors.IsValid)
        {
            return WriteResult.Invalid<AssessmentAnswer>(errors);
        }
        var result = rules!.Evaluate(facts, on);
        var summary = result.Tiers.Select(t => new TierSummary(t.Key, t.Outcome, t.Total, t.MaxPossibleTotal)).ToList();
        var now = time.GetUtcNow();
        var id = await db.InTransactionAsync(async (c, tx) =>
        {
            var id = await c.ExecuteScalarAsync<long>(
                "INSERT INTO es_self_assessments (enterprise_id, region_code, rule_set, rules_on, figures, summary, entered_at, entered_by) " +
                "VALUES (@enterpriseId, @region, @ruleSet, @on, @figures, @summary, @now, @by) RETURNING id",
                new
                {
                    enterpriseId, region = Row.StoredRegion(enterprise.RegionCode), ruleSet = rules.Key, on, figures = Figures.ToJson(facts),
                    summary = Row.ToJson(summary), now = Database.Utc(now), by = caller.AccountId,
                }, tx);
            await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, caller.AccountId, AuditAction.Create, "selfAssessment", id, enterprise.RegionCode,
                "self-assessment", JsonSerializer.Serialize(new { enterpriseId, ruleSet = rules.Key, on, summary = summary.Select(s => $"{s.Tier}:{s.Outcome}") })));
            return id;
        }, ct);
        return WriteResult.Ok(new AssessmentAnswer(
            new StoredAssessment(id, enterpriseId, rules.Key, on, Figures.Entered(facts).ToDictionary(p => p.Key, p => (decimal?)p.Value), summary, now,
                caller.AccountId, null),
            result));
    }

    /// <summary>Evaluates without storing (the form's check before saving, and the bench's shape of work).</summary>
    public (TierRuleSet? Rules, EnterpriseFacts Facts, DateOnly On, ValidationErrors Errors) Check(Enterprise enterprise, AssessmentInput input)
    {
        ArgumentNullException.ThrowIfNull(enterprise);
        ArgumentNullException.ThrowIfNull(input);
        var rules = input.RuleSet is null ? RuleSets.Default : RuleSets.Find(input.RuleSet);
        var (facts, errors) = Figures.Read(input.Figures, enterprise.RegionCode, ServiceScope.Section(reference, enterprise.IndustryCode));
        var on = input.On ?? ChinaTime.Today(time);
        errors.When(rules is null, "ruleSet", $"must be one of {string.Join(", ", RuleSets.Keys)}")
            .When(rules is not null && on < rules.EffectiveFrom, "on", $"must be on or after {rules?.EffectiveFrom:yyyy-MM-dd}")
            .When(on > ChinaTime.Today(time).AddYears(1), "on", "must be at most a year from today")
            .When(input.Figures is null || !input.Figures.Values.Any(v => v is not null), "figures", "must have at least one figure");
        return (rules, facts, on, errors);
    }

    public async Task<IReadOnlyList<StoredAssessment>?> HistoryAsync(Caller caller, long enterpriseId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (await ServiceScope.VisibleAsync(enterprises, caller, enterpriseId, ct) is not { } enterprise)
        {
            return null;
        }
        await using var c = await db.OpenAsync(ct);
        return await QueryAsync(c, $"s.enterprise_id = @enterpriseId ORDER BY s.id DESC LIMIT {HistoryLimit}", new { enterpriseId }, ct);
    }

    /// <summary>One stored assessment with its full answer, recomputed from what was entered under the same rule set and date.</summary>
    public async Task<AssessmentAnswer?> FindAsync(Caller caller, long enterpriseId, long id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (await ServiceScope.VisibleAsync(enterprises, caller, enterpriseId, ct) is not { } enterprise)
        {
            return null;
        }
        await using var c = await db.OpenAsync(ct);
        if (await QueryAsync(c, "s.enterprise_id = @enterpriseId AND s.id = @id", new { enterpriseId, id }, ct) is not [var stored]
            || RuleSets.Find(stored.RuleSet) is not { } rules)
        {
            return null;
        }
        var (facts, _) = Figures.Read(stored.Figures, enterprise.RegionCode, ServiceScope.Section(reference, enterprise.IndustryCode));
        return new AssessmentAnswer(stored, rules.Evaluate(facts, stored.RulesOn));
    }

    private static async Task<IReadOnlyList<StoredAssessment>> QueryAsync(DbConnection c, string where, object args, CancellationToken ct)
    {
        var rows = new List<StoredAssessment>();
        await using var r = await c.ExecuteReaderAsync(
            "SELECT s.id, s.enterprise_id, s.rule_set, s.rules_on, s.figures, s.summary, s.entered_at, s.entered_by, a.display_name " +
            $"FROM es_self_assessments s LEFT JOIN accounts a ON a.id = s.entered_by WHERE {where}", args);
        while (await r.ReadAsync(ct))
        {
            rows.Add(new StoredAssessment(r.Long(0), r.Long(1), r.GetString(2), r.Date(3), Figures.FromJson(r.GetString(4)),
                r.FromJson<List<TierSummary>>(5), r.Timestamp(6), r.NullableLong(7), r.NullableString(8)));
        }
        return rows;
    }
}
