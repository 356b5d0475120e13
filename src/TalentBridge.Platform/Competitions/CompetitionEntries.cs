using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using TalentBridge.Domain;
using TalentBridge.Domain.Competitions;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Audit;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Competitions;

/// <summary>An entry as the organiser, the judges and the results show it: the work, the entrant (a team's lead) and the enterprise entered for.</summary>
public sealed record EntryView(long Id, long CompetitionId, long TrackId, string TrackName, long TalentId, string TalentName, long? EnterpriseId,
    string? EnterpriseName, string Title, string? Summary, string? TeamName, IReadOnlyList<string> Members, string RegionCode, DateTimeOffset EnteredAt)
{
    /// <summary>The domain's view of the entry (conflicts of interest are decided on the talent and the enterprise).</summary>
    [JsonIgnore]
    public Entry ForJudging => new(Id, TrackId, TalentId, EnterpriseId);

    /// <summary>
    /// What published results show everyone of an entry: its track, the entrant's name, team, title and enterprise. The
    /// talent's id and residence, the summary, the members' names and the entry time stay with the organiser.
    /// </summary>
    public EntryView Public() => this with { TalentId = 0, EnterpriseId = null, Summary = null, Members = [], RegionCode = "", EnteredAt = default };
}

/// <summary>A talent's entry with its competition, its published result (if any) and the invitations it brought.</summary>
public sealed record MyEntry(EntryView Entry, Competition Competition, EntryResult? Result, IReadOnlyList<CompetitionInvitation> Invitations);

/// <summary>
/// Entries: a talent enters a track of a competition open for entries, alone or as the lead of a named team, for an
/// enterprise of the pool or for none; once per track. The entrant sees their entries, results and invitations.
/// </summary>
public sealed class CompetitionEntries(Database db, TimeProvider time)
{
    private const string Columns =
        "e.id, e.competition_id, e.track_id, k.name, e.talent_id, t.name, e.enterprise_id, p.name, e.title, e.summary, e.team_name, e.members, " +
        "e.region_code, e.entered_at";

    private const string From =
        "competition_entries e JOIN competition_tracks k ON k.id = e.track_id JOIN talents t ON t.id = e.talent_id " +
        "LEFT JOIN enterprises p ON p.id = e.enterprise_id";

    internal static async Task<IReadOnlyList<EntryView>> QueryAsync(DbConnection c, DbTransaction? tx, string where, object args)
    {
        var rows = new List<EntryView>();
        await using var r = await c.ExecuteReaderAsync($"SELECT {Columns} FROM {From} WHERE {where} ORDER BY e.track_id, e.id", args, tx);
        while (await r.ReadAsync())
        {
            rows.Add(new EntryView(r.Long(0), r.Long(1), r.Long(2), r.GetString(3), r.Long(4), r.GetString(5), r.NullableLong(6), r.NullableString(7),
                r.GetString(8), r.NullableString(9), r.NullableString(10), r.FromJson<List<string>>(11), RegionCatalogue.Significant(r.GetString(12)), r.Timestamp(13)));
        }
        return rows;
    }

    /// <summary>
    /// The caller (a talent) enters a track. <paramref name="enterpriseUscc"/> names the enterprise entered for (its
    /// judges then stand aside), or none.
    /// </summary>
    public async Task<WriteResult<EntryView>> EnterAsync(Caller caller, long competitionId, EntryForm form, string? enterpriseUscc, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(form);
        if (caller.TalentId is not { } talentId)
        {
            return caller.IsSignedIn ? WriteResult.Forbidden<EntryView>() : WriteResult.NotFound<EntryView>();
        }
        var now = time.GetUtcNow();
        try
        {
            return await db.InTransactionAsync(async (c, tx) =>
            {
                await Competitions.HoldAsync(c, tx, competitionId);
                if (await Competitions.DetailAsync(c, tx, caller, competitionId) is not { } detail)
                {
                    return WriteResult.NotFound<EntryView>();
                }
                var errors = form.Validate()
                    .When(detail.Competition.State != CompetitionState.Open, "state", "the competition does not take entries now")
                    .When(detail.Tracks.All(t => t.Track.Id != form.TrackId), "trackId", "must be a track of this competition");
                long? enterpriseId = null;
                if (!string.IsNullOrWhiteSpace(enterpriseUscc))
                {
                    enterpriseId = await c.ExecuteScalarAsync<long?>("SELECT id FROM enterprises WHERE uscc = @uscc",
                        new { uscc = enterpriseUscc.Trim().ToUpperInvariant() }, tx);
                    errors.When(enterpriseId is null, "enterpriseUscc", "is the credit code of no enterprise of the pool");
                }
                if (!errors.IsValid)
                {
                    return WriteResult.Invalid<EntryView>(errors);
                }
                var region = await c.ExecuteScalarAsync<string>("SELECT residence_region_code FROM talents WHERE id = @talentId", new { talentId }, tx);
                var id = await c.ExecuteScalarAsync<long>(
                    "INSERT INTO competition_entries (competition_id, track_id, talent_id, enterprise_id, title, summary, team_name, members, region_code, entered_at) " +
                    "VALUES (@competitionId, @trackId, @talentId, @enterpriseId, @title, @summary, @team, @members, @region, @now) RETURNING id",
                    new
                    {
                        competitionId, trackId = form.TrackId, talentId, enterpriseId, title = form.Title.Trim(), summary = FormText(form.Summary),
                        team = FormText(form.TeamName), members = Row.ToJson(form.Members.Select(m => m.Trim()).ToList()), region, now = Database.Utc(now),
                    }, tx);
                // The entrant is a person: the audit row keeps the work and the track, not the talent's data.
                await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, caller.AccountId, AuditAction.Create, "competitionEntry", id, detail.Competition.RegionCode, "",
                    JsonSerializer.Serialize(new { competitionId, trackId = form.TrackId, team = form.TeamName is not null }, Row.Json)));
                return WriteResult.Ok((await QueryAsync(c, tx, "e.id = @id", new { id }))[0]);
            }, ct);
        }
        catch (DbException e) when (Database.IsUniqueViolation(e))
        {
            return WriteResult.Invalid<EntryView>(new ValidationErrors().Add("trackId", "you have entered this track already"));
        }
    }

    private static string? FormText(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>The caller's entries (a talent), newest first, with results and invitations.</summary>
    public async Task<IReadOnlyList<MyEntry>> MineAsync(Caller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.TalentId is not { } talentId)
        {
            return [];
        }
        await using var c = await db.OpenAsync(ct);
        var entries = (await QueryAsync(c, null, "e.talent_id = @talentId", new { talentId })).OrderByDescending(e => e.Id).ToList();
        var mine = new List<MyEntry>();
        foreach (var entry in entries)
        {
            var competition = (await Competitions.FindAsync(c, null, entry.CompetitionId))!;
            var result = await CompetitionResults.ResultAsync(c, null, entry.Id);
            mine.Add(new MyEntry(entry, competition, result, await CompetitionResults.InvitationsAsync(c, null, [entry.Id])));
        }
        return mine;
    }
}
