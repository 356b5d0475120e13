using System.Security.Cryptography;
using System.Text;

namespace TalentBridge.Domain;

/// <summary>
/// Minimum-necessary handling of contact data: the platform stores a masked value for display and a
/// keyed hash (HMAC-SHA256 with a deployment secret) for exact look-ups and duplicate detection,
/// never the raw phone number or ID number in the clear. Where the platform must reach a person (a contact reveal, a
/// password-reset code by SMS or e-mail) it keeps a sealed copy: AES-256-GCM under a key derived (HKDF) from the same
/// deployment secret, so that a copy of the database alone reveals nothing.
/// </summary>
public sealed class ContactProtector(byte[] key)
{
    private const string SealVersion = "v1:";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly byte[] _key = key.Length >= 16 ? key : throw new ArgumentException("The hashing key must be at least 16 bytes.", nameof(key));
    private readonly byte[] _sealKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, key, 32, info: Encoding.UTF8.GetBytes("talentbridge contact seal v1"));

    /// <summary>The value encrypted and authenticated: "v1:" and the base64 of nonce, cipher text and tag.</summary>
    public string Seal(string value)
    {
        var plain = Encoding.UTF8.GetBytes(value);
        var box = new byte[NonceSize + plain.Length + TagSize];
        var nonce = box.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_sealKey, TagSize);
        aes.Encrypt(nonce, plain, box.AsSpan(NonceSize, plain.Length), box.AsSpan(NonceSize + plain.Length));
        return SealVersion + Convert.ToBase64String(box);
    }

    /// <summary>The value of <see cref="Seal"/>; throws <see cref="CryptographicException"/> when it was sealed under another key or altered.</summary>
    public string Unseal(string sealedValue)
    {
        ArgumentNullException.ThrowIfNull(sealedValue);
        if (!sealedValue.StartsWith(SealVersion, StringComparison.Ordinal))
        {
            throw new CryptographicException("The value is not sealed by this platform.");
        }
        var box = Convert.FromBase64String(sealedValue[SealVersion.Length..]);
        if (box.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("The sealed value is too short.");
        }
        var plain = new byte[box.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_sealKey, TagSize);
        aes.Decrypt(box.AsSpan(0, NonceSize), box.AsSpan(NonceSize, plain.Length), box.AsSpan(NonceSize + plain.Length), plain);
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>Hex HMAC of the normalised value; the same input always gives the same hash under one key.</summary>
    public string Hash(string value)
    {
        var bytes = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(Normalize(value)));
        return Convert.ToHexStringLower(bytes);
    }

    /// <summary>Hex HMAC of the value exactly as given (e.g. a client address, where digits alone would collide).</summary>
    public string HashExact(string value) => Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(value)));

    /// <summary>Digits and X only, upper case: "138 0013-8000" and "13800138000" hash alike.</summary>
    public static string Normalize(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c) || c is 'x' or 'X')
            {
                sb.Append(char.ToUpperInvariant(c));
            }
        }
        var s = sb.ToString();
        // A mainland mobile number may arrive with the country code.
        return s.Length == 13 && s.StartsWith("86", StringComparison.Ordinal) ? s[2..] : s;
    }

    /// <summary>138****8000: first three and last four digits of a mobile number.</summary>
    public static string MaskPhone(string phone)
    {
        var digits = Normalize(phone);
        return digits.Length >= 7 ? string.Concat(digits.AsSpan(0, 3), "****", digits.AsSpan(digits.Length - 4)) : "****";
    }

    /// <summary>3311**********123X: region prefix and last four characters of an ID number.</summary>
    public static string MaskResidentId(string id)
    {
        var s = Normalize(id);
        return s.Length == 18 ? string.Concat(s.AsSpan(0, 4), new string('*', 10), s.AsSpan(14)) : "****";
    }

    /// <summary>z***@example.com: the first character of the local part and the whole domain.</summary>
    public static string MaskEmail(string email)
    {
        var at = email.LastIndexOf('@');
        return at <= 0 ? "****" : string.Concat(email.AsSpan(0, 1), "***", email.AsSpan(at));
    }

    /// <summary>Mainland mobile numbers: 11 digits starting with 1[3-9].</summary>
    public static bool IsMobilePhone(string phone)
    {
        var d = Normalize(phone);
        return d.Length == 11 && d[0] == '1' && d[1] is >= '3' and <= '9';
    }
}
