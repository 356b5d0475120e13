using System.Globalization;
using Microsoft.AspNetCore.Html;
using TalentBridge.Domain.EnterpriseServices;

namespace TalentBridge.Web.Pages.Services;

/// <summary>How the enterprise-service pages word facts, quantities, conditions and changes in the page's language.</summary>
public static class ServicesView
{
    public static string FactLabel(Ui t, Fact fact) => t["Field.figures." + Figures.Name(fact)];

    public static string Text(string zh, string en) => Localization.IsEnglish ? en : zh;

    public static string Number(decimal? value) => value is { } v ? v.ToString(Math.Abs(v) >= 10_000 ? "#,0.##" : "0.##", CultureInfo.CurrentCulture) : "—";

    public static string Unit(Ui t, Fact fact) => t["Services.Unit." + Figures.UnitOf(fact)];

    /// <summary>What a quantity is, in words: a fact's label, "R&amp;D spending / revenue (%)", "growth of … (%)".</summary>
    public static string Quantity(Ui t, QuantityKind? kind, IReadOnlyList<Fact> facts) => (kind, facts) switch
    {
        (QuantityKind.Share, [var a, var b, ..]) => t.Format("Services.Quantity.Share", FactLabel(t, a), FactLabel(t, b)),
        (QuantityKind.Growth, [var a, var b, ..]) => t.Format("Services.Quantity.Growth", FactLabel(t, a), FactLabel(t, b)),
        (QuantityKind.MeanGrowth, [var a, ..]) => t.Format("Services.Quantity.MeanGrowth", FactLabel(t, a)),
        (QuantityKind.Mean, _) => t.Format("Services.Quantity.Mean", string.Join(t["Services.ListSeparator"], facts.Select(f => FactLabel(t, f)))),
        (QuantityKind.Sum, _) => t.Format("Services.Quantity.Sum", string.Join(t["Services.ListSeparator"], facts.Select(f => FactLabel(t, f)))),
        (_, [var f, ..]) => FactLabel(t, f),
        _ => "",
    };

    public static string Symbol(Comparator? comparator) => comparator switch
    {
        Comparator.AtLeast => "≥",
        Comparator.Above => ">",
        Comparator.AtMost => "≤",
        Comparator.Below => "<",
        _ => "",
    };

    /// <summary>A change that would change the answer: "R&amp;D spending / revenue (%): 2.4 → ≥ 3 (R&amp;D spending last year ≥ 1,500,000), +5 points".</summary>
    public static string Change(Ui t, Change change, Func<string, string> tierName)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Kind == ChangeKind.Tier)
        {
            return t.Format("Services.Change.Tier", tierName(change.Key));
        }
        var text = $"{Quantity(t, change.Quantity, change.Facts)}: {Number(change.Value)} → {Symbol(change.Comparator)} {Number(change.Target)}";
        if (change.FactTarget is { } factTarget && change.Facts.Count > 0 && change.Quantity is not QuantityKind.Fact)
        {
            text += t.Format("Services.Change.FactTarget", FactLabel(t, change.Facts[0]), Number(factTarget));
        }
        if (change.PointsGain is { } gain and > 0)
        {
            text += t.Format("Services.Change.Points", gain);
        }
        return text;
    }

    /// <summary>A condition's proof: its text and, for a comparison, "value ≥ threshold".</summary>
    public static string Proof(ConditionResult c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var text = Text(c.TextZh ?? c.Key ?? "", c.TextEn ?? c.Key ?? "");
        return c.Kind == ConditionKind.Compare && c.Value is not null ? $"{text}: {Number(c.Value)} {Symbol(c.Comparator)} {Number(c.Threshold)}" : text;
    }

    public static string Yuan(long? fen) => fen is { } f ? (f / 100m).ToString("#,0.##", CultureInfo.CurrentCulture) : "—";

    /// <summary>
    /// The note of a source that could not be confirmed. The rule data's notes are written in English (as the project's
    /// documents are): on the Chinese page they follow a Chinese label and are marked <c>lang="en"</c>.
    /// </summary>
    public static IHtmlContent Note(Ui t, string? note)
    {
        ArgumentNullException.ThrowIfNull(t);
        if (string.IsNullOrWhiteSpace(note))
        {
            return HtmlString.Empty;
        }
        var e = PageEncoding.Html;
        return Localization.IsEnglish
            ? new HtmlString($"<span class=\"hint\"> — {e.Encode(note)}</span>")
            : new HtmlString($"<span class=\"hint\"> — {e.Encode(t["Services.NoteLabel"])}<span lang=\"en\">{e.Encode(note)}</span></span>");
    }

    /// <summary>The source line of a rule: document, 文号, article, and whether it was checked.</summary>
    public static string Source(RuleSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return string.Join(" ", new[] { source.Document, source.Number, source.Article }.Where(s => !string.IsNullOrWhiteSpace(s)));
    }
}
