using System.Data.Common;
using System.Security.Cryptography;
using System.Text.Json;
using Dapper;
using TalentBridge.Domain;
using TalentBridge.Domain.Flow;
using TalentBridge.Domain.Reference;
using TalentBridge.Domain.SharedPool;
using TalentBridge.Domain.TitleReview;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Audit;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.SharedPool;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.TitleReview;

/// <summary>What an applicant (or an operator for them) enters to apply for a professional title.</summary>
public sealed record TitleReviewDraft
{
    public const int MaxSeries = 50;
    public const int MaxTitleName = 50;
    public const int MaxSummary = 4000;
    public const int MaxExperts = 10;

    /// <summary>The applicant's talent record; only an operator or administrator names someone else's.</summary>
    public long? TalentId { get; init; }
    public long? EmployerId { get; init; }
    /// <summary>职称系列, e.g. 工程技术.</summary>
    public string? Series { get; init; }
    /// <summary>The title sought, e.g. 高级工程师.</summary>
    public string? TitleName { get; init; }
    public ProfessionalTitleLevel? TitleLevel { get; init; }
    public string? Summary { get; init; }
    /// <summary>Review experts the applicant names as referees (推荐人).</summary>
    public IReadOnlyList<long> RefereeExpertIds { get; init; } = [];
    /// <summary>Review experts the applicant declares a relation with.</summary>
    public IReadOnlyList<long> RelatedExpertIds { get; init; } = [];

    /// <summary>The rules of the fields themselves (what needs the database is checked when applying).</summary>
    public ValidationErrors Validate() => new ValidationErrors()
        .Required(Series, "series", MaxSeries)
        .Required(TitleName, "titleName", MaxTitleName)
        .Required(Summary, "summary", MaxSummary)
        .When(TitleLevel is null or ProfessionalTitleLevel.None, "titleLevel", "is required")
        .When(TitleLevel is { } level && !Enum.IsDefined(level), "titleLevel", "must be one of the listed options")
        .When(EmployerId is null, "employerId", "is required")
        .When(RefereeExpertIds.Count > MaxExperts, "refereeExpertIds", $"must have at most {MaxExperts} items")
        .When(RelatedExpertIds.Count > MaxExperts, "relatedExpertIds", $"must have at most {MaxExperts} items");
}

