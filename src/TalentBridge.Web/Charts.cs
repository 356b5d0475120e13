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

    private static string Units(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>
    /// A small column chart of a short series (e.g. a subject's last 12 months) beside a table cell; the last column is
    /// marked. <paramref name="label"/> is the accessible name and should give the values in words.
    /// </summary>
    public static IHtmlContent Sparkline(string label, IReadOnlyList<int> values)
    {
        const int step = 6, width = 4, height = 24;
        var e = PageEncoding.Html;
        var max = Math.Max(1, values.Count == 0 ? 1 : values.Max());
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg class=\"sparkline\" role=\"img\" aria-label=\"{e.Encode(label)}\" viewBox=\"0 0 {values.Count * step} {height}\" width=\"{values.Count * step * 3 / 2}\" height=\"{height * 3 / 2}\" focusable=\"false\">");
        sb.Append(CultureInfo.InvariantCulture, $"<title>{e.Encode(label)}</title>");
        for (var i = 0; i < values.Count; i++)
        {
            var h = Math.Max(values[i] > 0 ? 1.0 : 0.5, (double)height * values[i] / max);
            sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{i * step + 1}\" y=\"{Units(height - h)}\" width=\"{width}\" height=\"{Units(h)}\"{(i == values.Count - 1 ? " class=\"last\"" : "")}/>");
        }
        sb.Append("</svg>");
        return new HtmlString(sb.ToString());
    }

    /// <summary>
    /// A line chart of a monthly series and its forecast: the history as a solid line, the forecast as a dashed line
    /// continuing from the last month, a zero line, the largest value on the axis and the first, last and final forecast
    /// months below. <paramref name="months"/> names every point, history then forecast.
    /// </summary>
    public static IHtmlContent SeriesChart(string title, string historyName, string forecastName, IReadOnlyList<string> months,
        IReadOnlyList<double> history, IReadOnlyList<double> forecast)
    {
        const int width = 760, height = 260, left = 48, right = 16, top = 34, bottom = 28;
        var e = PageEncoding.Html;
        var count = history.Count + forecast.Count;
        var max = Math.Max(1, history.Concat(forecast).DefaultIfEmpty(0).Max());
        double X(int i) => left + (count <= 1 ? 0 : (double)(width - left - right) * i / (count - 1));
        double Y(double v) => top + (height - top - bottom) * (1 - v / max);
        string Points(IEnumerable<(int I, double V)> points) => string.Join(' ', points.Select(p => $"{Units(X(p.I))},{Units(Y(p.V))}"));
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart series\" role=\"img\" aria-label=\"{e.Encode(title)}\" viewBox=\"0 0 {width} {height}\" width=\"100%\">");
        sb.Append(CultureInfo.InvariantCulture, $"<title>{e.Encode(title)}</title>");
        sb.Append(CultureInfo.InvariantCulture, $"<line class=\"history\" x1=\"{left}\" y1=\"14\" x2=\"{left + 24}\" y2=\"14\"/><text x=\"{left + 30}\" y=\"19\">{e.Encode(historyName)}</text>");
        sb.Append(CultureInfo.InvariantCulture, $"<line class=\"forecast\" x1=\"{width / 2}\" y1=\"14\" x2=\"{width / 2 + 24}\" y2=\"14\"/><text x=\"{width / 2 + 30}\" y=\"19\">{e.Encode(forecastName)}</text>");
        sb.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"{left}\" y1=\"{Units(Y(0))}\" x2=\"{width - right}\" y2=\"{Units(Y(0))}\"/>");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 6}\" y=\"{top + 5}\" text-anchor=\"end\" class=\"value\">{max:N0}</text>");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 6}\" y=\"{Units(Y(0) + 5)}\" text-anchor=\"end\" class=\"value\">0</text>");
        if (history.Count > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<polyline class=\"history\" points=\"{Points(history.Select((v, i) => (i, v)))}\"/>");
        }
        if (forecast.Count > 0)
        {
            var from = history.Count > 0 ? new[] { (history.Count - 1, history[^1]) } : [];
            sb.Append(CultureInfo.InvariantCulture, $"<polyline class=\"forecast\" points=\"{Points(from.Concat(forecast.Select((v, i) => (history.Count + i, v))))}\"/>");
        }
        foreach (var i in new[] { 0, history.Count - 1, count - 1 }.Where(i => i >= 0 && i < months.Count).Distinct())
        {
            var anchor = i == 0 ? "start" : i == count - 1 ? "end" : "middle";
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Units(X(i))}\" y=\"{height - 8}\" text-anchor=\"{anchor}\" class=\"value\">{e.Encode(months[i])}</text>");
        }
        sb.Append("</svg>");
        return new HtmlString(sb.ToString());
    }
}
