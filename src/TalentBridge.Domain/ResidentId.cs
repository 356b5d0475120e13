namespace TalentBridge.Domain;

/// <summary>Resident identity number (GB 11643): 17 digits and a check character from <c>10X98765432</c>.</summary>
public static class ResidentId
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    /// <summary>Returns null when valid, otherwise the rule broken.</summary>
    public static string? Check(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return "is required";
        }
        if (id.Length != 18)
        {
            return "must be 18 characters (GB 11643)";
        }
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(id[i]))
            {
                return $"character {i + 1} must be a digit";
            }
            sum += (id[i] - '0') * Weights[i];
        }
        var expected = CheckCharacters[sum % 11];
        var actual = char.ToUpperInvariant(id[17]);
        return actual == expected ? null : $"check character must be '{expected}', not '{id[17]}'";
    }

    /// <summary>Computes the check character for the first 17 digits.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }
        return CheckCharacters[sum % 11];
    }
}
