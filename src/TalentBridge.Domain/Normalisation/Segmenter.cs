using System.Buffers;
using System.Globalization;
using System.Text;

namespace TalentBridge.Domain.Normalisation;

/// <summary>
/// Chinese word segmentation as jieba does it without its HMM: the text is split into blocks of Han
/// characters, Latin letters, digits and <c>+#&amp;._%-</c>; within a block every dictionary word starting at
/// each position forms a DAG, and dynamic programming from the right picks the path with the highest sum of
/// log word probabilities (frequency / total; a character that starts no word counts as frequency 1). Runs of
/// single Latin letters and digits the dictionary does not know are joined into one token. Characters outside
/// blocks (punctuation) are tokens of their own; white space is dropped.
/// The dictionary is cppjieba's <c>jieba.dict.utf8</c> (<c>data/reference/segmentation</c>), folded like the
/// input: ASCII lower case, full-width forms to ASCII. Immutable and thread-safe after construction.
/// </summary>
public sealed class Segmenter
{
    private const string DictionaryResource = "reference/segmentation/jieba.dict.utf8";

    private static readonly Lazy<Segmenter> Default = new(
        () => new Segmenter(ReadDictionary(DictionaryResource)), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly CharTrie _trie;
    private readonly double[] _logProbability;
    private readonly double _unknownLogProbability;

    internal Segmenter(IEnumerable<(string Word, long Frequency)> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var frequencies = new Dictionary<string, long>(StringComparer.Ordinal);
        long total = 0;
        foreach (var (word, frequency) in words)
        {
            if (word.Length == 0 || frequency <= 0)
            {
                continue;
            }
            total += frequency;
            var folded = Fold(word);
            if (!frequencies.TryGetValue(folded, out var known) || known < frequency)
            {
                frequencies[folded] = frequency;
            }
        }
        if (total == 0)
        {
            throw new InvalidDataException("Segmenter: the dictionary is empty.");
        }

        var keys = new List<string>(frequencies.Count);
        var logTotal = Math.Log(total);
        _logProbability = new double[frequencies.Count];
        foreach (var (word, frequency) in frequencies)
        {
            _logProbability[keys.Count] = Math.Log(frequency) - logTotal;
            keys.Add(word);
        }
        _unknownLogProbability = -logTotal;
        _trie = CharTrie.Build(keys);
        WordCount = keys.Count;
    }

    /// <summary>The shared segmenter over the embedded jieba dictionary (loaded once, on first use).</summary>
    public static Segmenter Load() => Default.Value;

    /// <summary>Number of distinct (folded) dictionary words.</summary>
    public int WordCount { get; }

    /// <summary>Cuts <paramref name="text"/> into words; the words are substrings of the original text.</summary>
    public IReadOnlyList<string> Cut(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }
        var n = text.Length;
        var folded = ArrayPool<char>.Shared.Rent(n);
        var starts = ArrayPool<int>.Shared.Rent(n);
        var lengths = ArrayPool<int>.Shared.Rent(n);
        try
        {
            Fold(text, folded);
            var count = Tokenize(folded.AsSpan(0, n), starts, lengths);
            var words = new string[count];
            for (var k = 0; k < count; k++)
            {
                words[k] = text.Substring(starts[k], lengths[k]);
            }
            return words;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(folded);
            ArrayPool<int>.Shared.Return(starts);
            ArrayPool<int>.Shared.Return(lengths);
        }
    }

    /// <summary>
    /// Segments an already folded text into tokens (start, length) in text order; returns their number.
    /// <paramref name="starts"/> and <paramref name="lengths"/> need room for one token per character.
    /// </summary>
    internal int Tokenize(ReadOnlySpan<char> folded, Span<int> starts, Span<int> lengths)
    {
        var n = folded.Length;
        var route = ArrayPool<double>.Shared.Rent(n + 1);
        var next = ArrayPool<int>.Shared.Rent(n + 1);
        try
        {
            var count = 0;
            var i = 0;
            while (i < n)
            {
                var c = folded[i];
                if (IsBlockChar(c))
                {
                    var j = i + 1;
                    while (j < n && IsBlockChar(folded[j]))
                    {
                        j++;
                    }
                    count = SegmentBlock(folded, i, j, route, next, starts, lengths, count);
                    i = j;
                }
                else
                {
                    if (!char.IsWhiteSpace(c))
                    {
                        starts[count] = i;
                        lengths[count] = 1;
                        count++;
                    }
                    i++;
                }
            }
            return count;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(route);
            ArrayPool<int>.Shared.Return(next);
        }
    }

