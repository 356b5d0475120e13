using System.Data.Common;
using System.Text.Json;
using Dapper;
using TalentBridge.Domain;
using TalentBridge.Domain.Flow;
using TalentBridge.Domain.Pools;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Audit;
using TalentBridge.Platform.Jobs;
using TalentBridge.Platform.Matching;
using TalentBridge.Platform.Notifications;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Flow;

/// <summary>One application as its two sides see it (the snapshot only on request: it is the talent's profile as sent).</summary>
public sealed record Application(long Id, long PositionId, string PositionTitle, string OccupationCode, long TalentId, string TalentName, long EnterpriseId,
    string EnterpriseName, string RegionCode, ApplicationState State, int Version, DateTimeOffset AppliedAt, DateTimeOffset UpdatedAt,
    long? InvitationId, DateTimeOffset? InterviewAt, string? InterviewPlace, string? RefusalReason, OfferTerms? Offer, DateTimeOffset? OfferedAt,
    bool KeepForOtherPositions) : IVersioned;

/// <summary>The talent's profile as it was sent with an application: no contact data, no keyed hashes.</summary>
public sealed record SentProfile(string Name, int BirthYear, Gender Gender, EducationLevel Education, string? Major, string ResidenceRegionCode,
    IReadOnlyList<string> WorkRegionCodes, IReadOnlyList<TalentOccupation> Occupations, IReadOnlyList<TalentSkill> Skills, IReadOnlyList<string> Certificates,
    ProfessionalTitleLevel ProfessionalTitle, SkillLevel SkillLevel, int? ExpectedSalaryMin, int? ExpectedSalaryMax, EngagementModes Availability);

/// <summary>One step of an application's history.</summary>
public sealed record ApplicationStep(long Id, DateTimeOffset At, string? Account, FlowActor Actor, string Action, ApplicationState? From,
    ApplicationState To, string? Note);

/// <summary>What an enterprise or talent asks for: the action and what it needs (interview time and place, a reason, the offer's terms).</summary>
public sealed record StepRequest(ApplicationAction Action, int? ExpectedVersion = null, DateTimeOffset? InterviewAt = null, string? InterviewPlace = null,
    string? Reason = null, OfferTerms? Offer = null);

/// <summary>
/// 一键投档 and what follows (issue 6): a talent applies to an open position with one action, which stores a snapshot of
/// the profile sent; the enterprise views, shortlists, schedules an interview, offers or refuses; the talent signs or
/// withdraws; an unsigned offer expires on the job runner. Every step follows <see cref="Flows.Application"/> and is
/// written with its history row, its audit row and its event in one transaction; a step names the version it acted
/// on, so two recruiters acting at once cannot both move the same application (the second gets a conflict).
/// Signing stores the agreement immutably with its content hash and takes one place off the position's headcount,
/// closing it when full.
/// </summary>
public sealed class Applications(Database db, ReferenceData reference, TimeProvider time)
{
    public const int MaxReason = 500;
    public const int MaxPlace = 200;
    public const string ExpireJobKind = "flow.expire";

    private const string Columns =
        "a.id, a.position_id, p.title, p.occupation_code, a.talent_id, t.name, a.enterprise_id, e.name, a.region_code, a.state, a.version, a.applied_at, a.updated_at, " +
        "a.invitation_id, a.interview_at, a.interview_place, a.refusal_reason, a.offer, a.offered_at, a.keep_for_other_positions";

    private const string From =
        "applications a JOIN positions p ON p.id = a.position_id JOIN talents t ON t.id = a.talent_id JOIN enterprises e ON e.id = a.enterprise_id";

