using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using TalentBridge.Domain.EnterpriseServices;
using TalentBridge.Domain.SharedPool;

namespace TalentBridge.Domain.Indices;

/// <summary>Whether a larger value of an indicator is better (<c>+</c> in seed 001's tables) or worse (<c>-</c>).</summary>
public enum IndicatorDirection
{
    Positive = 1,
    Negative = -1,
}

/// <summary>
/// An indicator the platform computes itself, per region and year, from its own tables (the Platform's
/// <c>IndexMeasures</c>); an indicator that names one needs no uploaded figure.
/// </summary>
public enum PlatformMeasure
{
    /// <summary>Talents registered in the year (new talent records), by place of residence.</summary>
    Registrations = 1,
    /// <summary>Agreements signed in the year at the region's positions by talents living outside the region.</summary>
    AgreementInflow = 2,
    /// <summary>Agreements signed in the year by the region's talents at positions outside the region.</summary>
    AgreementOutflow = 3,
    /// <summary>Inflow minus outflow.</summary>
    NetAgreementInflow = 4,
    /// <summary>The weighted median offered or agreed monthly wage of the year (yuan).</summary>
    MedianMonthlyWage = 5,
    /// <summary>People sought per application in the year (求人倍率; more means shorter supply).</summary>
    SoughtPerApplication = 6,
    /// <summary>The shared pool's median hours from an order to its first proposal, orders placed in the year.</summary>
    SharedPoolResponseHours = 7,
}

/// <summary>The ends of the goalposts normalisation: <see cref="Low"/> scores 0, <see cref="High"/> scores 100 (before direction).</summary>
public sealed record Goalposts
{
    public double Low { get; init; }
    public double High { get; init; }
}

/// <summary>
/// A node of an indicator tree: a dimension (it has children) or an indicator (it has none). <see cref="Parent"/> is the
/// code of the enclosing dimension, none for the top level. An indicator has a <see cref="Direction"/> and a unit; a
/// <see cref="Weight"/> is the node's share of its parent (all siblings give one, summing to 1, or none do and the
/// siblings weigh equally).
/// </summary>
public sealed record IndexNode
{
    public string Code { get; init; } = "";
    public string? Parent { get; init; }
    public string NameZh { get; init; } = "";
    public string NameEn { get; init; } = "";
    public string? Unit { get; init; }
    public IndicatorDirection? Direction { get; init; }
    public double? Weight { get; init; }
    /// <summary>The value that scores 100 in the distance-to-target normalisation.</summary>
    public double? Target { get; init; }
    public Goalposts? Goalposts { get; init; }
    public PlatformMeasure? Measure { get; init; }
    /// <summary>What the source leaves open (a weight it does not state, a direction inferred from the wording), in English.</summary>
    public string? Note { get; init; }
    /// <summary>The same in Chinese (or the source's own wording, such as B.12's 指标说明), shown on the Chinese pages.</summary>
    public string? NoteZh { get; init; }
}

/// <summary>
/// An indicator tree kept as data (JSON): the index, its dimensions (any depth) and indicators as a flat list of nodes
/// naming their parent, with where it comes from. <see cref="Parse"/> checks it and names the JSON path of every error
/// (<c>nodes[3].parent</c>); the parsed tree knows its children, indicators and the order to aggregate in.
/// </summary>
public sealed partial record IndexTree
{
    public const int MaxNodes = 400;
    private const double WeightTolerance = 1e-6;

    public string Key { get; init; } = "";
    public string NameZh { get; init; } = "";
    public string NameEn { get; init; } = "";
    public RuleSource Source { get; init; } = new();
    public string? Note { get; init; }
    public string? NoteZh { get; init; }
    public IReadOnlyList<IndexNode> Nodes { get; init; } = [];

    private Dictionary<string, IndexNode> _byCode = new(StringComparer.Ordinal);
    private Dictionary<string, List<IndexNode>> _children = new(StringComparer.Ordinal);