    private int SegmentBlock(
        ReadOnlySpan<char> text, int start, int end, double[] route, int[] next, Span<int> starts, Span<int> lengths, int count)
    {
        route[end] = 0;
        for (var i = end - 1; i >= start; i--)
        {
            var best = double.NegativeInfinity;
            var bestEnd = -1;
            var node = 0;
            for (var j = i; j < end; j++)
            {
                node = _trie.Child(node, text[j]);
                if (node < 0)
                {
                    break;
                }
                var word = _trie.Value(node);
                if (word >= 0)
                {
                    // '>=' keeps the longer word on a tie, as jieba's max over (probability, end) does.
                    var candidate = _logProbability[word] + route[j + 1];
                    if (candidate >= best)
                    {
                        best = candidate;
                        bestEnd = j + 1;
                    }
                }
            }
            if (bestEnd < 0)
            {
                best = _unknownLogProbability + route[i + 1];
                bestEnd = i + 1;
            }
            route[i] = best;
            next[i] = bestEnd;
        }

        var latin = -1;
        for (var i = start; i < end;)
        {
            var j = next[i];
            if (j - i == 1 && char.IsAsciiLetterOrDigit(text[i]))
            {
                if (latin < 0)
                {
                    latin = i;
                }
            }
            else
            {
                if (latin >= 0)
                {
                    starts[count] = latin;
                    lengths[count++] = i - latin;
                    latin = -1;
                }
                starts[count] = i;
                lengths[count++] = j - i;
            }
            i = j;
        }
        if (latin >= 0)
        {
            starts[count] = latin;
            lengths[count++] = end - latin;
        }
        return count;
    }

    /// <summary>jieba's block characters: CJK unified ideographs U+4E00–U+9FD5, ASCII letters and digits, +#&amp;._%-.</summary>
    private static bool IsBlockChar(char c) =>
        (c >= '\u4E00' && c <= '\u9FD5') || char.IsAsciiLetterOrDigit(c) || c is '+' or '#' or '&' or '.' or '_' or '%' or '-';

    /// <summary>Folds one character: full-width ASCII forms (U+FF01–U+FF5E) and the ideographic space to ASCII, ASCII upper to lower case.</summary>
    internal static char Fold(char c)
    {
        if (c < 128)
        {
            return c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
        }
        if (c is >= '\uFF01' and <= '\uFF5E')
        {
            c = (char)(c - 0xFEE0);
            return c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
        }
        return c == '\u3000' ? ' ' : c;
    }

    /// <summary>Folds <paramref name="text"/> character by character into <paramref name="destination"/> (same length, same offsets).</summary>
    internal static void Fold(ReadOnlySpan<char> text, Span<char> destination)
    {
        for (var i = 0; i < text.Length; i++)
        {
            destination[i] = Fold(text[i]);
        }
    }

    /// <summary>Folds a whole string.</summary>
    internal static string Fold(string text) =>
        string.Create(text.Length, text, static (destination, source) => Fold(source, destination));

    private static IEnumerable<(string Word, long Frequency)> ReadDictionary(string logicalName)
    {
        using var stream = typeof(Segmenter).Assembly.GetManifestResourceStream(logicalName)
            ?? throw new InvalidOperationException($"Embedded resource '{logicalName}' is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var frequency))
            {
                if (line.Length == 0)
                {
                    continue;
                }
                throw new InvalidDataException($"{logicalName}:{lineNumber}: expected 'word frequency [tag]'.");
            }
            yield return (parts[0], frequency);
        }
    }
}
