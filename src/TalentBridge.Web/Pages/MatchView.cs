using System.Globalization;
using Microsoft.AspNetCore.Html;
using TalentBridge.Platform.Matching;

namespace TalentBridge.Web.Pages;

/// <summary>
/// Display helpers for the recommendations on the position and talent pages (Shared/_MatchExplanation):
/// factor and condition names in the current language, and the score bar.
/// </summary>
public static class MatchView
{
    /// <summary>How many recommendations the detail pages show.</summary>
    public const int Take = 20;

    /// <summary>A factor's name (<c>occupation</c> → 职业相近).</summary>
    public static string FactorName(Ui t, string factor) => t[$"MatchFactor.{factor}"];

    /// <summary>A hard condition's name (<c>workRegion</c> → 工作地区).</summary>
    public static string ConditionName(Ui t, string condition) => t[$"HardCondition.{condition}"];

    /// <summary>Points or a score with one decimal, rounded half away from zero as the engine rounds.</summary>
    public static string Points(double points) =>
        Math.Round(points, 1, MidpointRounding.AwayFromZero).ToString("F1", CultureInfo.CurrentCulture);

    /// <summary>A share (a view or a factor's value or weight) as a whole percentage.</summary>
    public static string Percent(double share) => share.ToString("P0", CultureInfo.CurrentCulture);

    /// <summary>The CSS class that colours a factor in the bar and in its legend.</summary>
    public static string FactorClass(string factor) => $"f-{factor}";

    /// <summary>The factors with points, in the engine's order (the position's view first).</summary>
    public static IEnumerable<FactorPoints> Scoring(MatchItem item) => item.Factors.Where(f => f.Points > 0);

    /// <summary>
    /// The score as a stacked bar on a 0–100 scale: one segment per factor, as wide as its points, so the
    /// filled part is the score's share of the bar. Its accessible name lists every factor's points.
    /// </summary>
    public static IHtmlContent Bar(Ui t, MatchItem item)
    {
        var factors = Scoring(item).ToList();
        var parts = string.Join(Localization.IsEnglish ? ", " : "，", factors.Select(f => t.Format("Match.FactorPoints", FactorName(t, f.Factor), Points(f.Points))));
        var segments = factors.Select(f => new Charts.Segment(t.Format("Match.FactorPoints", FactorName(t, f.Factor), Points(f.Points)), f.Points, FactorClass(f.Factor))).ToList();
        return Charts.StackedBar(t.Format("Match.BarLabel", Points(item.Score), parts), segments);
    }
}
