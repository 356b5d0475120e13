using System.Text;
using TalentBridge.Domain.Reference;

namespace TalentBridge.Domain.Aggregation;

/// <summary>
/// Folding of Chinese free text for comparison: full-width → half-width, lower case, traditional →
/// simplified (character by character, OpenCC TSCharacters, first candidate), and only letters and digits kept.
/// </summary>
public static class ChineseText
{
    private const string TableResource = "reference/chinese/ts-characters.tsv";

    // Index = UTF-16 code unit; value = folded character, or '\0' when the character is dropped.
    private static readonly char[] FoldTable = BuildFoldTable();

    private static readonly Lazy<Dictionary<char, char>> SimplifiedToTraditional = new(BuildInverse);

    /// <summary>Number of traditional → simplified pairs in the vendored table (BMP characters only).</summary>
    public static int TraditionalPairCount { get; private set; }

    /// <summary>Folds a text for comparison; null or empty gives an empty string.</summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }
        var buffer = text.Length <= 256 ? stackalloc char[text.Length] : new char[text.Length];
        var length = Fold(text, buffer);
        return new string(buffer[..length]);
    }

    /// <summary>Folds into <paramref name="destination"/> (at least as long as the text); returns the length.</summary>
    public static int Fold(ReadOnlySpan<char> text, Span<char> destination)
    {
        var table = FoldTable;
        var n = 0;
        foreach (var c in text)
        {
            var f = table[c];
            if (f != '\0')
            {
                destination[n++] = f;
            }
        }
        return n;
    }

    /// <summary>The folded form of a single character, or '\0' when folding drops it.</summary>
    public static char FoldChar(char c) => FoldTable[c];

    /// <summary>
    /// A traditional spelling of a simplified text (the inverse of the vendored table, one traditional character
    /// per simplified one). Used to make realistic test data; folding gives the simplified text back.
    /// </summary>
    public static string ToTraditional(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var map = SimplifiedToTraditional.Value;
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(map.TryGetValue(c, out var t) ? t : c);
        }
        return builder.ToString();
    }

    /// <summary>Whether <paramref name="c"/> has a traditional form different from itself.</summary>
    public static bool HasTraditional(char c) => SimplifiedToTraditional.Value.ContainsKey(c);

    private static char[] BuildFoldTable()
    {
        var table = new char[char.MaxValue + 1];
        for (var i = 0; i <= char.MaxValue; i++)
        {
            var c = (char)i;
            if (c is >= '\uFF01' and <= '\uFF5E')
            {
                c = (char)(c - 0xFEE0);   // full-width ASCII
            }
            if (char.IsSurrogate(c))
            {
                table[i] = c;             // kept as is; pairs are rare in postings and résumés
                continue;
            }
            table[i] = char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : '\0';
        }
        var pairs = 0;
        foreach (var (traditional, simplified) in ReadPairs())
        {
            table[traditional] = simplified;
            pairs++;
        }
        TraditionalPairCount = pairs;
        return table;
    }

    private static IEnumerable<(char Traditional, char Simplified)> ReadPairs()
    {
        foreach (var (key, value) in EmbeddedCsv.ReadTsv(TableResource))
        {
            if (key.Length == 1 && value.Length == 1)
            {
                yield return (key[0], value[0]);
            }
        }
    }

    private static Dictionary<char, char> BuildInverse()
    {
        var inverse = new Dictionary<char, char>();
        foreach (var (traditional, simplified) in ReadPairs())
        {
            inverse.TryAdd(simplified, traditional);
        }
        return inverse;
    }
}
