using System.Text;

namespace TalentBridge.Domain.TitleReview;

/// <summary>
/// The e-certificate's verification code: 16 random characters of Crockford's base-32 alphabet (80 bits, so it cannot
/// be guessed) and one check character by ISO/IEC 7064's hybrid method over 32 symbols, which catches every single
/// mistyped character and almost every swap of neighbours before the database is asked. Shown in groups of four
/// (<c>7K3Q-M9XD-2PRA-HZ4C-V</c>); read without case, dashes or spaces, with O as 0 and I, L as 1.
/// </summary>
public static class VerificationCode
{
    public const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    public const int RandomBytes = 10;
    private const int DataLength = 16;
    private const int Modulus = 32;

    /// <summary>The code for 10 random bytes (the caller draws them from a cryptographic generator).</summary>
    public static string Create(ReadOnlySpan<byte> random)
    {
        if (random.Length != RandomBytes)
        {
            throw new ArgumentException($"needs exactly {RandomBytes} random bytes", nameof(random));
        }
        var data = new char[DataLength];
        // 80 bits, five at a time.
        for (var i = 0; i < DataLength; i++)
        {
            var bit = i * 5;
            var value = ((random[bit / 8] << 8) | (bit / 8 + 1 < random.Length ? random[bit / 8 + 1] : 0)) >> (11 - bit % 8) & 31;
            data[i] = Alphabet[value];
        }
        return new string(data) + Alphabet[CheckValue(data)];
    }

    /// <summary>The code in canonical form (upper case, no separators, O→0, I/L→1), or null when it is not a well-formed code with a right check character.</summary>
    public static string? Normalise(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 40)
        {
            return null;
        }
        var code = new StringBuilder(DataLength + 1);
        foreach (var c in text.ToUpperInvariant())
        {
            if (c is '-' or ' ')
            {
                continue;
            }
            var mapped = c switch { 'O' => '0', 'I' or 'L' => '1', _ => c };
            if (Alphabet.IndexOf(mapped, StringComparison.Ordinal) < 0)
            {
                return null;
            }
            code.Append(mapped);
        }
        if (code.Length != DataLength + 1)
        {
            return null;
        }
        var value = code.ToString();
        return Alphabet[CheckValue(value.AsSpan(0, DataLength))] == value[DataLength] ? value : null;
    }

    /// <summary>The code in groups of four for display.</summary>
    public static string Display(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return string.Join('-', code.Chunk(4).Select(c => new string(c)));
    }

    /// <summary>ISO/IEC 7064 hybrid system MOD 33,32: the check value makes the running product end at 1.</summary>
    private static int CheckValue(ReadOnlySpan<char> data)
    {
        var p = Modulus;
        foreach (var c in data)
        {
            var s = (p + Alphabet.IndexOf(c, StringComparison.Ordinal)) % Modulus;
            p = (s == 0 ? Modulus : s) * 2 % (Modulus + 1);
        }
        return (Modulus + 1 - p) % Modulus;
    }
}

/// <summary>What the public verification page shows of a certificate. Stored as these numbers.</summary>
public enum CertificateStatus
{
    Valid = 1,
    Revoked = 2,
}

/// <summary>Masking of the holder's name on the public page: the family name and, for longer names, the last character.</summary>
public static class HolderName
{
    /// <summary>张三 → 张*, 张三丰 → 张*丰, 欧阳娜娜 → 欧**娜; Latin names keep their first letter (Anna → A***).</summary>
    public static string Mask(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var chars = name.Trim().EnumerateRunes().Select(r => r.ToString()).ToList();
        return chars.Count switch
        {
            0 => "",
            1 => "*",
            2 => chars[0] + "*",
            _ when chars.All(c => c == " " || (c.Length == 1 && char.IsAsciiLetter(c[0]))) => chars[0] + new string('*', chars.Count - 1),
            _ => chars[0] + new string('*', chars.Count - 2) + chars[^1],
        };
    }
}
