namespace TalentBridge.Domain;

/// <summary>
/// 统一社会信用代码 (GB 32100-2015): 18 characters from <c>0-9ABCDEFGHJKLMNPQRTUWXY</c>, the last one a
/// check character over the first 17 (weights 3^i mod 31, check = 31 − sum mod 31, 31 → 0).
/// </summary>
public static class Uscc
{
    public const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>Returns null when <paramref name="code"/> is valid, otherwise the rule it breaks.</summary>
    public static string? Check(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return "is required";
        }
        if (code.Length != 18)
        {
            return "must be 18 characters (GB 32100-2015)";
        }
        for (var i = 0; i < 18; i++)
        {
            if (Alphabet.IndexOf(code[i], StringComparison.Ordinal) < 0)
            {
                return $"character {i + 1} '{code[i]}' is not allowed (use 0-9 and A-Y without I, O, S, V, Z)";
            }
        }
        var expected = CheckCharacter(code.AsSpan(0, 17));
        return code[17] == expected ? null : $"check character must be '{expected}', not '{code[17]}'";
    }

    public static bool IsValid(string? code) => Check(code) is null;

    /// <summary>Computes the 18th character for the first 17.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17)
        {
            throw new ArgumentException("Expected 17 characters.", nameof(first17));
        }
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var value = Alphabet.IndexOf(first17[i], StringComparison.Ordinal);
            if (value < 0)
            {
                throw new ArgumentException($"'{first17[i]}' is not a USCC character.", nameof(first17));
            }
            sum += value * Weights[i];
        }
        var check = 31 - (sum % 31);
        return Alphabet[check == 31 ? 0 : check];
    }
}
