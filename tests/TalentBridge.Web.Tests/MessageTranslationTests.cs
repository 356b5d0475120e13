using System.Globalization;
using System.Text.RegularExpressions;

namespace TalentBridge.Web.Tests;

/// <summary>
/// Every rule message the domain and platform can produce (English string literals such as "must be at most {0}
/// characters") has a Chinese text in Resources/messages.json, and the UI shows it in the page's language.
/// </summary>
public sealed partial class MessageTranslationTests
{
    /// <summary>Literals that look like messages but never reach a user (SQL fragments, vocabulary, exceptions).</summary>
    private static readonly HashSet<string> NotShown =
    [
        "pcb layout", "positions p", "applications a", "invitations i", "notifications n", "agreements g", "agreement download",
        "agreements g JOIN talents t ON t.id = g.talent_id JOIN enterprises e ON e.id = g.enterprise_id ",
        "notifications n LEFT JOIN applications a ON n.subject_type = 'application' AND a.id = n.subject_id LEFT JOIN talents ta ON ta.id = a.talent_id ",
        // Audit reasons of account changes (the audit page shows them as stored).
        "password reset", "personal data deleted", "personal data deleted at the talent's request", "talentbridge contact seal v1", "positions p JOIN enterprises e ON e.id = p.enterprise_id", "sales manager",
        "applications a JOIN positions p ON p.id = a.position_id JOIN talents t ON t.id = a.talent_id JOIN enterprises e ON e.id = a.enterprise_id",
        "invitations i JOIN positions p ON p.id = i.position_id JOIN talents t ON t.id = i.talent_id JOIN enterprises e ON e.id = i.enterprise_id",
        "skills line {0}: duplicate id '{1}'.", "department staff code {0} is not in the catalogue.", "manager code {0} is not in the catalogue.",
        // Invariant checks of the recruitment round (exceptions of a bug, never shown to a user).
        "position {0} has no list of talents", "position {0} holds talent {1}, which is out of range",
        "position {0} holds {1} talents but has capacity {2}", "position {0} is not in the index",
        // The scan cuts these literals at the quotes inside their interpolations; messages.json has their full texts.
        "must be one of {string.Join(",
        "same name, birth year, county; text ", "similar name (one edit), birth year, county; text ", "same {(best.ViaUscc ? ",
        "talent {0} is assigned to position {1}, which finds it unacceptable", "talent {0} is assigned to position {1}, which is not on its list",
        "talent {0} is assigned twice (positions {1} and {2})", "talent {0} is not in the index",
        // Audit reasons and SQL fragments of the shared pool (issue 7).
        "add tag", "remove tag", "open city pool", "first standard", "automatic proposal", "evidence file", "upload calendar", "shared pool", "positions p ON p.id = x.position_id",
        "engagements g JOIN demand_orders o ON o.id = g.order_id JOIN shared_experts x ON x.id = g.expert_id JOIN talents t ON t.id = x.talent_id ",
        // Audit reasons of the talent map's outlines (issue 13).
        "upload outlines", "revert outlines",
        // Audit reasons of the early warnings (issue 13).
        "early warnings", "warning thresholds",
        // The title review's subject word (shown through its Term key), an audit reason and an exception of a bug (issue 15).
        "application for title review", "resolve objection", "needs exactly {0} random bytes",
        // Audit reasons of training (issue 16).
        "training completion", "training withdrawal", "training demand",
        // The challenge board and escrow (issue 16): SQL fragments, the state machines' subjects (shown through their Term keys),
        // and the ledger verification's findings, which `talentbridge ledger verify` prints for the operators of the platform.
        "challenges c", "challenges c JOIN enterprises e ON e.id = c.enterprise_id", "enterprise challenge", "escrow contract", "escrow milestone",
        "entry {0} is not balanced: its postings add up to {1} fen", "entry {0}: a second deposit", "entry {0}: a settlement before the deposit",
        "entry {0}: a settlement of no milestone of the contract", "entry {0}: its postings are not those the {1} rule gives",
        "entry {0}: milestone {1} settled twice", "entry {0}: payout {1} fen is outside milestone {2}'s amount",
        "entry {0}: posting {1} names another contract than its entry", "entry {0}: {1} balance after is {2} fen, its postings add up to {3} fen",
        "entry {0}: {1} balance {2} fen is on the wrong side of zero", "the contract is closed but escrow holds {0} fen and {1} milestones are not settled",
        "the contract is {0} but its ledger {(deposited ? ",
        // Labels of the seed reproductions' single-indicator trees and their method (the pages show their own words, issue 15).
        "a single printed figure", "seed 001", "rank of the top-500 count",
        // Audit reasons of the review experts and committees (shown through their Review.Audit keys).
        "register expert", "set committee", "create committee",
        // Audit reasons of competitions (issue 16).
        "add track", "assign judge", "declare conflict", "competition award", "competitions c", "remove judge",
        // Words of the competition steps, translated as terms (Term.*) inside "cannot {0} a competition that is {1}".
        "open entry", "close entry", "publish results", "open for entries", "being judged", "a draft",
    ];

