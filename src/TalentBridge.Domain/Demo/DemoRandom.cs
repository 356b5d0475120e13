namespace TalentBridge.Domain.Demo;

/// <summary>
/// A small SplitMix64 generator. Each record gets its own instance derived from (seed, stream, id), so a
/// record does not depend on the records before it and every stream can be produced independently.
/// </summary>
internal struct DemoRandom
{
    private ulong _state;

    public DemoRandom(int seed, ulong stream, long id)
    {
        _state = Mix(Mix(((ulong)(uint)seed << 32) ^ stream) ^ (ulong)id);
    }

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, n).</summary>
    public int Next(int n) => (int)(((NextUInt64() >> 32) * (ulong)(uint)n) >> 32);

    /// <summary>Uniform in [min, max] (both inclusive).</summary>
    public int Between(int min, int max) => min + Next(max - min + 1);

    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double p) => NextDouble() < p;

    public T Pick<T>(T[] items) => items[Next(items.Length)];
}

/// <summary>Items with weights, precomputed once; picking is a binary search over cumulative weights.</summary>
internal sealed class Weighted<T>
{
    private readonly T[] _items;
    private readonly double[] _cumulative;

    public Weighted(IEnumerable<(T Item, double Weight)> entries)
    {
        var items = new List<T>();
        var cumulative = new List<double>();
        var total = 0.0;
        foreach (var (item, weight) in entries)
        {
            if (weight <= 0)
            {
                continue;
            }
            total += weight;
            items.Add(item);
            cumulative.Add(total);
        }
        if (items.Count == 0)
        {
            throw new ArgumentException("A weighted table needs at least one positive weight.", nameof(entries));
        }
        _items = [.. items];
        _cumulative = [.. cumulative];
    }

    public int Count => _items.Length;

    public IReadOnlyList<T> Items => _items;

    public T Pick(ref DemoRandom random)
    {
        var x = random.NextDouble() * _cumulative[^1];
        var lo = 0;
        var hi = _cumulative.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (_cumulative[mid] > x)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }
        return _items[lo];
    }
}

/// <summary>Keyed bijections used to give records unique yet random-looking numbers.</summary>
internal static class Permutation
{
    /// <summary>A four-round Feistel permutation of [0, 10^8) (two halves of 10^4).</summary>
    public static int Of100Million(int value, int seed)
    {
        var left = value / 10_000;
        var right = value % 10_000;
        for (var round = 0; round < 4; round++)
        {
            var f = (int)(Hash((uint)right, (uint)seed, (uint)round) % 10_000);
            (left, right) = (right, (left + f) % 10_000);
        }
        return (left * 10_000) + right;
    }

    private static uint Hash(uint x, uint seed, uint round)
    {
        var h = (x * 0x9E3779B1u) ^ (seed * 0x85EBCA77u) ^ (round * 0xC2B2AE3Du);
        h ^= h >> 15;
        h *= 0x2C1B3C6Du;
        h ^= h >> 12;
        h *= 0x297A2D39u;
        return h ^ (h >> 15);
    }
}