    [GeneratedRegex("^[a-z][a-z0-9-]{0,59}$")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")]
    private static partial Regex CodePattern();

    /// <summary>The indicators (nodes without children), in the order of the document.</summary>
    [JsonIgnore]
    public IReadOnlyList<IndexNode> Indicators { get; private set; } = [];

    /// <summary>The top-level nodes, whose aggregate is the index.</summary>
    [JsonIgnore]
    public IReadOnlyList<IndexNode> TopLevel => ChildrenOf(null);

    /// <summary>The dimensions (nodes with children), deepest first: the order in which they are aggregated.</summary>
    [JsonIgnore]
    public IReadOnlyList<IndexNode> Dimensions { get; private set; } = [];

    public IndexNode? Find(string code) => _byCode.GetValueOrDefault(code);

    public bool IsIndicator(IndexNode node) => !_children.ContainsKey(node.Code);

    /// <summary>The children of <paramref name="code"/> (the top level for null), in document order.</summary>
    public IReadOnlyList<IndexNode> ChildrenOf(string? code) => _children.GetValueOrDefault(code ?? "") ?? [];

    /// <summary>The top-level node an indicator or dimension belongs to (itself at the top level).</summary>
    public IndexNode TopOf(IndexNode node)
    {
        while (node.Parent is { } parent)
        {
            node = _byCode[parent];
        }
        return node;
    }

    /// <summary>The indicators under <paramref name="node"/> (itself for an indicator).</summary>
    public IEnumerable<IndexNode> IndicatorsUnder(IndexNode node) =>
        IsIndicator(node) ? [node] : ChildrenOf(node.Code).SelectMany(IndicatorsUnder);

    /// <summary>The shipped tree <c>reference/indices/{key}.json</c>.</summary>
    public static IndexTree Embedded(string key)
    {
        var name = $"reference/indices/{key}.json";
        using var stream = typeof(IndexTree).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource '{name}' is missing.");
        using var reader = new StreamReader(stream);
        var (tree, errors) = Parse(reader.ReadToEnd());
        return tree ?? throw new InvalidDataException($"{key}.json: {errors}");
    }

    /// <summary>The keys of the shipped trees.</summary>
    public static IReadOnlyList<string> EmbeddedKeys { get; } = ["b11-city-talent-retention", "b12-international-talent-service", "platform-talent-flow"];

    public static (IndexTree? Tree, ValidationErrors Errors) Parse(string json)
    {
        var (tree, errors) = AdmissionJson.Read<IndexTree>(json, "tree");
        if (tree is null)
        {
            return (null, errors);
        }
        tree.Validate(errors);
        return (errors.IsValid ? tree : null, errors);
    }

    public string ToJson() => JsonSerializer.Serialize(this, AdmissionJson.Options);

    private void Validate(ValidationErrors errors)
    {
        errors.When(!KeyPattern().IsMatch(Key), "key", "must be a lower-case name of letters, digits and dashes")
            .Required(NameZh, "nameZh", 200).Required(NameEn, "nameEn", 300).Optional(Note, "note", 4000).Optional(NoteZh, "noteZh", 4000)
            .When(Nodes.Count == 0, "nodes", "must have at least one node")
            .When(Nodes.Count > MaxNodes, "nodes", $"must have at most {MaxNodes} nodes");
        Source.Validate("source", errors);
        _byCode = new Dictionary<string, IndexNode>(StringComparer.Ordinal);
        for (var i = 0; i < Nodes.Count; i++)
        {
            var node = Nodes[i];
            var path = $"nodes[{i}]";
            errors.When(!CodePattern().IsMatch(node.Code), path + ".code", "must be 1–40 letters, digits, dots, dashes or underscores")
                .When(string.Equals(node.Code, Coherence.IndexCode, StringComparison.OrdinalIgnoreCase), path + ".code", "'index' names the index itself")
                .When(!_byCode.TryAdd(node.Code, node), path + ".code", $"'{node.Code}' is used twice")
                .Required(node.NameZh, path + ".nameZh", 200).Required(node.NameEn, path + ".nameEn", 300)
                .Optional(node.Unit, path + ".unit", 60).Optional(node.Note, path + ".note", 2000).Optional(node.NoteZh, path + ".noteZh", 2000)
                .When(node.Weight is < 0 or > 1 || node.Weight is { } w && !double.IsFinite(w), path + ".weight", "must be between 0 and 1");
        }
        _children = new Dictionary<string, List<IndexNode>>(StringComparer.Ordinal);
        for (var i = 0; i < Nodes.Count; i++)
        {
            var node = Nodes[i];
            if (node.Parent is { } parent && !_byCode.ContainsKey(parent))
            {
                errors.Add($"nodes[{i}].parent", $"'{parent}' is not the code of a node");
                continue;
            }
            if (string.Equals(node.Parent, node.Code, StringComparison.Ordinal))
            {
                errors.Add($"nodes[{i}].parent", "names the node itself");
                continue;
            }
            var key = node.Parent ?? "";
            if (!_children.TryGetValue(key, out var list))
            {
                _children[key] = list = [];
            }
            list.Add(node);
        }
        if (!errors.IsValid)
        {
            return;
        }
        var index = Nodes.Select((n, i) => (n, i)).ToDictionary(p => p.n.Code, p => p.i, StringComparer.Ordinal);
        // Every node must reach the top level; a cycle never does.
        for (var i = 0; i < Nodes.Count; i++)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var at = Nodes[i];
            while (at.Parent is { } parent && seen.Add(at.Code))
            {
                at = _byCode[parent];
            }
            if (at.Parent is not null)
            {
                errors.Add($"nodes[{i}].parent", "forms a cycle: the node never reaches the top level");
            }
        }
        if (!errors.IsValid)
        {
            return;
        }
        for (var i = 0; i < Nodes.Count; i++)
        {
            var node = Nodes[i];
            var path = $"nodes[{i}]";
            if (IsIndicator(node))
            {
                errors.When(node.Direction is null, path + ".direction", "is required for an indicator (positive or negative)")
                    .Required(node.Unit, path + ".unit", 60)
                    .When(node.Target is { } t && !double.IsFinite(t), path + ".target", "must be a number")
                    .When(node.Goalposts is { } g && !(g.Low < g.High), path + ".goalposts.high", "must be greater than low");
            }
            else
            {
                errors.When(node.Direction is not null, path + ".direction", "applies to indicators only (this node has children)")
                    .When(node.Target is not null, path + ".target", "applies to indicators only (this node has children)")
                    .When(node.Goalposts is not null, path + ".goalposts", "applies to indicators only (this node has children)")
                    .When(node.Measure is not null, path + ".measure", "applies to indicators only (this node has children)");
            }
        }
        foreach (var (parent, siblings) in _children)
        {
            var given = siblings.Count(s => s.Weight is not null);
            var first = $"nodes[{index[siblings[0].Code]}].weight";
            var top = parent.Length == 0;
            if (given > 0 && given < siblings.Count)
            {
                errors.Add(first, top
                    ? $"is given for {given} of the {siblings.Count} top-level nodes: give every sibling a weight or none"
                    : $"is given for {given} of the {siblings.Count} children of '{parent}': give every sibling a weight or none");
            }
            else if (given > 0)
            {
                var sum = siblings.Sum(s => s.Weight!.Value);
                var total = sum.ToString("0.######", CultureInfo.InvariantCulture);
                errors.When(Math.Abs(sum - 1) > WeightTolerance, first, top
                    ? $"the weights of the top-level nodes sum to {total}, not 1"
                    : $"the weights of the children of '{parent}' sum to {total}, not 1");
            }
        }
        Indicators = [.. Nodes.Where(IsIndicator)];
        Dimensions = [.. Nodes.Where(n => !IsIndicator(n)).OrderByDescending(Depth)];
    }

    private int Depth(IndexNode node)
    {
        var depth = 0;
        while (node.Parent is { } parent)
        {
            node = _byCode[parent];
            depth++;
        }
        return depth;
    }

    /// <summary>The weights the tree states for the children of <paramref name="parent"/>, equal ones where it states none.</summary>
    public IReadOnlyList<double> StatedWeights(string? parent)
    {
        var children = ChildrenOf(parent);
        return children.All(c => c.Weight is not null)
            ? [.. children.Select(c => c.Weight!.Value)]
            : [.. children.Select(_ => 1.0 / children.Count)];
    }
}
