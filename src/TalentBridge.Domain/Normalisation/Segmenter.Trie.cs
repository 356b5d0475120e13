namespace TalentBridge.Domain.Normalisation;

/// <summary>
/// A read-only character trie in compressed-row form: the root's children are a direct 64K table, every
/// other node's children are a sorted run of (char, node) edges found by binary search. Each node carries
/// the index of the key that ends there, or -1. Built once from keys; lookups allocate nothing and are
/// safe from any number of threads.
/// </summary>
internal sealed class CharTrie
{
    private readonly int[] _root;
    private readonly int[] _first;
    private readonly char[] _edgeChars;
    private readonly int[] _edgeTargets;
    private readonly int[] _values;

    private CharTrie(int[] root, int[] first, char[] edgeChars, int[] edgeTargets, int[] values)
    {
        _root = root;
        _first = first;
        _edgeChars = edgeChars;
        _edgeTargets = edgeTargets;
        _values = values;
    }

    /// <summary>Number of nodes, the root included.</summary>
    public int NodeCount => _values.Length;

    /// <summary>
    /// Builds the trie. <paramref name="keys"/> must be distinct and non-empty; the value of a key is its
    /// index in the list.
    /// </summary>
    public static CharTrie Build(IReadOnlyList<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var order = new int[keys.Count];
        var sorted = new string[keys.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
            sorted[i] = keys[i];
        }
        Array.Sort(sorted, order, StringComparer.Ordinal);

        var first = new List<int>();
        var values = new List<int>();
        var edgeChars = new List<char>();
        var edgeTargets = new List<int>();
        // Breadth first: node ids are handed out in the order nodes are queued, so each node's edges are
        // appended after those of all lower ids and the edge runs are contiguous.
        var queue = new Queue<(int Lo, int Hi, int Depth)>();
        queue.Enqueue((0, order.Length, 0));
        values.Add(-1);
        while (queue.Count > 0)
        {
            var (lo, hi, depth) = queue.Dequeue();
            var node = first.Count;
            first.Add(edgeChars.Count);
            if (lo < hi && keys[order[lo]].Length == depth)
            {
                values[node] = order[lo];
                lo++;
            }
            while (lo < hi)
            {
                var c = keys[order[lo]][depth];
                var end = lo + 1;
                while (end < hi && keys[order[end]][depth] == c)
                {
                    end++;
                }
                edgeChars.Add(c);
                edgeTargets.Add(values.Count);
                values.Add(-1);
                queue.Enqueue((lo, end, depth + 1));
                lo = end;
            }
        }
        first.Add(edgeChars.Count);

        var root = new int[char.MaxValue + 1];
        Array.Fill(root, -1);
        for (var e = first[0]; e < first[1]; e++)
        {
            root[edgeChars[e]] = edgeTargets[e];
        }
        return new CharTrie(root, [.. first], [.. edgeChars], [.. edgeTargets], [.. values]);
    }

    /// <summary>The child of <paramref name="node"/> along <paramref name="c"/>, or -1.</summary>
    public int Child(int node, char c)
    {
        if (node == 0)
        {
            return _root[c];
        }
        var lo = _first[node];
        var hi = _first[node + 1] - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >> 1;
            var m = _edgeChars[mid];
            if (m == c)
            {
                return _edgeTargets[mid];
            }
            if (m < c)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return -1;
    }

    /// <summary>Index of the key ending at <paramref name="node"/>, or -1.</summary>
    public int Value(int node) => _values[node];

    /// <summary>Index of the key equal to <paramref name="key"/>, or -1.</summary>
    public int Find(ReadOnlySpan<char> key)
    {
        var node = 0;
        foreach (var c in key)
        {
            node = Child(node, c);
            if (node < 0)
            {
                return -1;
            }
        }
        return _values[node];
    }
}
