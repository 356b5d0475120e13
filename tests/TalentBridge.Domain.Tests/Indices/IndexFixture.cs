using TalentBridge.Domain.Indices;

namespace TalentBridge.Domain.Tests.Indices;

/// <summary>A small tree (two dimensions, three indicators, one negative) and data the tests compute by hand.</summary>
internal static class IndexFixture
{
    public const string TreeJson = """
        {
          "key": "test-tree", "nameZh": "测试指数", "nameEn": "Test index",
          "source": { "document": "hand-made for the tests", "confirmed": false, "note": "no source" },
          "nodes": [
            { "code": "A", "nameZh": "甲", "nameEn": "A", "weight": 0.6 },
            { "code": "a1", "parent": "A", "nameZh": "甲一", "nameEn": "a1", "unit": "count", "direction": "positive", "weight": 0.5, "target": 25, "goalposts": { "low": 0, "high": 40 } },
            { "code": "a2", "parent": "A", "nameZh": "甲二", "nameEn": "a2", "unit": "days", "direction": "negative", "weight": 0.5, "target": 2, "goalposts": { "low": 0, "high": 6 } },
            { "code": "B", "nameZh": "乙", "nameEn": "B", "weight": 0.4 },
            { "code": "b1", "parent": "B", "nameZh": "乙一", "nameEn": "b1", "unit": "%", "direction": "positive", "target": 100, "goalposts": { "low": 0, "high": 100 } }
          ]
        }
        """;

    public static IndexTree Tree()
    {
        var (tree, errors) = IndexTree.Parse(TreeJson);
        Assert.True(errors.IsValid, errors.ToString());
        return tree!;
    }

    /// <summary>a1 10/20/30, a2 (negative) 5/1/3, b1 0/50/100 for U1, U2, U3 in 2024.</summary>
    public static IndexDataset Data(params IndexObservation[] more) => new(
        [new("U1", "Unit 1", UnitKind.City, "G1"), new("U2", "Unit 2", UnitKind.City, "G1"), new("U3", "Unit 3", UnitKind.City, "G2")],
        [
            new("U1", "2024", "a1", 10), new("U2", "2024", "a1", 20), new("U3", "2024", "a1", 30),
            new("U1", "2024", "a2", 5), new("U2", "2024", "a2", 1), new("U3", "2024", "a2", 3),
            new("U1", "2024", "b1", 0), new("U2", "2024", "b1", 50), new("U3", "2024", "b1", 100),
            .. more,
        ]);

    public static IndexSpecification Spec(string json, IndexTree tree)
    {
        var (spec, errors) = IndexSpecification.Parse(json, tree);
        Assert.True(errors.IsValid, errors.ToString());
        return spec!;
    }
}
