using System.Globalization;
using System.Text;
using MiniExcelLibs;
using TalentBridge.Domain.Indices;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Indices;

/// <summary>
/// A computed index as files: the ranking as CSV (one row per unit: score, rank, rank band, every dimension and
/// indicator, raw and normalised), and everything as an Excel workbook (ranking, weights, coverage, treatments,
/// coherence, uncertainty — one sheet each).
/// </summary>
public static class IndexExport
{
    public static byte[] Csv(IndexTree tree, IndexResult result)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(result);
        var rows = Ranking(tree, result);
        var text = new StringBuilder().AppendLine(CsvText.Line(rows[0].Keys));
        foreach (var row in rows)
        {
            text.AppendLine(CsvText.Line(row.Values));
        }
        return CsvText.Bytes(text);
    }

    public static byte[] Excel(IndexTree tree, IndexResult result)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(result);
        var sheets = new Dictionary<string, object>
        {
            ["ranking"] = Ranking(tree, result),
            ["weights"] = tree.Nodes.Select(n => Row(("code", n.Code), ("parent", n.Parent), ("name_zh", n.NameZh), ("name_en", n.NameEn),
                ("direction", n.Direction?.ToString()), ("weight", result.Weights.GetValueOrDefault(n.Code)),
                ("coverage", result.Coverage.ByIndicator.TryGetValue(n.Code, out var c) ? c : null))).ToList(),
            ["treatments"] = Rows(result.Treated.Select(t => Row(("unit", t.Unit), ("indicator", t.Indicator), ("what", t.What), ("before", t.Before), ("after", t.After))),
                "unit", "indicator", "what", "before", "after"),
            ["coherence"] = Rows(result.Coherence.Dimensions.SelectMany(d =>
                    d.Within.Concat(d.WithDimension).Select(p => Row(("dimension", d.Dimension), ("cronbach_alpha", d.CronbachAlpha), ("a", p.A), ("b", p.B), ("r", p.R))))
                .Concat(result.Coherence.Indicators.SelectMany(i => i.WithTopLevel.Select(p => Row(("dimension", i.Own), ("cronbach_alpha", null), ("a", p.A), ("b", p.B), ("r", p.R))))),
                "dimension", "cronbach_alpha", "a", "b", "r"),
            ["uncertainty"] = Rows((result.Uncertainty?.Units ?? []).Select(b => Row(("unit", b.Unit), ("rank", b.Nominal), ("median_rank", b.Median), ("rank_p5", b.P5), ("rank_p95", b.P95)))
                    .Concat((result.Uncertainty?.Sensitivity ?? []).Select(s => Row(("unit", s.Input), ("rank", null), ("median_rank", s.FirstOrder), ("rank_p5", null), ("rank_p95", null)))),
                "unit", "rank", "median_rank", "rank_p5", "rank_p95"),
        };
        using var stream = new MemoryStream();
        stream.SaveAs(sheets);
        return stream.ToArray();
    }

    /// <summary>One row per unit: unit, name, score, rank, the rank band when computed, then every node's score and every indicator's raw figure.</summary>
    private static List<Dictionary<string, object?>> Ranking(IndexTree tree, IndexResult result)
    {
        var bands = result.Uncertainty?.Units.ToDictionary(b => b.Unit, StringComparer.Ordinal);
        var rows = new List<Dictionary<string, object?>>();
        foreach (var unit in result.Units)
        {
            var row = Row(("unit", unit.Unit), ("name", unit.Name), ("score", Round(unit.Score)), ("rank", unit.Rank));
            if (bands is not null)
            {
                var band = bands.GetValueOrDefault(unit.Unit);
                row["median_rank"] = band?.Median;
                row["rank_p5"] = band?.P5;
                row["rank_p95"] = band?.P95;
            }
            foreach (var node in tree.Nodes.Where(n => !tree.IsIndicator(n)))
            {
                row[node.Code] = Round(unit.Nodes.GetValueOrDefault(node.Code));
            }
            foreach (var indicator in tree.Indicators)
            {
                row[$"{indicator.Code}_raw"] = unit.Raw.GetValueOrDefault(indicator.Code);
                row[$"{indicator.Code}_normalised"] = Round(unit.Nodes.GetValueOrDefault(indicator.Code));
            }
            rows.Add(row);
        }
        return rows.Count > 0 ? rows : [Row(("unit", null), ("name", null), ("score", null), ("rank", null))];
    }

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 4) : null;

    private static Dictionary<string, object?> Row(params (string Key, object? Value)[] cells) =>
        cells.ToDictionary(c => c.Key, c => c.Value is double d ? Math.Round(d, 6) : c.Value, StringComparer.Ordinal);

    /// <summary>The rows, or one empty row with the header when there are none (an empty sheet would lose its columns).</summary>
    private static List<Dictionary<string, object?>> Rows(IEnumerable<Dictionary<string, object?>> rows, params string[] header)
    {
        var list = rows.ToList();
        return list.Count > 0 ? list : [header.ToDictionary(h => h, _ => (object?)null, StringComparer.Ordinal)];
    }

    /// <summary>The file name of an export: tree key, what and when, e.g. <c>b11-city-talent-retention-run-12.csv</c>.</summary>
    public static string FileName(string treeKey, string what, long id, string extension) =>
        string.Create(CultureInfo.InvariantCulture, $"{treeKey}-{what}-{id}.{extension}");
}
