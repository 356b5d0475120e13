using System.Globalization;
using TalentBridge.Domain;
using TalentBridge.Domain.Pools;
using TalentBridge.Domain.Reference;
using TalentBridge.Domain.SharedPool;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Overview;
using TalentBridge.Platform.SharedPool;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Pages.SharedPool;

/// <summary>
/// An expert as the classified index shows them to enterprises: masked personal data only (name, 职称 and skill level,
/// what they do, county, tags, modes, rating) — no phone, no ID number, no talent record id.
/// </summary>
public sealed record ExpertCard(long Id, string Name, string RegionCode, ExpertState State, ServiceModes Modes, string Summary,
    ProfessionalTitleLevel Title, SkillLevel SkillLevel, IReadOnlyList<long> TagIds, int Engagements, double? Rating, DateOnly? AdmittedOn,
    DateOnly? ExpiresOn, int Version) : IVersioned
{
    public static ExpertCard From(SharedExpert expert)
    {
        ArgumentNullException.ThrowIfNull(expert);
        return new(expert.Id, expert.Name, expert.RegionCode, expert.State, expert.Modes, expert.Summary, expert.Title, expert.SkillLevel, expert.TagIds,
            expert.Engagements, expert.Rating, expert.AdmittedOn, expert.ExpiresOn, expert.Version);
    }
}

/// <summary>A tag with the tags under it; <see cref="Total"/> counts the experts of the tag and of its children.</summary>
public sealed record TagNode(SharedTag Tag, IReadOnlyList<TagNode> Children)
{
    public int Total => Tag.Experts + Children.Sum(c => c.Total);

    /// <summary>The tags as trees (roots and children by name), in the order of their kinds.</summary>
    public static IReadOnlyList<TagNode> Build(IReadOnlyList<SharedTag> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var byParent = tags.Where(t => t.ParentId is not null).ToLookup(t => t.ParentId!.Value);
        var ids = tags.Select(t => t.Id).ToHashSet();
        TagNode Node(SharedTag tag) => new(tag, [.. byParent[tag.Id].OrderBy(t => t.Name, StringComparer.Ordinal).Select(Node)]);
        return [.. tags.Where(t => t.ParentId is null || !ids.Contains(t.ParentId.Value)).OrderBy(t => t.Kind).ThenBy(t => t.Name, StringComparer.Ordinal).Select(Node)];
    }
}

/// <summary>Who is looking and which city pool they look at.</summary>
public sealed record PoolViewer(Caller Caller, SharedPoolInfo? City, string? EnterpriseRegion)
{
    /// <summary>
    /// The platform's browsing rule (administrators, operators overlapping the city, the city's enterprise users), and the
    /// talents: the index shows masked data only, so a signed-in talent may see who else serves in the pool.
    /// </summary>
    public bool MayBrowse => City is not null && Caller.IsSignedIn
        && (SharedPools.CanBrowse(Caller, City.RegionCode, EnterpriseRegion) || Caller.Role == Role.Talent);

    public bool MayManageCity => City is not null && SharedPools.CanManageCity(Caller, City.RegionCode);

    /// <summary>Operators of any region inside the city (a county's or the city's) and administrators see the admissions.</summary>
    public bool MayAdminister => City is not null && (Caller.IsAdmin || (Caller.IsOperator && (Caller.InScope(City.RegionCode)
        || RegionCatalogue.Contains(City.RegionCode, Caller.ScopeRegion))));

    /// <summary>
    /// The city pool a caller looks at: the one asked for, else the city of the caller's region (an operator's scope, the
    /// enterprise's region, the talent's residence), else the platform's home city.
    /// </summary>
    public static async Task<PoolViewer> ForAsync(Caller caller, string? city, IServiceProvider services, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(services);
        var pools = services.GetRequiredService<SharedPools>();
        string? enterpriseRegion = null;
        string? home = null;
        if (caller.IsEnterpriseUser && caller.EnterpriseId is { } enterpriseId
            && await services.GetRequiredService<EnterpriseStore>().FindAsync(enterpriseId, ct) is { } enterprise)
        {
            enterpriseRegion = enterprise.RegionCode;
            home = enterprise.RegionCode;
        }
        else if (caller.IsOperator)
        {
            home = caller.RegionCode;
        }
        else if (caller.TalentId is { } talentId && await services.GetRequiredService<TalentStore>().FindAsync(talentId, ct) is { } talent)
        {
            home = talent.ResidenceRegionCode;
        }
        var pool = !string.IsNullOrWhiteSpace(city) ? await pools.CityPoolOfAsync(city.Trim(), ct) : null;
        pool ??= home is null ? null : await pools.CityPoolOfAsync(home, ct);
        pool ??= await pools.CityPoolOfAsync(services.GetRequiredService<Dashboard>().HomeRegion, ct);
        return new PoolViewer(caller, pool, enterpriseRegion);
    }
}

