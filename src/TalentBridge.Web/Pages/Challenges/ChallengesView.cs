using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Platform.Pools;

namespace TalentBridge.Web.Pages.Challenges;

/// <summary>How the challenge and escrow pages read and show money: forms take yuan with at most two decimals (decimal, never binary floating point), the Platform keeps fen.</summary>
public static class ChallengesView
{
    /// <summary>The fen of a yuan amount typed into a form ("1,200.50" → 120050); null with an error on <paramref name="field"/> when it is not one.</summary>
    public static long? Fen(string? yuan, string field, ValidationErrors errors, bool required = true)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var text = yuan?.Trim().Replace(",", "", StringComparison.Ordinal).Replace("，", "", StringComparison.Ordinal) ?? "";
        if (text.Length == 0)
        {
            errors.When(required, field, "is required");
            return null;
        }
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) || decimal.Round(amount, 2) != amount
            || amount > 10_000_000_000m)
        {
            errors.Add(field, "must be an amount in yuan with at most two decimals");
            return null;
        }
        return (long)(amount * 100m);
    }

    /// <summary>Fen shown as yuan with two decimals ("¥1,234.50"); a negative amount keeps its sign.</summary>
    public static string Yuan(long fen) => (fen / 100m).ToString("#,0.00", CultureInfo.CurrentCulture);

    /// <summary>Basis points as a percentage ("3%", "12.5%").</summary>
    public static string Percent(int basisPoints) => (basisPoints / 100m).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    /// <summary>
    /// A write's answer on the challenge and escrow pages: sign in, 404 or 403 as refused; on success a redirect to
    /// <paramref name="done"/> (post/redirect/get); otherwise the page again with the errors (<paramref name="show"/>).
    /// </summary>
    public static async Task<IActionResult> AnswerAsync<T>(PageModel page, WriteResult<T> result, string done, Func<ValidationErrors, Task<IActionResult>> show)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(show);
        return page.Refusal(result) ?? (result.Status == WriteStatus.Ok ? new RedirectResult(done) : await show(PageRefusals.Problems(result)));
    }
}