    /// <summary>The side the caller acts on for this application, or null when it is none of theirs.</summary>
    public FlowActor? SideOf(Caller caller, Application application)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(application);
        return caller.FlowSide(reference.Regions, application.TalentId, application.EnterpriseId, application.RegionCode);
    }

    /// <summary>The application if the caller is one of its sides (or an operator of its region, or an administrator).</summary>
    public async Task<Application?> FindAsync(Caller caller, long id, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var application = await FindAsync(c, null, id, ct);
        return application is not null && SideOf(caller, application) is not null ? application : null;
    }

    private static async Task<Application?> FindAsync(DbConnection c, DbTransaction? tx, long id, CancellationToken ct)
    {
        await using var reader = await c.ExecuteReaderAsync(new CommandDefinition($"SELECT {Columns} FROM {From} WHERE a.id = @id", new { id }, tx,
            cancellationToken: ct));
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    /// <summary>The history of an application, oldest first.</summary>
    public async Task<IReadOnlyList<ApplicationStep>> HistoryAsync(long applicationId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        await using var reader = await c.ExecuteReaderAsync(new CommandDefinition(
            "SELECT s.id, s.at, a.display_name, s.actor, s.action, s.from_state, s.to_state, s.note FROM application_events s " +
            "LEFT JOIN accounts a ON a.id = s.account_id WHERE s.application_id = @applicationId ORDER BY s.id", new { applicationId }, cancellationToken: ct));
        var steps = new List<ApplicationStep>();
        while (await reader.ReadAsync(ct))
        {
            steps.Add(new ApplicationStep(reader.Long(0), reader.Timestamp(1), reader.NullableString(2), (FlowActor)reader.Int(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : (ApplicationState)reader.Int(5), (ApplicationState)reader.Int(6), reader.NullableString(7)));
        }
        return steps;
    }

    /// <summary>The profile as the talent sent it, or null when it was deleted under the retention rule.</summary>
    public async Task<SentProfile?> SentProfileAsync(long applicationId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var json = await c.ExecuteScalarAsync<string?>(new CommandDefinition("SELECT snapshot FROM applications WHERE id = @applicationId",
            new { applicationId }, cancellationToken: ct));
        return json is null ? null : JsonSerializer.Deserialize<SentProfile>(json, Row.Json);
    }

    /// <summary>The talent's open application to a position, if any.</summary>
    public async Task<Application?> OpenOfAsync(long talentId, long positionId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        await using var reader = await c.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT {Columns} FROM {From} WHERE a.talent_id = @talentId AND a.position_id = @positionId AND a.state IN (0, 1, 2, 3, 4)",
            new { talentId, positionId }, cancellationToken: ct));
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    /// <summary>The talent's own applications, newest change first.</summary>
    public Task<Page<Application>> ForTalentAsync(long talentId, int page, int pageSize, CancellationToken ct) =>
        PageAsync(new Where().Add("a.talent_id = @talentId", "talentId", talentId), page, pageSize, ct);

    /// <summary>A position's candidates (applications), optionally in one state, newest change first; null when the caller does not recruit for it.</summary>
    public async Task<Page<Application>?> ForPositionAsync(Caller caller, Position position, ApplicationState? state, int page, int pageSize, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(position);
        if (!caller.CanManagePositionsOf(reference.Regions, position.EnterpriseId, position.RegionCode))
        {
            return null;
        }
        var where = new Where().Add("a.position_id = @positionId", "positionId", position.Id);
        if (state is { } s)
        {
            where.Add("a.state = @state", "state", (int)s);
        }
        return await PageAsync(where, page, pageSize, ct);
    }

    /// <summary>An enterprise's candidates across its positions (its own users' "my candidates"), optionally in one state, newest change first.</summary>
    public Task<Page<Application>> ForEnterpriseAsync(long enterpriseId, ApplicationState? state, int page, int pageSize, CancellationToken ct)
    {
        var where = new Where().Add("a.enterprise_id = @enterpriseId", "enterpriseId", enterpriseId);
        if (state is { } s)
        {
            where.Add("a.state = @state", "state", (int)s);
        }
        return PageAsync(where, page, pageSize, ct);
    }

    private Task<Page<Application>> PageAsync(Where where, int page, int pageSize, CancellationToken ct) =>
        ListSql.PageAsync(db, From, Columns, where, " ORDER BY a.updated_at DESC, a.id DESC",
            new ListQuery { Page = Math.Clamp(page, 1, ListQuery.MaxPage), PageSize = Math.Clamp(pageSize, 1, ListQuery.MaxPageSize) }, Read,
            "applications a", ct);

    /// <summary>
    /// 一键投档: the signed-in talent applies to an open position. <paramref name="keepForOtherPositions"/> is the talent's
    /// consent that the enterprise may keep the snapshot after a refusal, for other positions.
    /// </summary>
    public async Task<WriteResult<Application>> ApplyAsync(Caller caller, long positionId, bool keepForOtherPositions, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.TalentId is not { } talentId)
        {
            return WriteResult.Forbidden<Application>();
        }
        var now = time.GetUtcNow();
        try
        {
            return await db.InTransactionAsync(async (c, tx) =>
            {
                var errors = new ValidationErrors();
                var position = await c.QuerySingleOrDefaultAsync<(long Id, long EnterpriseId, string RegionCode, int Status, DateOnly PostedOn, DateOnly ExpiresOn)>(
                    "SELECT id, enterprise_id, region_code, status, posted_on, expires_on FROM positions WHERE id = @positionId", new { positionId }, tx);
                if (position.Id == 0)
                {
                    return WriteResult.NotFound<Application>();
                }
                var today = ChinaTime.Today(time);
                if (position.Status != (int)PositionStatus.Open || today < position.PostedOn || today > position.ExpiresOn)
                {
                    return WriteResult.Invalid<Application>(errors.Add("positionId", "is not open for applications"));
                }
                var snapshot = await SnapshotAsync(c, tx, talentId);
                if (snapshot is null)
                {
                    return WriteResult.Forbidden<Application>();
                }
                if (await c.ExecuteScalarAsync<long>("SELECT count(*) FROM invitations WHERE position_id = @positionId AND talent_id = @talentId AND state = 0",
                        new { positionId, talentId }, tx) > 0)
                {
                    return WriteResult.Invalid<Application>(errors.Add("positionId", "has invited you already; accept the invitation instead"));
                }
                var id = await InsertAsync(c, tx, positionId, talentId, position.EnterpriseId, position.RegionCode, null, snapshot, keepForOtherPositions, now,
                    caller.AccountId, FlowActor.Talent, "apply");
                return WriteResult.Ok((await FindAsync(c, tx, id, ct))!);
            }, ct);
        }
        catch (DbException e) when (Database.IsUniqueViolation(e))
        {
            return WriteResult.Invalid<Application>(new ValidationErrors().Add("positionId", "has an open application of yours already"));
        }
    }

    /// <summary>The talent's profile as sent: the record without its contact data and keyed hashes (those stay on the record, masked).</summary>
    internal static async Task<string?> SnapshotAsync(DbConnection c, DbTransaction tx, long talentId)
    {
        await using var r = await c.ExecuteReaderAsync(
            "SELECT name, birth_year, gender, education, major, residence_region_code, work_region_codes, occupations, skills, certificates, " +
            "professional_title, skill_level, expected_salary_min, expected_salary_max, availability FROM talents WHERE id = @talentId", new { talentId }, tx);
        if (!await r.ReadAsync())
        {
            return null;
        }
        var profile = new SentProfile(r.GetString(0), r.Int(1), r.Enum<Gender>(2), r.Enum<EducationLevel>(3), r.NullableString(4),
            RegionCatalogue.Significant(r.GetString(5)), r.FromJson<List<string>>(6), r.FromJson<List<TalentOccupation>>(7), r.FromJson<List<TalentSkill>>(8),
            r.FromJson<List<string>>(9), r.Enum<ProfessionalTitleLevel>(10), r.Enum<SkillLevel>(11), r.NullableInt(12), r.NullableInt(13),
            r.Enum<EngagementModes>(14));
        return Row.ToJson(profile);
    }

    /// <summary>Inserts an application in state applied with its first history row, audit row and event.</summary>
    internal static async Task<long> InsertAsync(DbConnection c, DbTransaction tx, long positionId, long talentId, long enterpriseId, string regionCode,
        long? invitationId, string snapshot, bool keep, DateTimeOffset now, long? accountId, FlowActor actor, string action)
    {
        var at = Database.Utc(now);
        var id = await c.ExecuteScalarAsync<long>(
            "INSERT INTO applications (position_id, talent_id, enterprise_id, region_code, state, version, invitation_id, snapshot, keep_for_other_positions, " +
            "applied_at, updated_at) VALUES (@positionId, @talentId, @enterpriseId, @regionCode, @state, 1, @invitationId, @snapshot, @keep, @at, @at) RETURNING id",
            new { positionId, talentId, enterpriseId, regionCode, state = (int)ApplicationState.Applied, invitationId, snapshot, keep, at }, tx);
        await StepAsync(c, tx, id, now, accountId, actor, action, null, ApplicationState.Applied, null, regionCode);
        await MatchImpressions.ExposureChangedAsync(c, tx, positionId);
        return id;
    }

    /// <summary>One step's history row, audit row, event (kind <c>application.{action}</c>) and the other side's notifications.</summary>
    private static async Task StepAsync(DbConnection c, DbTransaction tx, long id, DateTimeOffset now, long? accountId, FlowActor actor, string action,
        ApplicationState? from, ApplicationState to, string? note, string regionCode)
    {
        await c.ExecuteAsync(
            "INSERT INTO application_events (application_id, at, account_id, actor, action, from_state, to_state, note) " +
            "VALUES (@id, @at, @accountId, @actor, @action, @from, @to, @note)",
            new { id, at = Database.Utc(now), accountId, actor = (int)actor, action, from = (int?)from, to = (int)to, note }, tx);
        var detail = JsonSerializer.Serialize(new Dictionary<string, object?> { ["state"] = new[] { from?.ToString(), to.ToString() } }, Row.Json);
        await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, accountId, from is null ? AuditAction.Create : AuditAction.Update, "application", id,
            RegionCatalogue.Significant(regionCode), action, detail), $"application.{action}");
        await Inbox.NotifyAsync(c, tx, "application", id, $"application.{action}", actor, now);
    }

    /// <summary>
    /// Takes one step. The caller's side decides who acts; the rules decide whether the step exists in the current state;
    /// the version the caller saw (or the current one) must still be the stored one.
    /// </summary>
    public async Task<WriteResult<Application>> ActAsync(Caller caller, long id, StepRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        if (await FindAsync(caller, id, ct) is not { } current)
        {
            return WriteResult.NotFound<Application>();
        }
        if (request.ExpectedVersion is { } expected && expected != current.Version)
        {
            return WriteResult.Conflict(current);
        }
        var side = SideOf(caller, current)!.Value;
        var errors = Check(current, side, request);
        if (!errors.IsValid)
        {
            return WriteResult.Invalid<Application>(errors);
        }
        // The write names the version read here: a step taken meanwhile makes it a conflict.
        return await MoveAsync(current, side, request, caller.AccountId, ct) ?? WriteResult.Lost(await FindAsync(caller, id, ct));
    }

    /// <summary>The rules of the step: the transition, then what the action needs.</summary>
    private ValidationErrors Check(Application current, FlowActor side, StepRequest request)
    {
        var errors = new ValidationErrors();
        var step = Flows.Application.Next(current.State, request.Action, side);
        if (!step.Allowed)
        {
            return errors.Add("action", step.Error!);
        }
        var now = time.GetUtcNow();
        switch (request.Action)
        {
            case ApplicationAction.ScheduleInterview:
                errors.When(request.InterviewAt is null, "interviewAt", "is required")
                    .When(request.InterviewAt is { } at && at < now, "interviewAt", "must not be in the past")
                    .Required(request.InterviewPlace, "interviewPlace", MaxPlace);
                break;
            case ApplicationAction.Refuse:
                errors.Required(request.Reason, "reason", MaxReason);
                break;
            case ApplicationAction.Offer:
                if (request.Offer is null)
                {
                    errors.Add("offer", "is required");
                }
                else
                {
                    errors.AddMissing(request.Offer.Validate(reference, ChinaTime.Today(time)));
                }
                break;
            default:
                errors.Optional(request.Reason, "reason", MaxReason);
                break;
        }
        return errors;
    }

    /// <summary>Writes the step if the application still has the version it was checked at; null when it changed meanwhile.</summary>
    private async Task<WriteResult<Application>?> MoveAsync(Application current, FlowActor side, StepRequest request, long? accountId, CancellationToken ct)
    {
        var to = Flows.Application.Next(current.State, request.Action, side).To!.Value;
        var now = time.GetUtcNow();
        var at = Database.Utc(now);
        try
        {
            return await MoveInTransactionAsync(current, side, request, accountId, to, now, at, ct);
        }
        catch (NoPlaceLeftException)
        {
            return WriteResult.Invalid<Application>(new ValidationErrors().Add("action", "the position has no place left"));
        }
    }

    /// <summary>Thrown inside a signing step's transaction when the position has no place left: the step rolls back.</summary>
    private sealed class NoPlaceLeftException : Exception;

    private async Task<WriteResult<Application>?> MoveInTransactionAsync(Application current, FlowActor side, StepRequest request, long? accountId,
        ApplicationState to, DateTimeOffset now, DateTimeOffset at, CancellationToken ct) =>
        await db.InTransactionAsync<WriteResult<Application>?>(async (c, tx) =>
        {
            var sets = "state = @to, version = version + 1, updated_at = @at";
            var p = new DynamicParameters(new { id = current.Id, version = current.Version, to = (int)to, at });
            string? note = request.Reason?.Trim();
            switch (request.Action)
            {
                case ApplicationAction.ScheduleInterview:
                    sets += ", interview_at = @interviewAt, interview_place = @place";
                    p.Add("interviewAt", Database.Utc(request.InterviewAt!.Value));
                    p.Add("place", request.InterviewPlace!.Trim());
                    note = $"{request.InterviewAt.Value.ToOffset(ChinaTime.Offset):yyyy-MM-dd HH:mm} {request.InterviewPlace.Trim()}";
                    break;
                case ApplicationAction.Refuse:
                    sets += ", refusal_reason = @reason";
                    p.Add("reason", note);
                    break;
                case ApplicationAction.Offer:
                    sets += ", offer = @offer, offered_at = @at, offered_by = @accountId, sign_by = @signBy";
                    p.Add("offer", JsonSerializer.Serialize(request.Offer, Row.Json));
                    p.Add("accountId", accountId);
                    p.Add("signBy", request.Offer!.SignBy);
                    break;
            }
            if (await c.ExecuteAsync($"UPDATE applications SET {sets} WHERE id = @id AND version = @version", p, tx) != 1)
            {
                return null;
            }
            // Signing takes one of the position's places in one statement: two talents signing for the last place at once
            // cannot both have it; the one left without rolls its whole step back.
            if (request.Action == ApplicationAction.Sign && await c.ExecuteAsync(
                    "UPDATE positions SET headcount = headcount - 1, version = version + 1, updated_at = @at WHERE id = @positionId AND headcount > 0",
                    new { positionId = current.PositionId, at }, tx) != 1)
            {
                throw new NoPlaceLeftException();
            }
            await StepAsync(c, tx, current.Id, now, accountId, side, Action(request.Action), current.State, to, note, current.RegionCode);
            if (request.Action == ApplicationAction.Offer)
            {
                // The offer lapses at the end of its last signing day (China time), on whichever node runs the job.
                var deadline = new DateTimeOffset(request.Offer!.SignBy.AddDays(1).ToDateTime(TimeOnly.MinValue), ChinaTime.Offset);
                await JobTable.EnqueueAsync(c, tx, ExpireJobKind, new ExpiryPayload("application", current.Id), deadline, now);
            }
            if (request.Action == ApplicationAction.Sign)
            {
                await SignAsync(c, tx, current, now, accountId);
            }
            return WriteResult.Ok((await FindAsync(c, tx, current.Id, ct))!);
        }, ct);

    /// <summary>
    /// A step inside the caller's transaction, with no version check (the caller holds the reason to take it, e.g. the
    /// talent's deletion withdraws their open applications): the rules still decide whether the step exists.
    /// </summary>
    internal static async Task MoveInAsync(DbConnection c, DbTransaction tx, long id, ApplicationAction action, FlowActor actor, long? accountId, string? note,
        DateTimeOffset now)
    {
        var (state, region) = await c.QuerySingleAsync<(int, string)>("SELECT state, region_code FROM applications WHERE id = @id", new { id }, tx);
        var from = (ApplicationState)state;
        var to = Flows.Application.Next(from, action, actor).To ?? throw new InvalidOperationException($"application {id}: no step {action} from {from}");
        await c.ExecuteAsync("UPDATE applications SET state = @to, version = version + 1, updated_at = @at WHERE id = @id",
            new { to = (int)to, at = Database.Utc(now), id }, tx);
        await StepAsync(c, tx, id, now, accountId, actor, Action(action), from, to, note, region);
    }

    /// <summary>The action's name in history, audit and events: camelCase of the enum.</summary>
    public static string Action(ApplicationAction action) => JsonNamingPolicy.CamelCase.ConvertName(action.ToString());

    /// <summary>Stores the agreement; the position, whose place the step took, closes when full (with its own audit row).</summary>
    private static async Task SignAsync(DbConnection c, DbTransaction tx, Application current, DateTimeOffset now, long? accountId)
    {
        // Stored timestamps keep microseconds (PostgreSQL): the hash covers the time as it will be read back.
        now = new DateTimeOffset(now.UtcTicks - now.UtcTicks % 10, TimeSpan.Zero);
        var offer = current.Offer!;
        var offeredAt = current.OfferedAt!.Value;
        var offeredBy = await c.ExecuteScalarAsync<long?>("SELECT offered_by FROM applications WHERE id = @id", new { id = current.Id }, tx);
        var hash = offer.AgreementHash(current.Id, current.TalentId, current.EnterpriseId, offeredAt, offeredBy, now, accountId);
        await c.ExecuteAsync(
            "INSERT INTO agreements (application_id, position_id, talent_id, enterprise_id, region_code, terms, offered_at, offered_by, signed_at, signed_by, content_hash) " +
            "VALUES (@Id, @PositionId, @TalentId, @EnterpriseId, @region, @terms, @offeredAt, @offeredBy, @signedAt, @accountId, @hash)",
            new
            {
                current.Id, current.PositionId, current.TalentId, current.EnterpriseId, region = Row.StoredRegion(current.RegionCode),
                terms = JsonSerializer.Serialize(offer, Row.Json), offeredAt = Database.Utc(offeredAt), offeredBy, signedAt = Database.Utc(now), accountId, hash,
            }, tx);
        // The place was taken before the application moved (MoveAsync); a position with none left closes.
        var (left, status) = await c.QuerySingleAsync<(int, int)>(
            "SELECT headcount, status FROM positions WHERE id = @PositionId", new { current.PositionId }, tx);
        var closed = left == 0 ? (int)PositionStatus.Closed : status;
        if (closed != status)
        {
            await c.ExecuteAsync("UPDATE positions SET status = @closed, closed_on = @today WHERE id = @PositionId",
                new { closed, today = ChinaTime.Date(now), current.PositionId }, tx);
        }
        var change = new Dictionary<string, object?> { ["headcount"] = new[] { left + 1, left } };
        if (closed != status)
        {
            change["status"] = new[] { ((PositionStatus)status).ToString(), ((PositionStatus)closed).ToString() };
        }
        await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, accountId, AuditAction.Update, "position", current.PositionId, current.RegionCode,
            $"agreement:{current.Id}", JsonSerializer.Serialize(change, Row.Json)));
    }

    /// <summary>The job runner's expiry of an offer: a no-op when the application moved on (signed, withdrawn …) before.</summary>
    internal async Task ExpireAsync(long id, CancellationToken ct)
    {
        Application? current;
        await using (var c = await db.OpenAsync(ct))
        {
            current = await FindAsync(c, null, id, ct);
        }
        if (current is { State: ApplicationState.Offered, Offer: { } offer } && offer.SignBy < ChinaTime.Today(time))
        {
            await MoveAsync(current, FlowActor.System, new StepRequest(ApplicationAction.Expire), null, ct);
        }
    }

    private static Application Read(DbDataReader r) => new(r.Long(0), r.Long(1), r.GetString(2), r.GetString(3), r.Long(4), r.GetString(5), r.Long(6),
        r.GetString(7), RegionCatalogue.Significant(r.GetString(8)), (ApplicationState)r.Int(9), r.Int(10), r.Timestamp(11), r.Timestamp(12),
        r.NullableLong(13), r.NullableTimestamp(14), r.NullableString(15), r.NullableString(16),
        r.IsDBNull(17) ? null : JsonSerializer.Deserialize<OfferTerms>(r.GetString(17), Row.Json), r.NullableTimestamp(18), r.Bool(19));
}

/// <summary>What an expiry job names: an application's offer or an invitation.</summary>
public sealed record ExpiryPayload(string Subject, long Id);
