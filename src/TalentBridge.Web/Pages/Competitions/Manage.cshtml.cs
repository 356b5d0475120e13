using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Domain.Competitions;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Competitions;
using TalentBridge.Platform.Pools;

namespace TalentBridge.Web.Pages.Competitions;

/// <summary>
/// /competitions/{id}/manage (the organiser): the state's steps (open and close entry, publish), tracks with their
/// criteria and awards, judges per track, the judging board (every judge × entry: the score, or standing aside with the
/// reason) and conflicts declared for a judge.
/// </summary>
public sealed class ManageModel(Platform.Competitions.Competitions competitions, CompetitionJudging judging, CompetitionResults results) : PageModel
{
    public JudgingBoard Board { get; private set; } = null!;
    public ValidationErrors? Errors { get; private set; }
    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var caller = Caller.From(User);
        if (!caller.IsSignedIn)
        {
            return Challenge();
        }
        if (await judging.BoardAsync(caller, id, ct) is not { Detail.MayManage: true } board)
        {
            return NotFound();
        }
        Board = board;
        return Page();
    }

    public async Task<IActionResult> OnPostStepAsync(long id, string? action, string? version, CancellationToken ct)
    {
        var reader = new FormReader();
        var step = reader.Enum<CompetitionAction>(action, "action");
        if (!reader.Errors.IsValid)
        {
            return await AnswerAsync(id, reader.Errors, ct);
        }
        var caller = Caller.From(User);
        var result = step == CompetitionAction.Publish
            ? await results.PublishAsync(caller, id, FormReader.Version(version), ct)
            : await competitions.StepAsync(caller, id, FormReader.Version(version), step, ct);
        return this.Refusal(result) ?? await AnswerAsync(id, result.Status == WriteStatus.Ok ? null : PageRefusals.Problems(result), ct);
    }

    public async Task<IActionResult> OnPostTrackAsync(long id, string? name, string? description, string? criteria, string? gold, string? silver, string? bronze,
        CancellationToken ct)
    {
        var reader = new FormReader();
        var track = new Track
        {
            Name = name?.Trim() ?? "", Description = FormReader.Trimmed(description), Criteria = Criteria(reader, criteria),
            Gold = reader.OptionalInt(gold, "gold") ?? 0, Silver = reader.OptionalInt(silver, "silver") ?? 0, Bronze = reader.OptionalInt(bronze, "bronze") ?? 0,
        };
        var result = await competitions.AddTrackAsync(Caller.From(User), id, track, ct);
        return this.Refusal(result)
            ?? await AnswerAsync(id, result.Status == WriteStatus.Ok && reader.Errors.IsValid ? null : reader.Errors.AddMissing(result.Errors), ct);
    }

    public async Task<IActionResult> OnPostJudgeAsync(long id, long trackId, string? userName, string? enterpriseUscc, CancellationToken ct)
    {
        var result = await judging.AssignAsync(Caller.From(User), id, trackId, userName, enterpriseUscc, ct);
        return this.Refusal(result) ?? await AnswerAsync(id, result.Status == WriteStatus.Ok ? null : result.Errors, ct);
    }

    public async Task<IActionResult> OnPostDeclareAsync(long id, long judgeId, long entryId, string? note, CancellationToken ct)
    {
        var result = await judging.DeclareAsync(Caller.From(User), id, judgeId, entryId, note, ct);
        return this.Refusal(result) ?? await AnswerAsync(id, result.Status == WriteStatus.Ok ? null : result.Errors, ct);
    }

    private async Task<IActionResult> AnswerAsync(long id, ValidationErrors? errors, CancellationToken ct)
    {
        Errors = errors;
        Done = errors is null ? "Competitions.Saved" : null;
        return await OnGetAsync(id, ct);
    }

    /// <summary>One criterion a line, "name points" ("工艺方案 30"); a line without its points at the end is a field error.</summary>
    private static List<Criterion> Criteria(FormReader reader, string? text)
    {
        var list = new List<Criterion>();
        foreach (var line in (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var cut = line.LastIndexOfAny([' ', '\t', ':', '：']);
            if (cut <= 0 || !int.TryParse(line[(cut + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var points))
            {
                reader.Errors.Add("criteria", "each line must be a criterion's name and its maximum points");
                continue;
            }
            list.Add(new Criterion(line[..cut].Trim(), points));
        }
        return list;
    }
}
