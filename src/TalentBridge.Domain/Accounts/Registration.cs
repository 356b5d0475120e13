using System.Net.Mail;

namespace TalentBridge.Domain.Accounts;

/// <summary>How a self-registered person is reached: a mainland mobile number or an e-mail address.</summary>
public enum ContactKind
{
    Phone = 1,
    Email = 2,
}

/// <summary>A phone number or e-mail address as a person types it to register, sign in or reset a password.</summary>
public sealed record ContactIdentifier(ContactKind Kind, string Value)
{
    public const int MaxLength = 254;

    /// <summary>
    /// The identifier in its one stored form (digits of the mobile number; the e-mail address trimmed and lower-cased),
    /// or null when the text is neither. An "@" decides: with one it must be an e-mail address, without one a phone.
    /// </summary>
    public static ContactIdentifier? Parse(string? text)
    {
        var s = text?.Trim() ?? "";
        if (s.Length is 0 or > MaxLength)
        {
            return null;
        }
        if (s.Contains('@', StringComparison.Ordinal))
        {
            return MailAddress.TryCreate(s, out var mail) && mail.Address == s && mail.Host.Contains('.', StringComparison.Ordinal)
                ? new ContactIdentifier(ContactKind.Email, s.ToLowerInvariant())
                : null;
        }
        return ContactProtector.IsMobilePhone(s) && !s.Any(char.IsLetter) ? new ContactIdentifier(ContactKind.Phone, ContactProtector.Normalize(s)) : null;
    }

    /// <summary>The value for display: 138****8000 or z***@example.com.</summary>
    public string Masked => Kind == ContactKind.Phone ? ContactProtector.MaskPhone(Value) : ContactProtector.MaskEmail(Value);

    /// <summary>
    /// The keyed-hash input (for <see cref="ContactProtector.HashExact"/>, the value being normalised already): kind and
    /// value, so that a phone number and an address never share a hash.
    /// </summary>
    public string HashInput => $"{(Kind == ContactKind.Phone ? "phone" : "email")}:{Value}";
}

/// <summary>The rules of a new account (talent self-registration) and of a new password.</summary>
public static class Registration
{
    public const int MinPassword = 8;
    public const int MaxPassword = 200;
    public const int MaxDisplayName = 50;

    /// <summary>The version of the privacy notice (个人信息保护告知书) a person accepts; shown on /privacy.</summary>
    public const string PrivacyNoticeVersion = Pools.TalentDraft.CurrentConsentVersion;

    public static ValidationErrors Validate(string? identifier, string? displayName, string? password, string? acceptedNoticeVersion)
    {
        var errors = new ValidationErrors();
        if (ContactIdentifier.Parse(identifier) is null)
        {
            errors.Add("identifier", "must be an 11-digit mainland mobile number or an e-mail address");
        }
        errors.Required(displayName, "displayName", MaxDisplayName);
        CheckPassword(password, errors);
        if (acceptedNoticeVersion != PrivacyNoticeVersion)
        {
            errors.Add("consent", $"the person must accept the current consent text (version {PrivacyNoticeVersion})");
        }
        return errors;
    }

    /// <summary>At least 8 characters, with a letter and a digit; not longer than 200.</summary>
    public static ValidationErrors CheckPassword(string? password, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var p = password ?? "";
        if (p.Length < MinPassword)
        {
            return errors.Add("password", $"must be at least {MinPassword} characters");
        }
        if (p.Length > MaxPassword)
        {
            return errors.Add("password", $"must be at most {MaxPassword} characters");
        }
        return errors.When(!p.Any(char.IsLetter) || !p.Any(char.IsDigit), "password", "must contain a letter and a digit");
    }
}
