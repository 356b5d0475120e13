using Dapper;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Pages.Aggregation;

public sealed record ImportIssueRow(long Line, string? SourceId, string Field, bool Rejected, string Reason);

/// <summary>The result of one import: its counts and every rejected or doubtful row with its reason, paged.</summary>
public sealed class RunModel(Database db) : PageModel
{
    public const int PageSize = 50;

    public ImportRun Run { get; private set; } = null!;
    public IReadOnlyList<ImportIssueRow> Issues { get; private set; } = [];
    public Page<ImportIssueRow> IssuePage { get; private set; } = new([], 0, 1, PageSize);

    public async Task<IActionResult> OnGetAsync(long id, int? p, bool? rejected, CancellationToken ct)
    {
        var caller = Caller.From(User);
        if (!caller.IsSignedIn)
        {
            return Challenge();
        }
        if (!caller.CanImport)
        {
            return Forbid();
        }
        if (await IndexModel.RecentRunsAsync(db, ct, id) is not [var run, ..])
        {
            return NotFound();
        }
        Run = run;
        var page = Math.Clamp(p ?? 1, 1, 100_000);
        await using var c = await db.OpenAsync(ct);
        var filter = rejected is null ? "" : " AND rejected = @rejected";
        var total = await c.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT count(*) FROM import_issues WHERE run_id = @id{filter}", new { id, rejected }, cancellationToken: ct));
        await using var reader = await c.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT line, source_id, field, rejected, reason FROM import_issues WHERE run_id = @id{filter} ORDER BY line, id LIMIT @take OFFSET @skip",
            new { id, rejected, take = PageSize, skip = (long)(page - 1) * PageSize }, cancellationToken: ct));
        var issues = new List<ImportIssueRow>();
        while (await reader.ReadAsync(ct))
        {
            issues.Add(new ImportIssueRow(reader.Long(0), reader.NullableString(1), reader.GetString(2), reader.Bool(3), reader.GetString(4)));
        }
        IssuePage = new Page<ImportIssueRow>(issues, (int)total, page, PageSize);
        return Page();
    }
}