    private static readonly string[] Sources = ["src/TalentBridge.Domain", "src/TalentBridge.Platform"];

    [GeneratedRegex("(\\$?)\"((?:[^\"\\\\\\n]|\\\\.)*)\"")]
    private static partial Regex Literal();

    [GeneratedRegex("\\{[^{}]*(?:\\{[^{}]*\\}[^{}]*)*\\}")]
    private static partial Regex Interpolation();

    [GeneratedRegex("^[a-z]+ [a-z0-9({]")]
    private static partial Regex MessageLike();

    [Fact]
    public void Every_rule_message_in_the_code_has_a_chinese_text()
    {
        var ui = Ui.Shared;
        var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", ".."));
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        var files = Sources
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(root, d), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        var count = 0;
        foreach (var line in files.SelectMany(File.ReadLines).Select(l => l.Trim()).Where(l => !l.StartsWith("//", StringComparison.Ordinal) && !l.StartsWith('[')))
        {
            foreach (Match m in Literal().Matches(line))
            {
                var text = m.Groups[2].Value;
                if (m.Groups[1].Value == "$")
                {
                    var n = 0;
                    text = Interpolation().Replace(text, _ => "{" + (n++).ToString(CultureInfo.InvariantCulture) + "}");
                }
                if (!MessageLike().IsMatch(text) || NotShown.Contains(text) || Regex.IsMatch(text, "\\b(SELECT|INSERT|UPDATE|DELETE|WHERE)\\b"))
                {
                    continue;
                }
                count++;
                if (!ui.Has("Rule." + text))
                {
                    missing.Add(text);
                }
            }
        }
        Assert.True(count > 50, $"only {count} messages found: is the scan still reading the sources?");
        Assert.True(missing.Count == 0, "no Chinese text in Resources/messages.json for:\n" + string.Join('\n', missing));
    }

    [Fact]
    public void Messages_are_shown_in_the_page_language_with_field_names_as_labels()
    {
        var ui = Ui.Shared;
        var culture = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = Localization.Chinese;
            Assert.Equal("最多 100 个字符", ui.Message("must be at most 100 characters"));
            Assert.Equal("不能低于期望月薪下限", ui.Message("must not be below expectedSalaryMin"));
            Assert.Equal("须位于您负责的地区（331121）内", ui.Message("must lie inside your region (331121)"));
            Assert.Equal("something new", ui.Message("something new"));
            // The flow's rules name a state, an action and a side: each is shown by its word.
            Assert.Equal("投档当前为“已列入候选”，不能签约", ui.Message("cannot sign an application that is shortlisted"));
            Assert.Equal("投档已结束（已撤回），不能再安排面试", ui.Message("cannot schedule interview an application that is withdrawn: it is closed"));
            Assert.Equal("只有企业可以列入候选此投档", ui.Message("only the enterprise may shortlist an application"));
            CultureInfo.CurrentUICulture = Localization.English;
            Assert.Equal("must be at most 100 characters", ui.Message("must be at most 100 characters"));
            Assert.Equal("cannot schedule an interview for an application that is withdrawn: it is closed",
                ui.Message("cannot schedule interview an application that is withdrawn: it is closed"));
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
        }
    }

    /// <summary>
    /// Every subject the platform writes to the audit log (a literal after <c>AuditAction.X,</c> or a <c>Subject</c>
    /// constant) can be chosen in the log's filter and has a label in both languages.
    /// </summary>
    [Fact]
    public void Every_audited_subject_can_be_filtered_and_has_a_label()
    {
        var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", ".."));
        var text = string.Join('\n', Directory.EnumerateFiles(Path.Combine(root, "src/TalentBridge.Platform"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)).Select(File.ReadAllText));
        var subjects = Regex.Matches(text, "AuditAction\\.\\w+,\\s*\"(\\w+)\"").Select(m => m.Groups[1].Value)
            .Concat(Regex.Matches(text, "const string Subject = \"(\\w+)\"").Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);
        Assert.True(subjects.Count > 20, $"only {subjects.Count} subjects found: is the scan still reading the sources?");
        Assert.Empty(subjects.Except(Platform.Audit.AuditQuery.SubjectTypes).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(Platform.Audit.AuditQuery.SubjectTypes, s => !Ui.Shared.Has("Audit.Subject." + s));
    }
}
