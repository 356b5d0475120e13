using System.Globalization;
using MathNet.Numerics.Statistics;
using TalentBridge.Domain.Reference;

namespace TalentBridge.Domain.Indices;

/// <summary>A unit's printed and computed rank (and score, where the table prints one on the same scale).</summary>
public sealed record ReproducedRank(string Unit, int PrintedRank, int ComputedRank, double? PrintedScore, double? ComputedScore);

/// <summary>
/// How closely the engine reproduces a ranking printed in seed 001: Spearman's rho between the printed and the
/// computed ranks, how many units have exactly the printed rank, and the largest score difference where comparable.
/// </summary>
public sealed record Reproduction(string Key, string Table, string Method, double Spearman, int ExactRanks, double? MaxScoreDifference, IReadOnlyList<ReproducedRank> Rows);

/// <summary>
/// Reproduces the rankings seed 001 prints from the figures it prints (<c>data/reference/indices/*.csv</c>, transcribed
/// from the stored report): B.11 表2 (the total scores rescaled onto 50–100), the 创新潜能 dimension of B.11 from the two
/// of its five indicators the report prints per city (表3, 表4), and B.11 表4's own ranking with its ties.
/// </summary>
public static class SeedReproduction
{
    public static IReadOnlyList<Reproduction> All() => [Table2(), Innovation(), Table4()];

    /// <summary>
    /// B.11 表2: the printed totals run from 50.00 to 100; min-max onto [50, 100] gives them back (within the rounding
    /// to two decimals), which is how the report presents its index; ranks by score with ties sharing the better rank,
    /// where the report breaks the ties of its rounded scores (慕尼黑 and 斯德哥尔摩 both 87.00: 15 and 16).
    /// </summary>
    public static Reproduction Table2()
    {
        var table = EmbeddedCsv.Load("reference/indices/b11-table2-total-scores.csv");
        var (city, score, rank) = (table.Column("city"), table.Column("score"), table.Column("rank"));
        var rows = table.Records.Select(r => (Unit: r[city], Score: Number(r[score]), Rank: (int)Number(r[rank]))).ToList();
        var result = Single("b11-total", rows.Select(r => (r.Unit, r.Score)), """{ "period": "2024", "normalisation": { "method": "minMax", "low": 50, "high": 100 } }""");
        return Compare("b11-table2", "B.11 表2 全球城市人才黏性指数 2024 年总排名", "min-max onto 50–100 of the printed total", rows.Select(r => (r.Unit, r.Rank, (double?)r.Score)), result, s => s.Score);
    }

    /// <summary>
    /// B.11 创新潜能: the shipped tree computed over the two indicators the report prints per city, 07 高被引科学家数量
    /// (表3) and 08 世界领先科研机构数量 (表4, institutions in the top 500), for the five cities whose dimension score it
    /// prints (北京 100, 旧金山 98.78, 纽约 93.51, 伦敦 90.78, 上海 89.95); 05, 06 and 09 are not printed per city.
    /// </summary>
    public static Reproduction Innovation()
    {
        var table = EmbeddedCsv.Load("reference/indices/b11-innovation-reproduction.csv");
        var (city, printed, rank, scientists, institutions) = (table.Column("city"), table.Column("printed_innovation_score"),
            table.Column("printed_innovation_rank"), table.Column("highly_cited_scientists"), table.Column("top500_institutions"));
        var tree = IndexTree.Embedded("b11-city-talent-retention");
        var data = new IndexDataset(
            [.. table.Records.Select(r => new IndexUnit(r[city], r[city], UnitKind.City, null))],
            [.. table.Records.SelectMany(r => new[] { new IndexObservation(r[city], "2023", "07", Number(r[scientists])), new IndexObservation(r[city], "2023", "08", Number(r[institutions])) })]);
        var (spec, errors) = IndexSpecification.Parse("""{ "period": "2023" }""", tree);
        var result = IndexEngine.Compute(tree, data, spec ?? throw new InvalidDataException(errors.ToString()));
        var innovation = result.Units.Select(u => u.Nodes["innovation"]).ToList();
        var ranks = IndexEngine.Ranks(innovation);
        var computed = result.Units.Select((u, i) => u with { Score = innovation[i], Rank = ranks[i] }).ToList();
        return Compare("b11-innovation", "B.11 创新潜能（图4 说明文字、表3、表4）", "min-max and equal weights over indicators 07 and 08",
            table.Records.Select(r => (r[city], (int)Number(r[rank]), (double?)null)), computed, _ => null);
    }

    /// <summary>B.11 表4: cities ranked by institutions in the Nature Index top 500, ties sharing the better rank (1, 2, 2, 4 …) as the table prints them.</summary>
    public static Reproduction Table4()
    {
        var table = EmbeddedCsv.Load("reference/indices/b11-table4-institutions.csv");
        var (city, rank, top500) = (table.Column("city"), table.Column("printed_rank"), table.Column("top500_institutions"));
        var rows = table.Records.Select(r => (Unit: r[city], Count: Number(r[top500]), Rank: (int)Number(r[rank]))).ToList();
        var result = Single("b11-institutions", rows.Select(r => (r.Unit, r.Count)), """{ "period": "2023" }""", "2023");
        return Compare("b11-table4", "B.11 表4 全球主要城市顶尖科研机构数量分布", "rank of the top-500 count", rows.Select(r => (r.Unit, r.Rank, (double?)null)), result, _ => null);
    }

    private static IReadOnlyList<UnitResult> Single(string key, IEnumerable<(string Unit, double Value)> values, string specJson, string period = "2024")
    {
        var (tree, treeErrors) = IndexTree.Parse($$"""
            { "key": "{{key}}", "nameZh": "{{key}}", "nameEn": "{{key}}",
              "source": { "document": "seed 001", "confirmed": false, "note": "a single printed figure" },
              "nodes": [ { "code": "x", "nameZh": "x", "nameEn": "x", "unit": "score", "direction": "positive" } ] }
            """);
        var list = values.ToList();
        var data = new IndexDataset([.. list.Select(v => new IndexUnit(v.Unit, v.Unit, UnitKind.City, null))],
            [.. list.Select(v => new IndexObservation(v.Unit, period, "x", v.Value))]);
        var (spec, specErrors) = IndexSpecification.Parse(specJson, tree ?? throw new InvalidDataException(treeErrors.ToString()));
        return IndexEngine.Compute(tree, data, spec ?? throw new InvalidDataException(specErrors.ToString())).Units;
    }

    private static Reproduction Compare(string key, string table, string method, IEnumerable<(string Unit, int Rank, double? Score)> printed,
        IReadOnlyList<UnitResult> computed, Func<UnitResult, double?> score)
    {
        var byUnit = computed.ToDictionary(u => u.Unit, StringComparer.Ordinal);
        var rows = printed.Select(p => new ReproducedRank(p.Unit, p.Rank, byUnit[p.Unit].Rank!.Value, p.Score, score(byUnit[p.Unit]))).ToList();
        var rho = Correlation.Spearman(rows.Select(r => (double)r.PrintedRank), rows.Select(r => (double)r.ComputedRank));
        var differences = rows.Where(r => r.PrintedScore is not null && r.ComputedScore is not null).Select(r => Math.Abs(r.PrintedScore!.Value - r.ComputedScore!.Value)).ToList();
        return new Reproduction(key, table, method, rho, rows.Count(r => r.PrintedRank == r.ComputedRank), differences.Count > 0 ? differences.Max() : null, rows);
    }

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