/// <summary>Words for the data of the shared pool: evidence items and rule conditions, in the page's language.</summary>
public static class SharedPoolText
{
    /// <summary>A dimension's name in the language the standard gives it (the English name when the page is English and one is given).</summary>
    public static string DimensionName(string nameZh, string nameEn) =>
        Localization.IsEnglish && !string.IsNullOrWhiteSpace(nameEn) ? nameEn : nameZh;

    public static string Modes(Ui ui, ServiceModes modes) =>
        string.Join(Localization.IsEnglish ? ", " : "、",
            Enum.GetValues<ServiceModes>().Where(m => m != ServiceModes.None && (modes & m) != 0).Select(m => ui.Label(m)));

    /// <summary>"二等奖 · 省级 · 2024 · 精密铸造大赛": an item's kind-specific values, then its title.</summary>
    public static string Describe(Ui ui, EvidenceItem item)
    {
        ArgumentNullException.ThrowIfNull(ui);
        ArgumentNullException.ThrowIfNull(item);
        var parts = new List<string> { ui.Label(item.Kind) };
        if (item.TitleLevel is { } titleLevel) parts.Add(ui.Label(titleLevel));
        if (item.SkillLevel is { } skill) parts.Add(ui.Label(skill));
        if (item.Education is { } education) parts.Add(ui.Label(education));
        if (item.Level is { } level) parts.Add(ui.Label(level));
        if (item.Grade is { } grade) parts.Add(ui.Label(grade));
        if (item.Placing is { } placing) parts.Add(ui.Format("Sp.Placing", placing));
        if (item.Rating is { } rating) parts.Add(ui.Label(rating));
        if (item.Role is { } role) parts.Add(ui.Label(role));
        if (item.AmountYuan is { } amount) parts.Add(ui.Format("Sp.AmountYuan", amount.ToString("N0", CultureInfo.CurrentCulture)));
        if (item.Years is { } years) parts.Add(ui.Format("Sp.YearsCount", years));
        if (item.PatentKind is { } patent) parts.Add(ui.Label(patent));
        if (item.Count is { } count) parts.Add(ui.Format("Sp.Count", count));
        if (item.Year is { } year) parts.Add(year.ToString(CultureInfo.InvariantCulture));
        if (!string.IsNullOrWhiteSpace(item.Title)) parts.Add(item.Title);
        return string.Join(" · ", parts);
    }

    /// <summary>A rule's conditions in words ("职称不低于中级", "近 5 年内"); none reads "any".</summary>
    public static string Conditions(Ui ui, RuleConditions when)
    {
        ArgumentNullException.ThrowIfNull(ui);
        ArgumentNullException.ThrowIfNull(when);
        var parts = new List<string>();
        if (when.MinTitleLevel is { } t) parts.Add(ui.Format("Sp.Cond.minTitleLevel", ui.Label(t)));
        if (when.MinSkillLevel is { } s) parts.Add(ui.Format("Sp.Cond.minSkillLevel", ui.Label(s)));
        if (when.MinEducation is { } e) parts.Add(ui.Format("Sp.Cond.minEducation", ui.Label(e)));
        if (when.MinLevel is { } l) parts.Add(ui.Format("Sp.Cond.minLevel", ui.Label(l)));
        if (when.MinGrade is { } g) parts.Add(ui.Format("Sp.Cond.minGrade", ui.Label(g)));
        if (when.MaxPlacing is { } p) parts.Add(ui.Format("Sp.Cond.maxPlacing", p));
        if (when.MinRating is { } r) parts.Add(ui.Format("Sp.Cond.minRating", ui.Label(r)));
        if (when.MinRole is { } ro) parts.Add(ui.Format("Sp.Cond.minRole", ui.Label(ro)));
        if (when.MinAmountYuan is { } a) parts.Add(ui.Format("Sp.Cond.minAmountYuan", a.ToString("N0", CultureInfo.CurrentCulture)));
        if (when.WithinYears is { } w) parts.Add(ui.Format("Sp.Cond.withinYears", w));
        if (when.MinYears is { } y) parts.Add(ui.Format("Sp.Cond.minYears", y));
        if (when.PatentKind is { } k) parts.Add(ui.Label(k));
        if (when.MinCount is { } c) parts.Add(ui.Format("Sp.Cond.minCount", c));
        return parts.Count == 0 ? ui["Sp.Cond.any"] : string.Join(Localization.IsEnglish ? ", " : "，", parts);
    }

    /// <summary>"6 分/项，最多 12 分" or "10 分".</summary>
    public static string Points(Ui ui, AdmissionRule rule)
    {
        ArgumentNullException.ThrowIfNull(ui);
        ArgumentNullException.ThrowIfNull(rule);
        return rule.Basis == PointsBasis.Once ? ui.Format("Sp.PointsOnce", rule.Points)
            : rule.Cap is { } cap ? ui.Format("Sp.PointsPerItemCap", rule.Points, cap) : ui.Format("Sp.PointsPerItem", rule.Points);
    }

    public static string Rating(double? rating) => rating is { } r ? r.ToString("0.0", CultureInfo.InvariantCulture) : "—";

    public static string When(DateTimeOffset at) => at.ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
