using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Xml.Linq;
using TalentBridge.Domain.Matching;
using TalentBridge.Platform.Matching;
using TalentBridge.Web.Pages;

namespace TalentBridge.Web.Tests;

/// <summary>The score bar of the shared explanation partial (Pages/Shared/_MatchExplanation) and its names.</summary>
public sealed class MatchExplanationTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void The_bar_segments_are_as_wide_as_the_factor_points_and_fill_the_score_share_of_the_bar()
    {
        var random = new Random(2026);
        var ui = new Ui();
        for (var run = 0; run < 500; run++)
        {
            var item = Item(random);
            var svg = Render(MatchView.Bar(ui, item));

            var track = svg.Elements(Svg + "rect").Single(r => Class(r) == "track");
            Assert.Equal(100m, Number(track, "width"));
            Assert.Equal("0 0 100 10", svg.Attribute("viewBox")!.Value);

            var segments = svg.Elements(Svg + "rect").Where(r => Class(r).StartsWith("seg ", StringComparison.Ordinal)).ToList();
            var scoring = item.Factors.Where(f => f.Points > 0).ToList();
            Assert.Equal(scoring.Count, segments.Count);
            decimal x = 0;
            for (var i = 0; i < segments.Count; i++)
            {
                Assert.Equal($"seg f-{scoring[i].Factor}", Class(segments[i]));
                Assert.Equal(x, Number(segments[i], "x"));
                Assert.Equal((decimal)scoring[i].Points, Number(segments[i], "width"));
                x += Number(segments[i], "width");
            }
            // The filled length is the score's share of the 100-unit bar, to the cent.
            Assert.Equal((decimal)item.Score, x);
            Assert.Equal(segments.Sum(s => Number(s, "width")) / 100m, (decimal)item.Score / 100m);
        }
    }

    [Fact]
    public void The_bar_names_the_score_and_each_factor_for_screen_readers()
    {
        CultureInfo.CurrentUICulture = Localization.Chinese;
        var item = Item(new Random(7));
        var svg = Render(MatchView.Bar(new Ui(), item));
        Assert.Equal("img", svg.Attribute("role")!.Value);
        var label = svg.Attribute("aria-label")!.Value;
        Assert.Equal(label, svg.Element(Svg + "title")!.Value);
        Assert.StartsWith($"匹配度 {MatchView.Points(item.Score)} 分", label, StringComparison.Ordinal);
        Assert.Contains("职业相近", label, StringComparison.Ordinal);
        Assert.All(svg.Elements(Svg + "rect").Where(r => Class(r) != "track"), r => Assert.NotNull(r.Element(Svg + "title")));
    }

    [Fact]
    public void Every_factor_side_and_hard_condition_has_a_name_in_both_languages()
    {
        var ui = new Ui();
        var names = JsonNamingPolicy.CamelCase;
        var keys = Enum.GetValues<MatchFactor>().Select(f => $"MatchFactor.{names.ConvertName(f.ToString())}")
            .Concat(Enum.GetValues<MatchSide>().Select(s => $"MatchSide.{names.ConvertName(s.ToString())}"))
            .Concat(Enum.GetValues<HardCondition>().Select(c => $"HardCondition.{names.ConvertName(c.ToString())}"));
        Assert.All(keys, k => Assert.True(ui.Has(k), k));
        Assert.Equal("职称/技能等级", MatchView.FactorName(ui, "levels"));
        Assert.Equal("技能等级要求", MatchView.ConditionName(ui, "skillLevel"));
    }

    /// <summary>A recommendation with random factor values, explained as the engine does: points sum to the score.</summary>
    private static MatchItem Item(Random random)
    {
        var weights = MatchScoring.Weights;
        var factors = Enum.GetValues<MatchFactor>();
        var values = factors.Select(_ => random.Next(4) == 0 ? 0 : random.NextDouble()).ToArray();
        double View(MatchSide side) => factors.Where(f => MatchScoring.SideOf(f) == side).Sum(f => weights[(int)f] * values[(int)f]);
        var p = View(MatchSide.Position);
        var t = View(MatchSide.Talent);
        var score = MatchScoring.Combine(p, t);
        double Share(MatchSide side)
        {
            var mine = side == MatchSide.Position ? p : t;
            var other = side == MatchSide.Position ? t : p;
            return mine < other ? 75 : mine > other ? 25 : 50;
        }
        var contributions = factors.Select(f => new FactorContribution(f, MatchScoring.SideOf(f), values[(int)f], weights[(int)f],
            weights[(int)f] * values[(int)f] * Share(MatchScoring.SideOf(f)))).ToList();
        var explanation = new MatchExplanation(1, 2, score, p, t, contributions, [], [], [HardCondition.PositionOpen]);
        var points = MatchQueries.Points(explanation);
        return new MatchItem(1, Math.Round(score, 2, MidpointRounding.AwayFromZero), score, 0, p, t, points, [], [], ["positionOpen"], null, null);
    }

    private static XElement Render(Microsoft.AspNetCore.Html.IHtmlContent content)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        content.WriteTo(writer, HtmlEncoder.Default);
        var svg = XElement.Parse(writer.ToString().Replace("<svg ", "<svg xmlns=\"http://www.w3.org/2000/svg\" ", StringComparison.Ordinal));
        Assert.Equal(Svg + "svg", svg.Name);
        return svg;
    }

    private static string Class(XElement e) => e.Attribute("class")?.Value ?? "";

    private static decimal Number(XElement e, string attribute) =>
        decimal.Parse(e.Attribute(attribute)!.Value, NumberStyles.Number, CultureInfo.InvariantCulture);
}
