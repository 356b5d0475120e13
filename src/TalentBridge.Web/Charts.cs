using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace TalentBridge.Web;

/// <summary>
/// Server-rendered SVG charts: no script, allowed by the content-security policy, readable by screen
/// readers through the title and the data table that always accompanies a chart.
/// </summary>
public static class Charts
{
    public sealed record Bar(string Label, long Value, long Second);

    /// <summary>
    /// Horizontal paired bars (e.g. talents and open positions per county). Lengths are percentages of the chart's
    /// width and text is drawn at the page's font size, so the chart fills any width and its labels never shrink:
    /// each row is its label with both values above the two bars.
    /// </summary>
    public static IHtmlContent PairedBars(string title, string firstName, string secondName, IReadOnlyList<Bar> bars)
    {
        const int legendHeight = 28, rowHeight = 56, barHeight = 11;
        var max = Math.Max(1, bars.Count == 0 ? 1 : bars.Max(b => Math.Max(b.Value, b.Second)));
        var e = PageEncoding.Html;
        var sb = new StringBuilder();
        var height = legendHeight + (bars.Count * rowHeight);
        // Bars start 8 px in and fill at most 95 % of the width, so that they end inside the frame.
        string Percent(long value) => (95m * value / max).ToString("0.##", CultureInfo.InvariantCulture) + "%";
        sb.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" role=\"img\" aria-label=\"{e.Encode(title)}\" width=\"100%\" height=\"{height}\">");
        sb.Append(CultureInfo.InvariantCulture, $"<title>{e.Encode(title)}</title>");
        sb.Append("<rect x=\"8\" y=\"6\" width=\"12\" height=\"12\" class=\"bar-1\"/>");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"26\" y=\"17\">{e.Encode(firstName)}</text>");
        sb.Append("<rect x=\"50%\" y=\"6\" width=\"12\" height=\"12\" class=\"bar-2\"/>");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"50%\" dx=\"18\" y=\"17\">{e.Encode(secondName)}</text>");
        for (var i = 0; i < bars.Count; i++)
        {
            var b = bars[i];
            var y = legendHeight + (i * rowHeight);
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"8\" y=\"{y + 17}\">{e.Encode(b.Label)}</text>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"100%\" dx=\"-8\" y=\"{y + 17}\" text-anchor=\"end\" class=\"value\">{b.Value:N0} / {b.Second:N0}</text>");
            sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"8\" y=\"{y + 24}\" width=\"{Percent(b.Value)}\" height=\"{barHeight}\" class=\"bar-1\"><title>{e.Encode($"{b.Label} {firstName} {b.Value:N0}")}</title></rect>");
            sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"8\" y=\"{y + 24 + barHeight + 2}\" width=\"{Percent(b.Second)}\" height=\"{barHeight}\" class=\"bar-2\"><title>{e.Encode($"{b.Label} {secondName} {b.Second:N0}")}</title></rect>");
        }
        sb.Append("</svg>");
        return new HtmlString(sb.ToString());
    }

    /// <summary>One part of a <see cref="StackedBar"/>: what it stands for, its size and the CSS class that colours it.</summary>
    public sealed record Segment(string Label, double Size, string CssClass);

    /// <summary>
    /// A horizontal stacked bar drawn on a scale of 0–<paramref name="scale"/>: the view box is
    /// <paramref name="scale"/> user units wide and each segment's width is its size, so the filled length
    /// is the total's share of the scale (a score of 80 fills four fifths of a 100-point bar); the rest
    /// is drawn as a light track. Sizes are written with two decimals and laid end to end without gaps.
    /// <paramref name="label"/> is the accessible name and should list the segments in words.
    /// </summary>
    public static IHtmlContent StackedBar(string label, IReadOnlyList<Segment> segments, double scale = 100)
    {
        var e = PageEncoding.Html;
        var sb = new StringBuilder();
        var width = Units((decimal)scale);
        sb.Append(CultureInfo.InvariantCulture, $"<svg class=\"stacked\" role=\"img\" aria-label=\"{e.Encode(label)}\" viewBox=\"0 0 {width} 10\" preserveAspectRatio=\"none\" width=\"100%\" height=\"16\" focusable=\"false\">");
        sb.Append(CultureInfo.InvariantCulture, $"<title>{e.Encode(label)}</title>");
        sb.Append(CultureInfo.InvariantCulture, $"<rect class=\"track\" x=\"0\" y=\"0\" width=\"{width}\" height=\"10\"/>");
        decimal x = 0;
        foreach (var s in segments)
        {
            var w = Math.Round((decimal)Math.Max(0, s.Size), 2, MidpointRounding.AwayFromZero);
            if (w == 0)
            {
                continue;
            }
            sb.Append(CultureInfo.InvariantCulture, $"<rect class=\"seg {e.Encode(s.CssClass)}\" x=\"{Units(x)}\" y=\"0\" width=\"{Units(w)}\" height=\"10\"><title>{e.Encode(s.Label)}</title></rect>");
            x += w;
        }
        sb.Append("</svg>");
        return new HtmlString(sb.ToString());
    }

    private static string Units(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