/// <summary>An application for a professional title as stored.</summary>
public sealed record TitleReviewApplication(long Id, long TalentId, string ApplicantName, long EmployerId, string EmployerName, string RegionCode,
    string Series, string TitleName, ProfessionalTitleLevel TitleLevel, string Summary, IReadOnlyList<long> RefereeExpertIds,
    IReadOnlyList<long> RelatedExpertIds, string RulesKey, TitleReviewState State, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record TitleReviewStep(DateTimeOffset At, TitleReviewAction Action, TitleReviewState From, TitleReviewState To, string? ByName, string? Reason);

/// <summary>A public notice: kind 1 the employer's publicity, 2 the result notice.</summary>
public sealed record TitleReviewNotice(long Id, int Kind, NoticePeriod Period, string CalendarVersion);

public sealed record TitleReviewObjection(long Id, int NoticeKind, string Text, DateTimeOffset RaisedAt, ObjectionResolution? Resolution, string? ResolutionNote,
    DateTimeOffset? ResolvedAt);

/// <summary>How an objection was resolved. Stored as these numbers.</summary>
public enum ObjectionResolution
{
    Dismissed = 1,
    /// <summary>Upheld: the application does not go on (not recommended, or rejected).</summary>
    Upheld = 2,
}

/// <summary>A panel member and (for operators and the expert themself) the score.</summary>
public sealed record PanelMember(long ExpertId, string Name, string Specialty, int? Score, string? Comment, DateTimeOffset? ScoredAt);

/// <summary>
/// The committee's ballot: size and attendance; how many have voted; the tally only once it is closed; whether the
/// caller is present and has voted.
/// </summary>
public sealed record BallotView(long CommitteeId, string CommitteeName, int Members, int Present, int Voted, BallotTally? Tally, BallotOutcome? Outcome,
    bool CallerPresent, bool CallerVoted);

public sealed record CertificateView(string Code, DateOnly IssuedOn, CertificateStatus Status, DateOnly? RevokedOn);

/// <summary>Everything the caller may see of one application, and the steps open to them.</summary>
public sealed record TitleReviewDetail(TitleReviewApplication Application, FlowActor? Side, bool IsPanelExpert, bool IsCommitteeVoter,
    IReadOnlyList<TitleReviewAction> Actions, IReadOnlyList<TitleReviewStep> Steps, IReadOnlyList<TitleReviewNotice> Notices,
    IReadOnlyList<TitleReviewObjection> Objections, IReadOnlyList<PanelMember> Panel, BallotView? Ballot, CertificateView? Certificate);

/// <summary>A review expert who could sit on the panel, with every reason that excludes them.</summary>
public sealed record PanelCandidateView(long ExpertId, string Name, string Specialty, string? EmployerName, long? CommitteeId,
    IReadOnlyList<ConflictReason> Conflicts);

public sealed record Committee(long Id, string Name, string RegionCode, int Members);

/// <summary>What the public verification page shows: the holder's name masked, the title, and the status.</summary>
public sealed record CertificateCheck(string Code, string HolderName, string Series, string TitleName, ProfessionalTitleLevel TitleLevel, DateOnly IssuedOn,
    CertificateStatus Status, DateOnly? RevokedOn);

public sealed record TitleReviewQuery
{
    public TitleReviewState? State { get; init; }
    /// <summary>Sort: createdAt, updatedAt, state (a leading '-' for descending); default newest change first.</summary>
    public string? Sort { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 20;

    public static readonly IReadOnlyDictionary<string, string> SortColumns = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["createdAt"] = "r.created_at", ["updatedAt"] = "r.updated_at", ["state"] = "r.state",
    };
}

/// <summary>
/// The 职称 review workflow (issue 15, item 5) over <see cref="TitleReviewFlow"/>: apply; the employer's review and
/// publicity; the bureau's eligibility check, panel assignment without conflicts of interest, the panel's scores, the
/// committee's secret ballot (who voted in <c>tr_ballot_voters</c>, the votes without voter or time in <c>tr_votes</c>,
/// in one transaction), acceptance and the result notice with objections, the e-certificate and its public check.
/// Every step, its tr_steps row, its audit row and event commit together; operators see their region's subtree.
/// </summary>
public sealed class TitleReviews(Database db, ReferenceData reference, WorkCalendars calendars, SignInThrottle throttle, TimeProvider time)
{
    public const string Subject = "titleReview";
    public const int MaxReason = 1000;
    public const int MaxObjection = 2000;

    private const string Columns =
        "r.id, r.talent_id, t.name, r.employer_id, e.name, r.region_code, r.series, r.title_name, r.title_level, r.summary, r.referees, r.relations, " +
        "r.rules_key, r.state, r.version, r.created_at, r.updated_at";

    private const string From = "tr_applications r JOIN talents t ON t.id = r.talent_id JOIN enterprises e ON e.id = r.employer_id";

    /// <summary>The rules an application runs under, by the key it stored (one shipped set so far).</summary>
    public static TitleReviewRules RulesFor(string key) => TitleReviewRules.National.Key == key
        ? TitleReviewRules.National
        : throw new InvalidDataException($"Unknown title review rules '{key}'.");

    public async Task<WriteResult<TitleReviewDetail>> ApplyAsync(Caller caller, TitleReviewDraft draft, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(draft);
        var talentId = draft.TalentId ?? caller.TalentId;
        if (talentId is null || !caller.IsSignedIn)
        {
            return WriteResult.Forbidden<TitleReviewDetail>();
        }
        var errors = draft.Validate();
        var now = time.GetUtcNow();
        var rules = TitleReviewRules.National;
        return await db.InTransactionAsync(async (c, tx) =>
        {
            var talent = await c.QuerySingleOrDefaultAsync<(long Id, string Region)>(
                "SELECT id, residence_region_code FROM talents WHERE id = @talentId", new { talentId }, tx);
            if (talent.Id == 0 || !(caller.TalentId == talentId || caller.CanEditTalent(reference.Regions, talent.Id, RegionCatalogue.Significant(talent.Region))))
            {
                return WriteResult.NotFound<TitleReviewDetail>();
            }
            var employer = draft.EmployerId is { } employerId
                ? await c.QuerySingleOrDefaultAsync<(long Id, string Region)>("SELECT id, region_code FROM enterprises WHERE id = @employerId", new { employerId }, tx)
                : default;
            errors.When(draft.EmployerId is not null && employer.Id == 0, "employerId", "is not a registered enterprise");
            var experts = draft.RefereeExpertIds.Concat(draft.RelatedExpertIds).Distinct().ToArray();
            if (experts.Length > 0 && await c.ExecuteScalarAsync<long>(
                    $"SELECT count(*) FROM tr_experts WHERE {ListSql.InList(db, "id", "experts")}", new { experts }, tx) != experts.Length)
            {
                errors.Add(draft.RefereeExpertIds.Count > 0 ? "refereeExpertIds" : "relatedExpertIds", "are not all review experts");
            }
            if (await c.ExecuteScalarAsync<long>(
                    $"SELECT count(*) FROM tr_applications WHERE talent_id = @talentId AND state NOT IN ({FinalStates})", new { talentId }, tx) > 0)
            {
                errors.Add("titleName", "an application of yours is under review already");
            }
            if (!errors.IsValid)
            {
                return WriteResult.Invalid<TitleReviewDetail>(errors);
            }
            var region = RegionCatalogue.Significant(employer.Region);
            var id = await c.ExecuteScalarAsync<long>(
                "INSERT INTO tr_applications (talent_id, employer_id, region_code, series, title_name, title_level, summary, referees, relations, rules_key, " +
                "state, version, created_at, created_by, updated_at) VALUES (@talentId, @employerId, @region, @series, @titleName, @level, @summary, @referees, " +
                "@relations, @rules, @state, 1, @now, @by, @now) RETURNING id",
                new
                {
                    talentId, employerId = employer.Id, region = Row.StoredRegion(region), series = draft.Series!.Trim(), titleName = draft.TitleName!.Trim(),
                    level = (int)draft.TitleLevel!.Value, summary = draft.Summary!.Trim(), referees = Row.ToJson(draft.RefereeExpertIds.Distinct()),
                    relations = Row.ToJson(draft.RelatedExpertIds.Distinct()), rules = rules.Key, state = (int)TitleReviewState.EmployerReview,
                    now = Database.Utc(now), by = caller.AccountId,
                }, tx);
            await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, caller.AccountId, AuditAction.Create, Subject, id, region, "apply",
                JsonSerializer.Serialize(new { talentId, employerId = employer.Id, series = draft.Series.Trim(), titleName = draft.TitleName.Trim(), rules = rules.Key }, Row.Json)),
                "titleReview.apply");
            return WriteResult.Ok((await DetailAsync(c, tx, caller, id))!);
        }, ct);
    }

    private static readonly string FinalStates = string.Join(", ", TitleReviewFlow.Machine.Final.Append(TitleReviewState.Certified).Select(s => (int)s));

    /// <summary>
    /// A step without input of its own (publicity, recommendation, eligibility, closing the scoring, acceptance, the
    /// certificate, rejection, withdrawal, revocation), taken by the caller's side if the flow and the guards allow it.
    /// A reason is required for refusals. <paramref name="version"/> (null: whatever is current) guards against a change made since.
    /// </summary>
    public Task<WriteResult<TitleReviewDetail>> StepAsync(Caller caller, long id, TitleReviewAction action, string? reason, int? version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (action is TitleReviewAction.AssignPanel or TitleReviewAction.OpenBallot or TitleReviewAction.Pass or TitleReviewAction.Fail || !Enum.IsDefined(action))
        {
            return Task.FromResult(WriteResult.Invalid<TitleReviewDetail>(new ValidationErrors().Add("action", "is not a step taken on its own")));
        }
        var errors = new ValidationErrors().Optional(reason, "reason", MaxReason)
            .When(TitleReviewFlow.NeedsReason(action) && string.IsNullOrWhiteSpace(reason), "reason", "is required");
        if (!errors.IsValid)
        {
            return Task.FromResult(WriteResult.Invalid<TitleReviewDetail>(errors));
        }
        return RunAsync(caller, id, version, action, reason?.Trim(), null, (_, _, _, _) => Task.FromResult(NoChange), ct);
    }

    /// <summary>The review experts an operator may put on the panel, each with the reasons that exclude them.</summary>
    public async Task<IReadOnlyList<PanelCandidateView>?> CandidatesAsync(Caller caller, long id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        await using var c = await db.OpenAsync(ct);
        if (await FindAsync(c, null, id) is not { } application || SideOf(caller, application) != FlowActor.Operator)
        {
            return null;
        }
        var ties = Ties(application);
        var rows = await c.QueryAsync<(long Id, string Name, string Specialty, long? TalentId, long? EmployerId, string? EmployerName, long? CommitteeId)>(
            "SELECT x.id, x.name, x.specialty, x.talent_id, x.employer_id, e.name, x.committee_id FROM tr_experts x " +
            "LEFT JOIN enterprises e ON e.id = x.employer_id ORDER BY x.id");
        return [.. rows.Select(r => new PanelCandidateView(r.Id, r.Name, r.Specialty, r.EmployerName, r.CommitteeId,
            ConflictOfInterest.Reasons(ties, new PanelCandidate(r.Id, r.TalentId, r.EmployerId))))];
    }

    /// <summary>The operator assigns the panel: at least the rules' number of experts, none with a conflict of interest.</summary>
    public Task<WriteResult<TitleReviewDetail>> AssignPanelAsync(Caller caller, long id, IReadOnlyList<long> expertIds, int? version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(expertIds);
        var chosen = expertIds.Distinct().ToArray();
        return RunAsync(caller, id, version, TitleReviewAction.AssignPanel, null, new { expertIds = chosen }, async (c, tx, application, now) =>
        {
            var rules = RulesFor(application.RulesKey);
            var errors = new ValidationErrors()
                .When(chosen.Length < rules.Panel.MinExperts, "expertIds", $"must name at least {rules.Panel.MinExperts} experts")
                .When(chosen.Length > TitleReviewDraft.MaxExperts * 2, "expertIds", $"must have at most {TitleReviewDraft.MaxExperts * 2} items");
            var found = chosen.Length == 0 ? [] : (await c.QueryAsync<(long Id, string Name, long? TalentId, long? EmployerId)>(
                $"SELECT id, name, talent_id, employer_id FROM tr_experts WHERE {ListSql.InList(db, "id", "chosen")}", new { chosen }, tx)).ToList();
            errors.When(found.Count != chosen.Length, "expertIds", "are not all review experts");
            var ties = Ties(application);
            foreach (var expert in found)
            {
                foreach (var reason in ConflictOfInterest.Reasons(ties, new PanelCandidate(expert.Id, expert.TalentId, expert.EmployerId)))
                {
                    errors.Add("expertIds", $"expert {expert.Name} is excluded: {Words(reason)}");
                }
            }
            if (!errors.IsValid)
            {
                return (errors, null);
            }
            foreach (var expert in chosen)
            {
                await c.ExecuteAsync("INSERT INTO tr_panel (application_id, expert_id, assigned_at) VALUES (@id, @expert, @now)",
                    new { id, expert, now = Database.Utc(now) }, tx);
            }
            return NoChange;
        }, ct);
    }

    /// <summary>A panel expert scores the applicant (again, until the operator closes the scoring).</summary>
    public async Task<WriteResult<TitleReviewDetail>> ScoreAsync(Caller caller, long id, int? score, string? comment, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var now = time.GetUtcNow();
        return await db.InTransactionAsync(async (c, tx) =>
        {
            if (await FindAsync(c, tx, id) is not { } application || await ExpertIdAsync(c, tx, caller) is not { } expertId
                || await c.ExecuteScalarAsync<long>("SELECT count(*) FROM tr_panel WHERE application_id = @id AND expert_id = @expertId", new { id, expertId }, tx) == 0)
            {
                return WriteResult.NotFound<TitleReviewDetail>();
            }
            var panel = RulesFor(application.RulesKey).Panel;
            var errors = new ValidationErrors()
                .When(application.State != TitleReviewState.PanelReview, "state", "the panel is not scoring this application")
                .When(score is null, "score", "is required")
                .When(score is { } s && (s < panel.MinScore || s > panel.MaxScore), "score", $"must be between {panel.MinScore} and {panel.MaxScore}")
                .Optional(comment, "comment", MaxReason);
            if (!errors.IsValid)
            {
                return WriteResult.Invalid<TitleReviewDetail>(errors);
            }
            await c.ExecuteAsync("UPDATE tr_panel SET score = @score, comment = @comment, scored_at = @now WHERE application_id = @id AND expert_id = @expertId",
                new { score, comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(), now = Database.Utc(now), id, expertId }, tx);
            await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, caller.AccountId, AuditAction.Update, Subject, id, application.RegionCode, "score",
                JsonSerializer.Serialize(new { expertId, score }, Row.Json)), "titleReview.score");
            return WriteResult.Ok((await DetailAsync(c, tx, caller, id))!);
        }, ct);
    }

    /// <summary>The committees an operator may convene (their region's subtree, or its ancestors' committees).</summary>
    public async Task<IReadOnlyList<Committee>> CommitteesAsync(Caller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!(caller.IsAdmin || caller.IsOperator))
        {
            return [];
        }
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<(long Id, string Name, string Region, long Members)>(
            "SELECT m.id, m.name, m.region_code, (SELECT count(*) FROM tr_experts x WHERE x.committee_id = m.id) FROM tr_committees m ORDER BY m.id");
        return [.. rows.Select(r => new Committee(r.Id, r.Name, RegionCatalogue.Significant(r.Region), (int)r.Members))
            .Where(m => caller.InScope(m.RegionCode) || (caller.ScopeRegion is { } scope && RegionCatalogue.Contains(m.RegionCode, scope)))];
    }

    /// <summary>
    /// The operator opens the committee's ballot with the members present: the quorum must be met and no member present
    /// may have a conflict of interest with the applicant.
    /// </summary>
    public Task<WriteResult<TitleReviewDetail>> OpenBallotAsync(Caller caller, long id, long? committeeId, IReadOnlyList<long> presentExpertIds, int? version,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(presentExpertIds);
        var present = presentExpertIds.Distinct().ToArray();
        return RunAsync(caller, id, version, TitleReviewAction.OpenBallot, null, new { committeeId, present }, async (c, tx, application, now) =>
        {
            var errors = new ValidationErrors();
            var committee = committeeId is null ? null : (await CommitteesAsync(caller, ct)).FirstOrDefault(m => m.Id == committeeId);
            if (committee is null)
            {
                return (errors.Add("committeeId", "is not a committee you may convene"), null);
            }
            var members = (await c.QueryAsync<(long Id, string Name, long? TalentId, long? EmployerId)>(
                "SELECT id, name, talent_id, employer_id FROM tr_experts WHERE committee_id = @committeeId", new { committeeId }, tx)).ToDictionary(m => m.Id);
            errors.When(present.Any(p => !members.ContainsKey(p)), "presentExpertIds", "are not all members of the committee");
            var ties = Ties(application);
            foreach (var p in present.Where(members.ContainsKey))
            {
                var m = members[p];
                foreach (var reason in ConflictOfInterest.Reasons(ties, new PanelCandidate(m.Id, m.TalentId, m.EmployerId)))
                {
                    errors.Add("presentExpertIds", $"expert {m.Name} is excluded: {Words(reason)}");
                }
            }
            var rules = RulesFor(application.RulesKey);
            if (errors.IsValid && !BallotRule.HasQuorum(rules, members.Count, present.Length))
            {
                errors.Add("presentExpertIds", $"the quorum is {rules.Quorum.Needed(members.Count)} of {members.Count} members present");
            }
            if (!errors.IsValid)
            {
                return (errors, null);
            }
            await c.ExecuteAsync("UPDATE tr_applications SET committee_id = @committeeId WHERE id = @id", new { committeeId, id }, tx);
            await c.ExecuteAsync("INSERT INTO tr_ballots (application_id, committee_id, members, present, opened_at) VALUES (@id, @committeeId, @members, @present, @now)",
                new { id, committeeId, members = members.Count, present = present.Length, now = Database.Utc(now) }, tx);
            foreach (var expert in present)
            {
                await c.ExecuteAsync("INSERT INTO tr_ballot_voters (application_id, expert_id, voted) VALUES (@id, @expert, 0)", new { id, expert }, tx);
            }
            return NoChange;
        }, ct);
    }

    /// <summary>
    /// A committee member present casts a secret vote, once: the voter is marked as having voted, and the vote is stored
    /// under a random key without voter or time, in the same transaction. The audit row says who voted, never how.
    /// </summary>
    public async Task<WriteResult<TitleReviewDetail>> VoteAsync(Caller caller, long id, Vote? vote, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (vote is not { } cast || !Enum.IsDefined(cast))
        {
            return WriteResult.Invalid<TitleReviewDetail>(new ValidationErrors().Add("vote", "must be one of the listed options"));
        }
        var now = time.GetUtcNow();
        return await db.InTransactionAsync(async (c, tx) =>
        {
            if (await FindAsync(c, tx, id) is not { } application || await ExpertIdAsync(c, tx, caller) is not { } expertId)
            {
                return WriteResult.NotFound<TitleReviewDetail>();
            }
            var voted = await c.QuerySingleOrDefaultAsync<int?>(
                "SELECT voted FROM tr_ballot_voters WHERE application_id = @id AND expert_id = @expertId", new { id, expertId }, tx);
            if (voted is null)
            {
                return WriteResult.NotFound<TitleReviewDetail>();
            }
            var errors = new ValidationErrors()
                .When(application.State != TitleReviewState.Voting, "vote", "the ballot is not open")
                .When(voted == 1, "vote", "you have voted already");
            if (!errors.IsValid)
            {
                return WriteResult.Invalid<TitleReviewDetail>(errors);
            }
            var changed = await c.ExecuteAsync("UPDATE tr_ballot_voters SET voted = 1 WHERE application_id = @id AND expert_id = @expertId AND voted = 0",
                new { id, expertId }, tx);
            if (changed != 1)
            {
                return WriteResult.Invalid<TitleReviewDetail>(new ValidationErrors().Add("vote", "you have voted already"));
            }
            await c.ExecuteAsync("INSERT INTO tr_votes (application_id, ballot_key, vote) VALUES (@id, @key, @vote)",
                new { id, key = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)), vote = (int)cast }, tx);
            await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, caller.AccountId, AuditAction.Update, Subject, id, application.RegionCode, "vote",
                JsonSerializer.Serialize(new { expertId }, Row.Json)), "titleReview.vote");
            return WriteResult.Ok((await DetailAsync(c, tx, caller, id))!);
        }, ct);
    }

    /// <summary>The operator closes the ballot once every member present has voted; the tally decides pass or fail (the platform's step).</summary>
    public Task<WriteResult<TitleReviewDetail>> CloseBallotAsync(Caller caller, long id, int? version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return RunAsync(caller, id, version, null, null, null, async (c, tx, application, now) =>
        {
            if (SideOf(caller, application) != FlowActor.Operator)
            {
                return (new ValidationErrors().Add("action", "only the operator may close the ballot"), null);
            }
            if (application.State != TitleReviewState.Voting)
            {
                return (new ValidationErrors().Add("action", "the ballot is not open"), null);
            }
            var ballot = await c.QuerySingleAsync<(int Members, int Present)>("SELECT members, present FROM tr_ballots WHERE application_id = @id", new { id }, tx);
            var votes = (await c.QueryAsync<(int Vote, long Count)>("SELECT vote, count(*) FROM tr_votes WHERE application_id = @id GROUP BY vote", new { id }, tx))
                .ToDictionary(v => (Vote)v.Vote, v => (int)v.Count);
            var tally = new BallotTally(ballot.Members, ballot.Present, votes.GetValueOrDefault(Vote.Yes), votes.GetValueOrDefault(Vote.No),
                votes.GetValueOrDefault(Vote.Abstain));
            var outcome = BallotRule.Decide(RulesFor(application.RulesKey), tally);
            if (outcome is not (BallotOutcome.Passed or BallotOutcome.Failed))
            {
                return (new ValidationErrors().Add("action", $"waits for {tally.Present - tally.Cast} votes"), null);
            }
            await c.ExecuteAsync("UPDATE tr_ballots SET yes_votes = @Yes, no_votes = @No, abstentions = @Abstain, outcome = @outcome, closed_at = @now " +
                "WHERE application_id = @id", new { tally.Yes, tally.No, tally.Abstain, outcome = (int)outcome, now = Database.Utc(now), id }, tx);
            return (null, outcome == BallotOutcome.Passed ? TitleReviewAction.Pass : TitleReviewAction.Fail);
        }, ct);
    }

    /// <summary>Anyone signed in may object while a notice runs (the employer's publicity or the result notice).</summary>
    public async Task<WriteResult<TitleReviewObjection>> ObjectAsync(Caller caller, long id, string? text, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.IsSignedIn)
        {
            return WriteResult.Forbidden<TitleReviewObjection>();
        }
        var errors = new ValidationErrors().Required(text, "text", MaxObjection);
        if (!errors.IsValid)
        {
            return WriteResult.Invalid<TitleReviewObjection>(errors);
        }
        var now = time.GetUtcNow();
        var today = ChinaTime.Date(now);
        return await db.InTransactionAsync(async (c, tx) =>
        {
            if (await FindAsync(c, tx, id) is not { } application)
            {
                return WriteResult.NotFound<TitleReviewObjection>();
            }
            var kind = application.State == TitleReviewState.EmployerPublicity ? 1 : application.State == TitleReviewState.ResultNotice ? 2 : 0;
            var notice = (await NoticesAsync(c, tx, id)).FirstOrDefault(n => n.Kind == kind);
            if (notice is null || !notice.Period.TakesObjections(today))
            {
                return WriteResult.Invalid<TitleReviewObjection>(new ValidationErrors().Add("text", "objections are taken only while a notice runs"));
            }
            var objectionId = await c.ExecuteScalarAsync<long>(
                "INSERT INTO tr_objections (application_id, notice_id, text, raised_at, raised_by) VALUES (@id, @notice, @text, @now, @by) RETURNING id",
                new { id, notice = notice.Id, text = text!.Trim(), now = Database.Utc(now), by = caller.AccountId }, tx);
            await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, caller.AccountId, AuditAction.Update, Subject, id, application.RegionCode, "objection",
                JsonSerializer.Serialize(new { objectionId, notice = kind }, Row.Json)), "titleReview.objection");
            return WriteResult.Ok((await ObjectionsAsync(c, tx, id)).Single(o => o.Id == objectionId));
        }, ct);
    }

    /// <summary>
    /// The side that posted the notice (the employer for its publicity, the operator for the result notice) resolves an
    /// objection with a note; an upheld objection ends the application in the same transaction (not recommended, or rejected).
    /// </summary>
    public async Task<WriteResult<TitleReviewDetail>> ResolveObjectionAsync(Caller caller, long id, long objectionId, ObjectionResolution? resolution, string? note,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var errors = new ValidationErrors().Required(note, "note", MaxReason)
            .When(resolution is not { } r || !Enum.IsDefined(r), "resolution", "must be one of the listed options");
        if (!errors.IsValid)
        {
            return WriteResult.Invalid<TitleReviewDetail>(errors);
        }
        return await RunAsync(caller, id, null, null, note!.Trim(), null, async (c, tx, application, now) =>
        {
            var objection = await c.QuerySingleOrDefaultAsync<(long Id, int Kind, int? Resolution)>(
                "SELECT o.id, n.kind, o.resolution FROM tr_objections o JOIN tr_notices n ON n.id = o.notice_id WHERE o.id = @objectionId AND o.application_id = @id",
                new { objectionId, id }, tx);
            var side = SideOf(caller, application);
            if (objection.Id == 0 || objection.Resolution is not null)
            {
                return (new ValidationErrors().Add("objectionId", "is not an open objection to this application"), null);
            }
            if (objection.Kind == 1 ? side is not (FlowActor.Enterprise or FlowActor.Operator) : side != FlowActor.Operator)
            {
                return (new ValidationErrors().Add("objectionId", "is not yours to resolve"), null);
            }
            await c.ExecuteAsync("UPDATE tr_objections SET resolution = @resolution, resolution_note = @note, resolved_at = @now, resolved_by = @by WHERE id = @objectionId",
                new { resolution = (int)resolution!.Value, note = note.Trim(), now = Database.Utc(now), by = caller.AccountId, objectionId }, tx);
            await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, caller.AccountId, AuditAction.Update, Subject, id, application.RegionCode, "resolve objection",
                JsonSerializer.Serialize(new { objectionId, resolution = resolution.Value.ToString() }, Row.Json)), "titleReview.objection");
            var upheld = resolution == ObjectionResolution.Upheld;
            return (null, !upheld ? null : objection.Kind == 1 ? TitleReviewAction.Decline : TitleReviewAction.Reject);
        }, ct);
    }

    /// <summary>The caller's applications: their own, their enterprise's, their region's (operators), those they review.</summary>
    public async Task<Page<TitleReviewApplication>> ListAsync(Caller caller, TitleReviewQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(query);
        var where = new Where();
        var expertId = await ExpertIdAsync(caller, ct);
        var mine = new List<string>();
        if (caller.TalentId is { } talentId)
        {
            mine.Add("r.talent_id = @talentId");
            where.Parameters.Add("talentId", talentId);
        }
        if (caller.IsEnterpriseUser && caller.EnterpriseId is { } enterpriseId)
        {
            mine.Add("r.employer_id = @enterpriseId");
            where.Parameters.Add("enterpriseId", enterpriseId);
        }
        if (expertId is { } expert)
        {
            mine.Add("EXISTS (SELECT 1 FROM tr_panel p WHERE p.application_id = r.id AND p.expert_id = @expertId) " +
                "OR EXISTS (SELECT 1 FROM tr_ballot_voters v WHERE v.application_id = r.id AND v.expert_id = @expertId)");
            where.Parameters.Add("expertId", expert);
        }
        if (caller.IsOperator)
        {
            var (lo, hi) = RegionCatalogue.SubtreeRange(caller.ScopeRegion!);
            mine.Add("r.region_code BETWEEN @scopeLo AND @scopeHi");
            where.Parameters.Add("scopeLo", lo);
            where.Parameters.Add("scopeHi", hi);
        }
        if (!caller.IsAdmin)
        {
            where.Add(mine.Count == 0 ? "1 = 0" : "(" + string.Join(" OR ", mine.Select(m => "(" + m + ")")) + ")");
        }
        if (query.State is { } state)
        {
            where.Add("r.state = @state", "state", (int)state);
        }
        var orderBy = Sorting.OrderBy(query.Sort, TitleReviewQuery.SortColumns, "r.updated_at DESC, r.id DESC", "r.id");
        return await ListSql.PageAsync(db, From, Columns, where, orderBy,
            new ListQuery { Page = query.Page, PageSize = query.PageSize }, Read, "tr_applications r", ct);
    }

    /// <summary>One application as the caller may see it, or null (not there, or not theirs to see).</summary>
    public async Task<TitleReviewDetail?> FindAsync(Caller caller, long id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        await using var c = await db.OpenAsync(ct);
        return await DetailAsync(c, null, caller, id);
    }

    /// <summary>
    /// The public check of a certificate by its code (no sign-in): the holder's name masked, the title and the status, or
    /// null when the code is malformed, has a wrong check character, or names no certificate. Failed checks count
    /// against the client address like failed sign-ins (<see cref="SignInThrottle"/>, in the database for every node):
    /// past the limit the answer is only the time to wait.
    /// </summary>
    public async Task<(CertificateCheck? Certificate, TimeSpan? RetryAfter)> VerifyAsync(string? code, string address, CancellationToken ct)
    {
        if (await throttle.TryTakeAsync("verify:" + address, time.GetUtcNow(), ct) is { } wait)
        {
            return (null, wait);
        }
        CertificateCheck? found = null;
        if (VerificationCode.Normalise(code) is { } normal)
        {
            await using var c = await db.OpenAsync(ct);
            await using var r = await c.ExecuteReaderAsync(
                "SELECT code, holder_name, series, title_name, title_level, issued_on, status, revoked_on FROM tr_certificates WHERE code = @normal", new { normal });
            if (await r.ReadAsync(ct))
            {
                found = new CertificateCheck(VerificationCode.Display(r.GetString(0)), HolderName.Mask(r.GetString(1)), r.GetString(2), r.GetString(3),
                    r.Enum<ProfessionalTitleLevel>(4), r.Date(5), r.Enum<CertificateStatus>(6), r.IsDBNull(7) ? null : r.Date(7));
            }
        }
        if (found is not null)
        {
            await throttle.GiveBackAsync("verify:" + address, ct);
        }
        return (found, null);
    }

    private static readonly (ValidationErrors? Errors, TitleReviewAction? Step) NoChange = (null, null);

    /// <summary>The answer of <see cref="CheckStepAsync"/> when the caller has no side in the application at all.</summary>
    private static readonly ValidationErrors NoSide = new();

    /// <summary>
    /// One change of an application in one transaction: the caller must see it and (when given) still hold its version;
    /// a <paramref name="planned"/> step must be allowed to the caller's side by the flow and its guards before
    /// <paramref name="work"/> runs; the work validates and writes, and may name the step it leads to (the ballot's
    /// outcome, an upheld objection). The step moves the state, writes its tr_steps row, its notice or certificate, and
    /// its audit row and event.
    /// </summary>
    private async Task<WriteResult<TitleReviewDetail>> RunAsync(Caller caller, long id, int? version, TitleReviewAction? planned, string? reason, object? detail,
        Func<DbConnection, DbTransaction, TitleReviewApplication, DateTimeOffset, Task<(ValidationErrors? Errors, TitleReviewAction? Step)>> work, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var calendar = await calendars.CurrentAsync(ct);
        return await db.InTransactionAsync(async (c, tx) =>
        {
            if (await FindAsync(c, tx, id) is not { } application || !CanSee(caller, application) && await ExpertIdAsync(c, tx, caller) is null)
            {
                return WriteResult.NotFound<TitleReviewDetail>();
            }
            if (version is { } expected && expected != application.Version)
            {
                return WriteResult.Conflict((await DetailAsync(c, tx, caller, id))!);
            }
            if (planned is { } action && await CheckStepAsync(c, tx, caller, application, action, calendar) is { } broken)
            {
                return ReferenceEquals(broken, NoSide) ? WriteResult.Forbidden<TitleReviewDetail>() : WriteResult.Invalid<TitleReviewDetail>(broken);
            }
            var (errors, step) = await work(c, tx, application, now);
            if (errors is not null)
            {
                return WriteResult.Invalid<TitleReviewDetail>(errors);
            }
            if ((step ?? planned) is { } taken)
            {
                var to = TitleReviewFlow.Machine.Rules.First(r => r.From == application.State && r.Action == taken).To;
                await TakeStepAsync(c, tx, caller, application, taken, to, reason, detail, now, calendar);
            }
            return WriteResult.Ok((await DetailAsync(c, tx, caller, id))!);
        }, ct);
    }

    /// <summary>Null when the caller's side may take the step now; else the broken rule (empty: the caller has no side in the application).</summary>
    private async Task<ValidationErrors?> CheckStepAsync(DbConnection c, DbTransaction tx, Caller caller, TitleReviewApplication application, TitleReviewAction action,
        WorkCalendar calendar)
    {
        _ = calendar;
        var rule = TitleReviewFlow.Machine.Rules.FirstOrDefault(r => r.From == application.State && r.Action == action);
        if (rule is null)
        {
            return new ValidationErrors().Add("action", TitleReviewFlow.Machine.Next(application.State, action, FlowActor.System).Error!);
        }
        if (!Acts(caller, application, rule.Actor))
        {
            return SideOf(caller, application) is { } side
                ? new ValidationErrors().Add("action", TitleReviewFlow.Machine.Next(application.State, action, side).Error!)
                : NoSide;
        }
        var notices = await NoticesAsync(c, tx, application.Id);
        var open = await c.ExecuteScalarAsync<long>("SELECT count(*) FROM tr_objections WHERE application_id = @id AND resolution IS NULL", new { id = application.Id }, tx);
        var panel = await c.QuerySingleAsync<(long Experts, long Missing)>(
            "SELECT count(*), coalesce(sum(CASE WHEN score IS NULL THEN 1 ELSE 0 END), 0) FROM tr_panel WHERE application_id = @id", new { id = application.Id }, tx);
        var facts = new TitleReviewFacts(ChinaTime.Date(time.GetUtcNow()), notices.FirstOrDefault(n => n.Kind == 1)?.Period,
            notices.FirstOrDefault(n => n.Kind == 2)?.Period, (int)open, (int)panel.Experts, (int)panel.Missing);
        return TitleReviewGuards.Check(action, facts, RulesFor(application.RulesKey)) is { } guard ? new ValidationErrors().Add("action", guard) : null;
    }

    private static async Task TakeStepAsync(DbConnection c, DbTransaction tx, Caller caller, TitleReviewApplication application, TitleReviewAction action,
        TitleReviewState to, string? reason, object? detail, DateTimeOffset now, WorkCalendar calendar)
    {
        var id = application.Id;
        await c.ExecuteAsync("UPDATE tr_applications SET state = @to, version = version + 1, updated_at = @now WHERE id = @id",
            new { to = (int)to, now = Database.Utc(now), id }, tx);
        await c.ExecuteAsync("INSERT INTO tr_steps (application_id, at, action, from_state, to_state, account_id, reason) VALUES (@id, @now, @action, @from, @to, @by, @reason)",
            new { id, now = Database.Utc(now), action = (int)action, from = (int)application.State, to = (int)to, by = caller.AccountId, reason }, tx);
        var rules = RulesFor(application.RulesKey);
        var today = ChinaTime.Date(now);
        object? extra = null;
        if (action is TitleReviewAction.StartPublicity or TitleReviewAction.Accept)
        {
            var kind = action == TitleReviewAction.StartPublicity ? 1 : 2;
            var period = NoticePeriod.Start(today, (kind == 1 ? rules.EmployerPublicity : rules.ResultNotice).WorkingDays, calendar);
            await c.ExecuteAsync("INSERT INTO tr_notices (application_id, kind, posted_on, working_days, first_day, last_day, calendar) " +
                "VALUES (@id, @kind, @posted, @days, @first, @last, @calendar)",
                new { id, kind, posted = period.PostedOn, days = period.WorkingDays, first = period.FirstDay, last = period.LastDay, calendar = calendar.Version }, tx);
            extra = new { notice = kind, period.FirstDay, period.LastDay, calendar = calendar.Version };
        }
        else if (action == TitleReviewAction.Certify)
        {
            var code = VerificationCode.Create(RandomNumberGenerator.GetBytes(VerificationCode.RandomBytes));
            await c.ExecuteAsync("INSERT INTO tr_certificates (application_id, code, holder_name, series, title_name, title_level, issued_on, status, region_code) " +
                "VALUES (@id, @code, @holder, @series, @title, @level, @today, @status, @region)",
                new
                {
                    id, code, holder = application.ApplicantName, series = application.Series, title = application.TitleName, level = (int)application.TitleLevel,
                    today, status = (int)CertificateStatus.Valid, region = Row.StoredRegion(application.RegionCode),
                }, tx);
            extra = new { certificate = "issued" };
        }
        else if (action == TitleReviewAction.Revoke)
        {
            await c.ExecuteAsync("UPDATE tr_certificates SET status = @status, revoked_on = @today WHERE application_id = @id",
                new { status = (int)CertificateStatus.Revoked, today, id }, tx);
        }
        await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, caller.AccountId, AuditAction.Update, Subject, id, application.RegionCode,
            reason is null ? Words(action) : $"{Words(action)}: {reason}",
            JsonSerializer.Serialize(new { state = new[] { application.State.ToString(), to.ToString() }, detail, extra }, Row.Json)),
            $"titleReview.{JsonNamingPolicy.CamelCase.ConvertName(action.ToString())}");
    }

    private async Task<TitleReviewDetail?> DetailAsync(DbConnection c, DbTransaction? tx, Caller caller, long id)
    {
        if (await FindAsync(c, tx, id) is not { } application)
        {
            return null;
        }
        var expertId = await ExpertIdAsync(c, tx, caller);
        var isPanel = expertId is not null && await c.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM tr_panel WHERE application_id = @id AND expert_id = @expertId", new { id, expertId }, tx) > 0;
        var voted = expertId is null ? null : await c.QuerySingleOrDefaultAsync<int?>(
            "SELECT voted FROM tr_ballot_voters WHERE application_id = @id AND expert_id = @expertId", new { id, expertId }, tx);
        if (!CanSee(caller, application) && !isPanel && voted is null)
        {
            return null;
        }
        var side = SideOf(caller, application);
        var actions = side is null ? [] : TitleReviewFlow.Machine.Rules
            .Where(r => r.From == application.State && r.Actor != FlowActor.System && Acts(caller, application, r.Actor)).Select(r => r.Action).Distinct().ToList();
        var steps = new List<TitleReviewStep>();
        await using (var r = await c.ExecuteReaderAsync(
            "SELECT s.at, s.action, s.from_state, s.to_state, a.display_name, s.reason FROM tr_steps s LEFT JOIN accounts a ON a.id = s.account_id " +
            "WHERE s.application_id = @id ORDER BY s.id", new { id }, tx))
        {
            while (await r.ReadAsync())
            {
                steps.Add(new TitleReviewStep(r.Timestamp(0), r.Enum<TitleReviewAction>(1), r.Enum<TitleReviewState>(2), r.Enum<TitleReviewState>(3),
                    r.NullableString(4), r.NullableString(5)));
            }
        }
        var notices = await NoticesAsync(c, tx, id);
        var objections = await ObjectionsAsync(c, tx, id);
        // Scores: operators see them all, an expert their own; the applicant and the employer see who sits on the panel only after the ballot.
        var seesScores = side == FlowActor.Operator;
        var panel = new List<PanelMember>();
        await using (var r = await c.ExecuteReaderAsync(
            "SELECT x.id, x.name, x.specialty, p.score, p.comment, p.scored_at FROM tr_panel p JOIN tr_experts x ON x.id = p.expert_id " +
            "WHERE p.application_id = @id ORDER BY x.id", new { id }, tx))
        {
            while (await r.ReadAsync())
            {
                var member = r.Long(0);
                if (seesScores || member == expertId)
                {
                    panel.Add(new PanelMember(member, r.GetString(1), r.GetString(2), r.NullableInt(3), r.NullableString(4), r.NullableTimestamp(5)));
                }
                else if (application.State >= TitleReviewState.Passed)
                {
                    panel.Add(new PanelMember(member, r.GetString(1), r.GetString(2), null, null, null));
                }
            }
        }
        BallotView? ballot = null;
        var rows = await c.QueryAsync<(long CommitteeId, string Name, int Members, int Present, int? Yes, int? No, int? Abstain, int? Outcome)>(
            "SELECT b.committee_id, m.name, b.members, b.present, b.yes_votes, b.no_votes, b.abstentions, b.outcome FROM tr_ballots b " +
            "JOIN tr_committees m ON m.id = b.committee_id WHERE b.application_id = @id", new { id }, tx);
        foreach (var row in rows)
        {
            var count = await c.ExecuteScalarAsync<long>("SELECT count(*) FROM tr_ballot_voters WHERE application_id = @id AND voted = 1", new { id }, tx);
            ballot = new BallotView(row.CommitteeId, row.Name, row.Members, row.Present, (int)count,
                row.Outcome is null ? null : new BallotTally(row.Members, row.Present, row.Yes ?? 0, row.No ?? 0, row.Abstain ?? 0),
                (BallotOutcome?)row.Outcome, voted is not null, voted == 1);
        }
        var certificate = (await c.QueryAsync<(string Code, DateOnly IssuedOn, int Status, DateOnly? RevokedOn)>(
            "SELECT code, issued_on, status, revoked_on FROM tr_certificates WHERE application_id = @id", new { id }, tx))
            .Select(x => new CertificateView(VerificationCode.Display(x.Code), x.IssuedOn, (CertificateStatus)x.Status, x.RevokedOn)).FirstOrDefault();
        return new TitleReviewDetail(application, side, isPanel, voted is not null, actions, steps, notices, objections, panel, ballot,
            side is null ? null : certificate);
    }

    private static async Task<IReadOnlyList<TitleReviewNotice>> NoticesAsync(DbConnection c, DbTransaction? tx, long id) =>
        [.. (await c.QueryAsync<(long Id, int Kind, DateOnly Posted, int Days, DateOnly First, DateOnly Last, string Calendar)>(
            "SELECT id, kind, posted_on, working_days, first_day, last_day, calendar FROM tr_notices WHERE application_id = @id ORDER BY kind", new { id }, tx))
            .Select(n => new TitleReviewNotice(n.Id, n.Kind, new NoticePeriod(n.Posted, n.Days, n.First, n.Last), n.Calendar))];

    private static async Task<List<TitleReviewObjection>> ObjectionsAsync(DbConnection c, DbTransaction? tx, long id)
    {
        var objections = new List<TitleReviewObjection>();
        await using var r = await c.ExecuteReaderAsync(
            "SELECT o.id, n.kind, o.text, o.raised_at, o.resolution, o.resolution_note, o.resolved_at FROM tr_objections o JOIN tr_notices n ON n.id = o.notice_id " +
            "WHERE o.application_id = @id ORDER BY o.id", new { id }, tx);
        while (await r.ReadAsync())
        {
            objections.Add(new TitleReviewObjection(r.Long(0), r.Int(1), r.GetString(2), r.Timestamp(3), (ObjectionResolution?)r.NullableInt(4), r.NullableString(5),
                r.NullableTimestamp(6)));
        }
        return objections;
    }

    private static async Task<TitleReviewApplication?> FindAsync(DbConnection c, DbTransaction? tx, long id)
    {
        await using var r = await c.ExecuteReaderAsync($"SELECT {Columns} FROM {From} WHERE r.id = @id", new { id }, tx);
        return await r.ReadAsync() ? Read(r) : null;
    }

    private static TitleReviewApplication Read(DbDataReader r) => new(r.Long(0), r.Long(1), r.GetString(2), r.Long(3), r.GetString(4),
        RegionCatalogue.Significant(r.GetString(5)), r.GetString(6), r.GetString(7), r.Enum<ProfessionalTitleLevel>(8), r.GetString(9),
        r.FromJson<List<long>>(10), r.FromJson<List<long>>(11), r.GetString(12), r.Enum<TitleReviewState>(13), r.Int(14), r.Timestamp(15), r.Timestamp(16));

    private async Task<long?> ExpertIdAsync(Caller caller, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await ExpertIdAsync(c, null, caller);
    }

    private static async Task<long?> ExpertIdAsync(DbConnection c, DbTransaction? tx, Caller caller) => caller.AccountId is not { } account ? null
        : await c.QuerySingleOrDefaultAsync<long?>("SELECT id FROM tr_experts WHERE account_id = @account", new { account }, tx);

    private static ApplicantTies Ties(TitleReviewApplication a) => new(a.TalentId, a.EmployerId, a.RefereeExpertIds, a.RelatedExpertIds);

    private bool InScope(Caller caller, TitleReviewApplication a) => caller.IsAdmin || (caller.IsOperator && caller.InScope(reference.Regions, a.RegionCode));

    /// <summary>The applicant, the employer's users, operators of the region and administrators see an application (experts: those they review).</summary>
    private bool CanSee(Caller caller, TitleReviewApplication a) =>
        caller.TalentId == a.TalentId || (caller.IsEnterpriseUser && caller.EnterpriseId == a.EmployerId) || InScope(caller, a);

    /// <summary>Whether the caller may act as <paramref name="actor"/>: operators (and administrators) also act for the employer.</summary>
    private bool Acts(Caller caller, TitleReviewApplication a, FlowActor actor) => actor switch
    {
        FlowActor.Talent => caller.TalentId == a.TalentId,
        FlowActor.Enterprise => (caller.IsEnterpriseUser && caller.EnterpriseId == a.EmployerId) || InScope(caller, a),
        FlowActor.Operator => InScope(caller, a),
        FlowActor.System => true,
        _ => false,
    };

    /// <summary>The caller's strongest side in the application: the bureau, else the employer, else the applicant; null for none.</summary>
    private FlowActor? SideOf(Caller caller, TitleReviewApplication a) =>
        InScope(caller, a) ? FlowActor.Operator
        : caller.IsEnterpriseUser && caller.EnterpriseId == a.EmployerId ? FlowActor.Enterprise
        : caller.TalentId == a.TalentId ? FlowActor.Talent
        : null;

    /// <summary>An enum name as lower-case words: SameEmployer → "same employer".</summary>
    internal static string Words<T>(T value) where T : struct, Enum =>
        string.Concat(value.ToString().Select((ch, i) => char.IsUpper(ch) && i > 0 ? " " + char.ToLowerInvariant(ch) : char.ToLowerInvariant(ch).ToString()));
}
