using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain.Indices;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Pages.Indices;

/// <summary>A computed result as the run and publication pages show it: the ranking sorted and paged, and the rest whole.</summary>
public sealed record IndexResultView(IndexTree Tree, IndexResult Result, Page<UnitResult> Units, string Sort, PagerModel Pager, string Base)
{
    public const int PageSize = 50;

    /// <summary>Default escaping: a name holding "&lt;/script&gt;" cannot end the JSON block.</summary>
    private static readonly JsonSerializerOptions ScriptJson = new(JsonSerializerDefaults.Web);

    public static readonly IReadOnlyList<string> Sorts = ["rank", "name", "median", "band"];

    public RankBand? Band(string unit) => Result.Uncertainty?.Units.FirstOrDefault(b => b.Unit == unit);

    /// <summary>Sorts (rank, name, median rank, width of the rank band; unknown: rank) and pages the units.</summary>
    public static IndexResultView For(IndexTree tree, IndexResult result, string? sort, string? page, HttpRequest request, string basePath)
    {
        var bands = result.Uncertainty?.Units.ToDictionary(b => b.Unit, StringComparer.Ordinal) ?? [];
        sort = Sorts.Contains(sort) ? sort! : "rank";
        IEnumerable<UnitResult> sorted = sort switch
        {
            "name" => result.Units.OrderBy(u => u.Name, StringComparer.Ordinal),
            "median" => result.Units.OrderBy(u => bands.TryGetValue(u.Unit, out var b) ? b.Median : u.Rank ?? int.MaxValue).ThenBy(u => u.Rank),
            "band" => result.Units.OrderBy(u => bands.TryGetValue(u.Unit, out var b) ? b.P95 - b.P5 : 0).ThenBy(u => u.Rank),
            _ => result.Units,
        };
        var all = sorted.ToList();
        var pageCount = Math.Max(1, (all.Count + PageSize - 1) / PageSize);
        var number = int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? Math.Clamp(p, 1, pageCount) : 1;
        var units = new Page<UnitResult>([.. all.Skip((number - 1) * PageSize).Take(PageSize)], all.Count, number, PageSize);
        return new IndexResultView(tree, result, units, sort, PagerModel.For(units, request), basePath);
    }

    public static string Name(IndexNode node) => Localization.IsEnglish ? node.NameEn : node.NameZh;

    public static string Name(IndexTree tree) => Localization.IsEnglish ? tree.NameEn : tree.NameZh;

    /// <summary>A note in the page's language: the English one on the English page (the Chinese where there is none), only the Chinese one on the Chinese page.</summary>
    public static string? Note(string? zh, string? en) => Localization.IsEnglish ? en ?? zh : zh;

    /// <summary>A unit as the page says it: a known unit translated, any other as written in the tree.</summary>
    public static string? Unit(Ui t, string? unit) => unit is not null && t.Has("Indices.UnitName." + unit) ? t["Indices.UnitName." + unit] : unit;

    /// <summary>A node's name by code (the index itself for <see cref="Coherence.IndexCode"/>).</summary>
    public string NodeName(Ui t, string code) => code == Coherence.IndexCode ? t["Indices.Index"] : Tree.Find(code) is { } n ? $"{n.Code} {Name(n)}" : code;

    public static string Number(double? value, string format = "0.00") => value is { } v ? v.ToString(format, CultureInfo.CurrentCulture) : "—";

    /// <summary>The data of the rank-band chart (drawn by js/indices.js): per unit of the page, its name, rank, median and 5–95 % band.</summary>
    public string ChartData(Ui t) => JsonSerializer.Serialize(new
    {
        locale = Localization.IsEnglish ? "EN" : "ZH",
        rankLabel = t["Indices.Rank"], medianLabel = t["Indices.MedianRank"], bandLabel = t["Indices.RankBand"],
        units = Units.Items.Select(u => (u, b: Band(u.Unit))).Where(p => p.b is not null)
            .Select(p => new { name = p.u.Name, rank = p.u.Rank, median = p.b!.Median, p5 = p.b.P5, p95 = p.b.P95 }),
    }, ScriptJson);
}

/// <summary>Who may use the composite-index pages: operators and administrators (as the other analytics pages).</summary>
internal static class IndexPages
{
    public static IActionResult? Refusal(PageModel page)
    {
        var caller = Caller.From(page.User);
        return !caller.IsSignedIn ? page.Challenge() : caller.IsAdmin || caller.IsOperator ? null : page.Forbid();
    }
}
