namespace TalentBridge.Domain.Normalisation;

/// <summary>
/// Scanning helpers shared by <see cref="RequirementNormaliser"/>: folding a short text into a
/// canonical form and reading Arabic or Chinese numbers. Allocation-free; everything works on spans.
/// </summary>
internal static class RequirementText
{
    /// <summary>Texts up to this length are folded into a stack buffer.</summary>
    internal const int StackLimit = 256;

    /// <summary>
    /// Copies <paramref name="source"/> into <paramref name="destination"/> (at least as long) with
    /// full-width ASCII turned into ASCII, dashes into '-', wave dashes into '~', '、' into '/',
    /// A-Z lowered, zero-width characters dropped and white space dropped except one space between two
    /// ASCII letters or digits ("high school", "3 years"). Returns the folded length.
    /// </summary>
    internal static int Fold(ReadOnlySpan<char> source, Span<char> destination)
    {
        var n = 0;
        var pendingSpace = false;
        foreach (var raw in source)
        {
            var c = raw;
            if (c is >= '\uFF01' and <= '\uFF5E')
            {
                c = (char)(c - 0xFEE0);
            }
            else
            {
                c = c switch
                {
                    '\u301C' or '\u223C' => '~',
                    '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212' or '\uFE63' => '-',
                    '\u3001' => '/',
                    '\u3002' => '.',
                    _ => c,
                };
            }

            if (c is '\u200B' or '\u200C' or '\u200D' or '\uFEFF')
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                pendingSpace = n > 0;
                continue;
            }

            if (c is >= 'A' and <= 'Z')
            {
                c = (char)(c + 32);
            }

            if (pendingSpace)
            {
                if (IsAsciiAlnum(destination[n - 1]) && IsAsciiAlnum(c))
                {
                    destination[n++] = ' ';
                }

                pendingSpace = false;
            }

            destination[n++] = c;
        }

        return n;
    }

    internal static bool IsAsciiAlnum(char c) => char.IsAsciiLetterOrDigit(c);

    internal static bool At(ReadOnlySpan<char> t, int i, string value) =>
        i <= t.Length && t[i..].StartsWith(value, StringComparison.Ordinal);

    internal static bool Has(ReadOnlySpan<char> t, string value) => t.Contains(value, StringComparison.Ordinal);

    internal static int SkipSpaces(ReadOnlySpan<char> t, int i)
    {
        while (i < t.Length && t[i] == ' ')
        {
            i++;
        }

        return i;
    }

    /// <summary>Whether the text before <paramref name="end"/> ends with <paramref name="value"/>, ignoring spaces in between.</summary>
    internal static bool EndsBefore(ReadOnlySpan<char> t, int end, string value)
    {
        var head = t[..end].TrimEnd(' ');
        return head.EndsWith(value, StringComparison.Ordinal);
    }

    /// <summary>Value of a Chinese digit (零〇一二两三四五六七八九), or -1.</summary>
    internal static int ChineseDigit(char c) => c switch
    {
        '零' or '〇' => 0,
        '一' or '壹' => 1,
        '二' or '两' or '贰' => 2,
        '三' or '叁' => 3,
        '四' or '肆' => 4,
        '五' or '伍' => 5,
        '六' or '陆' => 6,
        '七' or '柒' => 7,
        '八' or '捌' => 8,
        '九' or '玖' => 9,
        _ => -1,
    };

    private static bool IsTen(char c) => c is '十' or '拾';

    /// <summary>
    /// Reads a number starting at <paramref name="i"/>: ASCII digits with an optional decimal part
    /// ("1.5"), a Chinese numeral up to 99 ("五", "十", "十五", "二十", "二十五", "两") or "半" (0.5).
    /// </summary>
    internal static bool TryReadNumber(ReadOnlySpan<char> t, int i, out double value, out int end, out bool chinese)
    {
        value = 0;
        end = i;
        chinese = false;
        if (i >= t.Length)
        {
            return false;
        }

        var c = t[i];
        if (char.IsAsciiDigit(c))
        {
            var j = i;
            while (j < t.Length && char.IsAsciiDigit(t[j]))
            {
                if (j - i < 9)
                {
                    value = (value * 10) + (t[j] - '0');
                }

                j++;
            }

            if (j - i > 9)
            {
                value = double.MaxValue;
            }

            if (j + 1 < t.Length && t[j] == '.' && char.IsAsciiDigit(t[j + 1]))
            {
                j++;
                var scale = 0.1;
                while (j < t.Length && char.IsAsciiDigit(t[j]))
                {
                    value += (t[j] - '0') * scale;
                    scale /= 10;
                    j++;
                }
            }

            end = j;
            return true;
        }

        chinese = true;
        if (c == '半')
        {
            value = 0.5;
            end = i + 1;
            return true;
        }

        if (IsTen(c))
        {
            value = 10;
            end = i + 1;
            if (end < t.Length && ChineseDigit(t[end]) > 0)
            {
                value += ChineseDigit(t[end]);
                end++;
            }

            return true;
        }

        var d = ChineseDigit(c);
        if (d < 0)
        {
            return false;
        }

        value = d;
        end = i + 1;
        if (end < t.Length && IsTen(t[end]) && d > 0)
        {
            value = d * 10;
            end++;
            if (end < t.Length && ChineseDigit(t[end]) > 0)
            {
                value += ChineseDigit(t[end]);
                end++;
            }
        }

        return true;
    }

    /// <summary>Reads a range separator ('-', '~', '至', '到', "to") at <paramref name="i"/>; returns the index after it or -1.</summary>
    internal static int ReadRangeSeparator(ReadOnlySpan<char> t, int i)
    {
        i = SkipSpaces(t, i);
        if (i >= t.Length)
        {
            return -1;
        }

        if (t[i] is '-' or '~' or '至' or '到' or '—')
        {
            // "3--5" and "3至-5" are tolerated.
            var j = i + 1;
            while (j < t.Length && t[j] is '-' or '~')
            {
                j++;
            }

            return SkipSpaces(t, j);
        }

        if (At(t, i, "to ") || (At(t, i, "to") && i + 2 < t.Length && char.IsAsciiDigit(t[i + 2])))
        {
            return SkipSpaces(t, i + 2);
        }

        return -1;
    }
}
