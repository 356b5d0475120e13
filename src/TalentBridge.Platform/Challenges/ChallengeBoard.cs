using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using TalentBridge.Domain;
using TalentBridge.Domain.Pools;
using TalentBridge.Domain.Challenges;
using TalentBridge.Domain.Flow;
using TalentBridge.Domain.Reference;
using TalentBridge.Domain.SharedPool;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Audit;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.SharedPool;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Challenges;

/// <summary>A challenge as stored. <see cref="Details"/> and <see cref="NdaTerms"/> are blanked when the reader may not see them.</summary>
public sealed record Challenge(long Id, long EnterpriseId, string EnterpriseName, string RegionCode, string Title, string Summary, string? Details,
    string Field, string? OccupationCode, IReadOnlyList<string> Skills, long Budget, DateOnly Deadline, Confidentiality Confidentiality, string? NdaTerms,
    ChallengeState State, int Version, DateTimeOffset PostedAt, int Proposals) : IVersioned;

/// <summary>What an enterprise posts; <see cref="EnterpriseId"/> is required of operators and administrators (an enterprise's users post for their own).</summary>
public sealed record ChallengeInput(long? EnterpriseId, string? Title, string? Summary, string? Details, string? Field, string? OccupationCode,
    IReadOnlyList<string>? Skills, long? Budget, DateOnly? Deadline, Confidentiality? Confidentiality, string? NdaTerms);

/// <summary>A proposal, with who answered: an expert (<see cref="TalentId"/>) or an institute registered as a unit (<see cref="SolverEnterpriseId"/>).</summary>
public sealed record ChallengeProposal(long Id, long ChallengeId, long? TalentId, long? SolverEnterpriseId, string SolverName, string? Organisation,
    string Approach, long Price, int DurationDays, ChallengeProposalState State, int Version, DateTimeOffset SubmittedAt) : IVersioned;

public sealed record ProposalInput(string? Approach, long? Price, int? DurationDays, string? Organisation);

/// <summary>
/// A challenge as one reader sees it: whether the details are shown, whether the reader signed the NDA, the reader's side
/// (the enterprise's, the solver's of a proposal, or none), the proposals the reader may see (all for the enterprise's side,
/// their own for a solver), the technology manager attached and the contract, if any.
/// </summary>
public sealed record ChallengeView(Challenge Challenge, bool ShowsDetails, bool SignedNda, FlowActor? Side, bool TakesProposals,
    IReadOnlyList<ChallengeProposal> Proposals, ManagerAttachment? Manager, long? ContractId);

/// <summary>Filters of the board; <see cref="Sort"/> is one of <see cref="ChallengeBoard.SortKeys"/>.</summary>
public sealed record ChallengeQuery(string? Field = null, string? Occupation = null, ChallengeState? State = null, long? EnterpriseId = null,
    string? Sort = null, int Page = 1, int PageSize = 20);

/// <summary>A suggested solver: an admitted expert of the enterprise's city pool with the matcher's explanation.</summary>
public sealed record SolverSuggestion(ExpertFit Fit, long TalentId, string Name, string RegionCode, string Summary);

/// <summary>
/// The challenge board (issue 16, item 1; seed 003: 企业出题、院所答题、产线验证). The enterprise (its users, operators of its
/// region, administrators) posts a challenge with a public summary and — when confidential — details shown only after a
/// signed NDA record; experts (talent accounts) and institutes (users of a unit in the enterprise pool) propose solutions
/// until the deadline; the enterprise shortlists and awards one, which passes the others. The shared pool's
/// <see cref="ExpertMatcher"/> suggests solvers with explanations. Every change with its audit row and event in one transaction.
/// </summary>
public sealed class ChallengeBoard(Database db, ReferenceData reference, EnterpriseStore enterprises, ExpertMatcher matcher, TimeProvider time)
{
    public const string StandardNda = "阅读者对本需求的详细内容负有保密义务，未经发布企业书面同意，不得向第三方披露或用于本需求以外的目的。";

    /// <summary>The board's sort keys ("-" for descending) and their SQL; the id breaks ties.</summary>
    public static readonly IReadOnlyDictionary<string, string> SortKeys = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["-postedAt"] = " ORDER BY c.posted_at DESC, c.id DESC",
        ["deadline"] = " ORDER BY c.deadline, c.id",
        ["-budget"] = " ORDER BY c.budget DESC, c.id DESC",
        ["title"] = " ORDER BY c.title, c.id",
    };

    private const string Columns =
        "c.id, c.enterprise_id, e.name, c.region_code, c.title, c.summary, c.details, c.field, c.occupation_code, c.skills, c.budget, c.deadline, " +
        "c.confidentiality, c.nda_terms, c.state, c.version, c.posted_at, (SELECT count(*) FROM challenge_proposals p WHERE p.challenge_id = c.id)";

    private const string From = "challenges c JOIN enterprises e ON e.id = c.enterprise_id";

    private const string ProposalColumns =
        "id, challenge_id, talent_id, solver_enterprise_id, solver_name, organisation, approach, price, duration_days, state, version, submitted_at";

    public async Task<WriteResult<Challenge>> PostAsync(Caller caller, ChallengeInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        var enterpriseId = caller.IsEnterpriseUser ? caller.EnterpriseId : input.EnterpriseId;
        if (enterpriseId is null)
        {
            return caller.IsSignedIn && (caller.IsAdmin || caller.IsOperator)
                ? WriteResult.Invalid<Challenge>(new ValidationErrors().Add("enterpriseId", "is required"))
                : WriteResult.Forbidden<Challenge>();
        }
        if (await enterprises.FindAsync(enterpriseId.Value, ct) is not { } enterprise)
        {
            return WriteResult.Invalid<Challenge>(new ValidationErrors().Add("enterpriseId", "is not an enterprise of the pool"));
        }
        if (!caller.CanManagePositionsOf(reference.Regions, enterprise.Id, enterprise.RegionCode))
        {
            return WriteResult.Forbidden<Challenge>();
        }
        var skills = (input.Skills ?? []).Select(s => s?.Trim() ?? "").Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var occupation = string.IsNullOrWhiteSpace(input.OccupationCode) ? null : reference.Occupations.Find(input.OccupationCode.Trim());
        var today = ChinaTime.Today(time);
        var errors = new ValidationErrors()
            .Required(input.Title, "title", ChallengeRules.MaxTitle)
            .Required(input.Summary, "summary", ChallengeRules.MaxSummary)
            .Required(input.Details, "details", ChallengeRules.MaxDetails)
            .Required(input.Field, "field", ChallengeRules.MaxField)
            .When(!string.IsNullOrWhiteSpace(input.OccupationCode) && occupation is null, "occupationCode", "is not an occupation of the classification")
            .When(skills.Count > ChallengeRules.MaxSkills, "skills", $"must have at most {ChallengeRules.MaxSkills} items")
            .When(skills.Any(s => s.Length > ChallengeRules.MaxSkillChars), "skills", $"must be at most {ChallengeRules.MaxSkillChars} characters")
            .When(input.Budget is null, "budget", "is required")
            .When(input.Budget is <= 0 or > Domain.Escrow.EscrowTerms.MaxAmount, "budget", $"must be between 1 and {Domain.Escrow.EscrowTerms.MaxAmount} fen")
            .When(input.Deadline is null, "deadline", "is required")
            .When(input.Deadline < today, "deadline", "must not be in the past")
            .When(input.Confidentiality is { } k && !Enum.IsDefined(k), "confidentiality", "must be one of the listed options")
            .Optional(input.NdaTerms, "ndaTerms", ChallengeRules.MaxDetails);
        if (!errors.IsValid)
        {
            return WriteResult.Invalid<Challenge>(errors);
        }
        var confidentiality = input.Confidentiality ?? Confidentiality.Public;
        var ndaTerms = confidentiality == Confidentiality.NdaRequired ? (string.IsNullOrWhiteSpace(input.NdaTerms) ? StandardNda : input.NdaTerms.Trim()) : null;
        var now = time.GetUtcNow();
        return await db.InTransactionAsync(async (c, tx) =>
        {
            var row = new
            {
                enterpriseId = enterprise.Id, region = Row.StoredRegion(enterprise.RegionCode), title = input.Title!.Trim(), summary = input.Summary!.Trim(),
                details = input.Details!.Trim(), field = input.Field!.Trim(), occupation = occupation?.Code, skills = Row.ToJson(skills),
                budget = input.Budget!.Value, deadline = input.Deadline!.Value, confidentiality = (int)confidentiality, ndaTerms,
                state = (int)ChallengeState.Open, now = Database.Utc(now), by = caller.AccountId,
            };
            var id = await c.ExecuteScalarAsync<long>(
                "INSERT INTO challenges (enterprise_id, region_code, title, summary, details, field, occupation_code, skills, budget, deadline, confidentiality, " +
                "nda_terms, state, version, posted_at, posted_by) VALUES (@enterpriseId, @region, @title, @summary, @details, @field, @occupation, @skills, " +
                "@budget, @deadline, @confidentiality, @ndaTerms, @state, 1, @now, @by) RETURNING id", row, tx);
            await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, caller.AccountId, AuditAction.Create, "challenge", id, enterprise.RegionCode, "challenge-post",
                JsonSerializer.Serialize(new { row.enterpriseId, row.title, row.field, row.occupation, row.budget, row.deadline, confidentiality = confidentiality.ToString() })));
            return WriteResult.Ok((await FindAsync(c, tx, id))!);
        }, ct);
    }

    /// <summary>The public board: summaries (details never listed), filtered by field words, occupation (a code prefix), state and enterprise; paged.</summary>
    public async Task<WriteResult<Page<Challenge>>> ListAsync(ChallengeQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var errors = new ValidationErrors()
            .When(query.Page is < 1 or > ListQuery.MaxPage, "page", $"must be between 1 and {ListQuery.MaxPage}")
            .When(query.PageSize is < 1 or > ListQuery.MaxPageSize, "pageSize", $"must be between 1 and {ListQuery.MaxPageSize}")
            .When(query.Sort is { Length: > 0 } s && !SortKeys.ContainsKey(s), "sort", "is not a sort key of the list")
            .Optional(query.Field, "field", ChallengeRules.MaxField)
            .When(query.State is { } st && !Enum.IsDefined(st), "state", "must be one of the listed options");
        if (!errors.IsValid)
        {
            return WriteResult.Invalid<Page<Challenge>>(errors);
        }
        var where = new Where();
        if (!string.IsNullOrWhiteSpace(query.Field))
        {
            where.Text(db.Like, query.Field.Trim(), "c.field", "c.title");
        }
        if (!string.IsNullOrWhiteSpace(query.Occupation))
        {
            where.CodePrefix("c.occupation_code", query.Occupation.Trim(), "occupation");
        }
        if (query.State is { } state)
        {
            where.Add("c.state = @state", "state", (int)state);
        }
        if (query.EnterpriseId is { } enterpriseId)
        {
            where.Add("c.enterprise_id = @enterpriseId", "enterpriseId", enterpriseId);
        }
        var list = new ListQuery { Page = query.Page, PageSize = query.PageSize };
        var page = await ListSql.PageAsync(db, From, Columns, where, SortKeys[string.IsNullOrEmpty(query.Sort) ? "-postedAt" : query.Sort], list,
            r => Read(r) with { Details = null, NdaTerms = null }, "challenges c", ct);
        return WriteResult.Ok(page);
    }

    /// <summary>A challenge as <paramref name="caller"/> sees it; null when there is none (the board is public: every challenge's summary shows).</summary>
    public async Task<ChallengeView?> FindAsync(Caller caller, long id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        await using var c = await db.OpenAsync(ct);
        return await ViewAsync(c, null, caller, id);
    }

    private async Task<ChallengeView?> ViewAsync(DbConnection c, DbTransaction? tx, Caller caller, long id)
    {
        if (await FindAsync(c, tx, id) is not { } challenge)
        {
            return null;
        }
        var proposals = await ProposalsAsync(c, tx, id);
        var side = SideOf(caller, challenge, proposals);
        var signed = caller.AccountId is { } account && await c.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM challenge_ndas WHERE challenge_id = @id AND account_id = @account", new { id, account }, tx) > 0;
        var shows = ChallengeRules.ShowsDetails(challenge.Confidentiality, side == FlowActor.Enterprise, signed);
        var visible = side == FlowActor.Enterprise ? proposals : [.. proposals.Where(p => IsSolver(caller, p.TalentId, p.SolverEnterpriseId))];
        var manager = await TechnologyManagers.AttachmentAsync(c, tx, id);
        var contract = await c.ExecuteScalarAsync<long?>("SELECT id FROM escrow_contracts WHERE challenge_id = @id", new { id }, tx);
        return new ChallengeView(shows ? challenge : challenge with { Details = null }, shows, signed, side,
            ChallengeRules.TakesProposals(challenge.State, challenge.Deadline, ChinaTime.Today(time)), visible, manager,
            side is null ? null : contract);
    }

    /// <summary>The side the caller takes: the enterprise's (its users, operators of its region, administrators), a solver's (of a proposal), or none.</summary>
    public FlowActor? SideOf(Caller caller, Challenge challenge, IReadOnlyList<ChallengeProposal> proposals)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(challenge);
        ArgumentNullException.ThrowIfNull(proposals);
        if (caller.IsSignedIn && caller.CanManagePositionsOf(reference.Regions, challenge.EnterpriseId, challenge.RegionCode))
        {
            return FlowActor.Enterprise;
        }
        return proposals.Any(p => IsSolver(caller, p.TalentId, p.SolverEnterpriseId)) ? FlowActor.Talent : null;
    }

    /// <summary>Whether the caller answers for a solver: the expert themself, or a user of the institute.</summary>
    public static bool IsSolver(Caller caller, long? talentId, long? solverEnterpriseId)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return (talentId is not null && caller.TalentId == talentId) || (solverEnterpriseId is not null && caller.IsEnterpriseUser && caller.EnterpriseId == solverEnterpriseId);
    }

    /// <summary>Records the caller's signature of the challenge's NDA (once; signing again changes nothing), audited.</summary>
    public async Task<WriteResult<ChallengeView>> SignNdaAsync(Caller caller, long id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.AccountId is not { } account)
        {
            return WriteResult.Forbidden<ChallengeView>();
        }
        var now = time.GetUtcNow();
        return await db.InTransactionAsync(async (c, tx) =>
        {
            if (await FindAsync(c, tx, id) is not { } challenge)
            {
                return WriteResult.NotFound<ChallengeView>();
            }
            if (challenge.Confidentiality != Confidentiality.NdaRequired)
            {
                return WriteResult.Invalid<ChallengeView>(new ValidationErrors().Add("nda", "is not needed: the challenge is public"));
            }
            if (await c.ExecuteScalarAsync<long>("SELECT count(*) FROM challenge_ndas WHERE challenge_id = @id AND account_id = @account", new { id, account }, tx) == 0)
            {
                var name = await c.ExecuteScalarAsync<string>("SELECT display_name FROM accounts WHERE id = @account", new { account }, tx) ?? "";
                var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(challenge.NdaTerms ?? "")));
                var ndaId = await c.ExecuteScalarAsync<long>(
                    "INSERT INTO challenge_ndas (challenge_id, account_id, signer_name, terms_hash, signed_at) VALUES (@id, @account, @name, @hash, @now) RETURNING id",
                    new { id, account, name, hash, now = Database.Utc(now) }, tx);
                await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, account, AuditAction.Create, "challengeNda", ndaId, challenge.RegionCode, "nda-sign",
                    JsonSerializer.Serialize(new { challengeId = id, termsHash = hash })));
            }
            return WriteResult.Ok((await ViewAsync(c, tx, caller, id))!);
        }, ct);
    }

    /// <summary>
    /// A solver proposes: an expert for themself, or a user of an institute for it (not the challenge's own enterprise);
    /// the details of a confidential challenge must have been read under a signed NDA. One proposal per solver and challenge.
    /// </summary>
    public async Task<WriteResult<ChallengeProposal>> ProposeAsync(Caller caller, long id, ProposalInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        var (talentId, solverEnterpriseId) = caller.TalentId is { } t ? (t, (long?)null) : caller.IsEnterpriseUser ? ((long?)null, caller.EnterpriseId) : (null, null);
        if (talentId is null && solverEnterpriseId is null)
        {
            return WriteResult.Forbidden<ChallengeProposal>();
        }
        var errors = new ValidationErrors()
            .Required(input.Approach, "approach", ChallengeRules.MaxApproach)
            .When(input.Price is null, "price", "is required")
            .When(input.Price is <= 0 or > Domain.Escrow.EscrowTerms.MaxAmount, "price", $"must be between 1 and {Domain.Escrow.EscrowTerms.MaxAmount} fen")
            .When(input.DurationDays is null, "durationDays", "is required")
            .When(input.DurationDays is < 1 or > 3650, "durationDays", "must be between 1 and 3650")
            .Optional(input.Organisation, "organisation", ChallengeRules.MaxOrganisation);
        var now = time.GetUtcNow();
        return await db.InTransactionAsync(async (c, tx) =>
        {
            if (await ViewAsync(c, tx, caller, id) is not { } view)
            {
                return WriteResult.NotFound<ChallengeProposal>();
            }
            var challenge = view.Challenge;
            errors.When(solverEnterpriseId == challenge.EnterpriseId, "challenge", "cannot be answered by the enterprise that posted it")
                .When(!view.TakesProposals, "challenge", "takes no more proposals: it is closed or past its deadline")
                .When(!view.ShowsDetails, "nda", "must be signed before proposing");
            if (view.Proposals.Any(p => IsSolver(caller, p.TalentId, p.SolverEnterpriseId)))
            {
                errors.Add("challenge", "already has your proposal");
            }
            if (!errors.IsValid)
            {
                return WriteResult.Invalid<ChallengeProposal>(errors);
            }
            var name = talentId is { } talent
                ? await c.ExecuteScalarAsync<string>("SELECT name FROM talents WHERE id = @talent", new { talent }, tx)
                : await c.ExecuteScalarAsync<string>("SELECT name FROM enterprises WHERE id = @solverEnterpriseId", new { solverEnterpriseId }, tx);
            var proposalId = await c.ExecuteScalarAsync<long>(
                "INSERT INTO challenge_proposals (challenge_id, talent_id, solver_enterprise_id, solver_name, organisation, approach, price, duration_days, state, " +
                "version, submitted_at, submitted_by, updated_at) VALUES (@id, @talentId, @solverEnterpriseId, @name, @organisation, @approach, @price, @days, 0, 1, " +
                "@now, @by, @now) RETURNING id",
                new
                {
                    id, talentId, solverEnterpriseId, name = name ?? "", organisation = string.IsNullOrWhiteSpace(input.Organisation) ? null : input.Organisation.Trim(),
                    approach = input.Approach!.Trim(), price = input.Price!.Value, days = input.DurationDays!.Value, now = Database.Utc(now), by = caller.AccountId,
                }, tx);
            await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, caller.AccountId, AuditAction.Create, "challengeProposal", proposalId, challenge.RegionCode,
                "challenge-propose", JsonSerializer.Serialize(new { challengeId = id, talentId, solverEnterpriseId, price = input.Price })));
            return WriteResult.Ok((await ProposalsAsync(c, tx, id)).Single(p => p.Id == proposalId));
        }, ct);
    }

    /// <summary>The enterprise shortlists or awards a proposal, or its solver withdraws it; awarding passes every other open proposal and closes the challenge to new ones.</summary>
    public async Task<WriteResult<ChallengeView>> DecideAsync(Caller caller, long id, long proposalId, ChallengeProposalAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var now = time.GetUtcNow();
        return await db.InTransactionAsync(async (c, tx) =>
        {
            if (await ViewAsync(c, tx, caller, id) is not { Side: { } side } view || view.Proposals.FirstOrDefault(p => p.Id == proposalId) is not { } proposal)
            {
                return WriteResult.NotFound<ChallengeView>();
            }
            var actor = side == FlowActor.Enterprise && !IsSolver(caller, proposal.TalentId, proposal.SolverEnterpriseId) ? FlowActor.Enterprise : FlowActor.Talent;
            var step = ChallengeRules.Proposal.Next(proposal.State, action, actor);
            var errors = new ValidationErrors().When(!step.Allowed, "action", step.Error ?? "");
            if (action == ChallengeProposalAction.Award)
            {
                var challengeStep = ChallengeRules.Challenge.Next(view.Challenge.State, ChallengeAction.Award, actor);
                errors.When(step.Allowed && !challengeStep.Allowed, "action", challengeStep.Error ?? "");
            }
            if (!errors.IsValid)
            {
                return actor == FlowActor.Talent && action != ChallengeProposalAction.Withdraw ? WriteResult.Forbidden<ChallengeView>() : WriteResult.Invalid<ChallengeView>(errors);
            }
            if (!await StepProposalAsync(c, tx, proposal, step.To!.Value, now))
            {
                return WriteResult.Conflict((await ViewAsync(c, tx, caller, id))!);
            }
            if (action == ChallengeProposalAction.Award)
            {
                if (await c.ExecuteAsync("UPDATE challenges SET state = @state, version = version + 1 WHERE id = @id AND version = @version",
                        new { state = (int)ChallengeState.Awarded, id, version = view.Challenge.Version }, tx) == 0)
                {
                    return WriteResult.Conflict((await ViewAsync(c, tx, caller, id))!);
                }
                foreach (var other in view.Proposals.Where(p => p.Id != proposalId && ChallengeRules.Proposal.Next(p.State, ChallengeProposalAction.PassOver, FlowActor.System).Allowed))
                {
                    await StepProposalAsync(c, tx, other, ChallengeProposalState.NotAwarded, now);
                }
            }
            await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, caller.AccountId, AuditAction.Update, "challengeProposal", proposalId, view.Challenge.RegionCode,
                "challenge-" + action.ToString().ToLowerInvariant(), AuditTrail.Diff(new { state = proposal.State.ToString() }, new { state = step.To.Value.ToString() })),
                "challengeProposal." + action.ToString().ToLowerInvariant());
            return WriteResult.Ok((await ViewAsync(c, tx, caller, id))!);
        }, ct);
    }

    /// <summary>The enterprise closes an open challenge without an award; the open proposals are passed.</summary>
    public async Task<WriteResult<ChallengeView>> CloseAsync(Caller caller, long id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var now = time.GetUtcNow();
        return await db.InTransactionAsync(async (c, tx) =>
        {
            if (await ViewAsync(c, tx, caller, id) is not { } view)
            {
                return WriteResult.NotFound<ChallengeView>();
            }
            if (view.Side != FlowActor.Enterprise)
            {
                return WriteResult.Forbidden<ChallengeView>();
            }
            var step = ChallengeRules.Challenge.Next(view.Challenge.State, ChallengeAction.Close, FlowActor.Enterprise);
            if (!step.Allowed)
            {
                return WriteResult.Invalid<ChallengeView>(new ValidationErrors().Add("action", step.Error!));
            }
            if (await c.ExecuteAsync("UPDATE challenges SET state = @state, version = version + 1, closed_at = @now WHERE id = @id AND version = @version",
                    new { state = (int)ChallengeState.Closed, now = Database.Utc(now), id, version = view.Challenge.Version }, tx) == 0)
            {
                return WriteResult.Conflict((await ViewAsync(c, tx, caller, id))!);
            }
            foreach (var p in view.Proposals.Where(p => ChallengeRules.Proposal.Next(p.State, ChallengeProposalAction.PassOver, FlowActor.System).Allowed))
            {
                await StepProposalAsync(c, tx, p, ChallengeProposalState.NotAwarded, now);
            }
            await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, caller.AccountId, AuditAction.Update, "challenge", id, view.Challenge.RegionCode, "challenge-close",
                AuditTrail.Diff(new { state = view.Challenge.State.ToString() }, new { state = ChallengeState.Closed.ToString() })), "challenge.close");
            return WriteResult.Ok((await ViewAsync(c, tx, caller, id))!);
        }, ct);
    }

    /// <summary>
    /// 部门牵线 for a challenge: the admitted experts of the enterprise's city pool ranked by the shared pool's
    /// <see cref="ExpertMatcher"/> for the challenge's occupation, field, title, summary and skills (every service mode), best
    /// first, with the factor-by-factor explanation; experts who already proposed are left out. For the enterprise's side only.
    /// </summary>
    public async Task<IReadOnlyList<SolverSuggestion>?> SuggestAsync(Caller caller, long id, int take, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        await using var c = await db.OpenAsync(ct);
        if (await ViewAsync(c, null, caller, id) is not { Side: FlowActor.Enterprise } view)
        {
            return null;
        }
        var challenge = view.Challenge;
        if (RegionCatalogue.Significant(challenge.RegionCode) is not { Length: >= 4 } region || await SharedPools.CityPoolAsync(c, null, region[..4]) is not { } pool)
        {
            return [];
        }
        var experts = await Experts.CandidatesAsync(c, null, pool.Id, ChinaTime.Today(time));
        var proposed = view.Proposals.Where(p => p.TalentId is not null).Select(p => p.TalentId!.Value).ToHashSet();
        var excluded = experts.Where(e => proposed.Contains(e.TalentId)).Select(e => e.ExpertId).ToHashSet();
        var allModes = Enum.GetValues<ServiceModes>().Aggregate(ServiceModes.None, (a, m) => a | m);
        var need = new OrderNeed(allModes, challenge.OccupationCode, null, new HashSet<long>(),
            $"{challenge.Field} {challenge.Title} {challenge.Summary} {string.Join(' ', challenge.Skills)}", challenge.RegionCode);
        var byId = experts.ToDictionary(e => e.ExpertId);
        return [.. matcher.Rank(need, experts, excluded, Math.Clamp(take, 1, 50))
            .Select(f => new SolverSuggestion(f, byId[f.ExpertId].TalentId, byId[f.ExpertId].Name, byId[f.ExpertId].RegionCode, byId[f.ExpertId].Text))];
    }

    private static async Task<bool> StepProposalAsync(DbConnection c, DbTransaction tx, ChallengeProposal proposal, ChallengeProposalState to, DateTimeOffset now) =>
        await c.ExecuteAsync("UPDATE challenge_proposals SET state = @to, version = version + 1, updated_at = @now WHERE id = @id AND version = @version",
            new { to = (int)to, now = Database.Utc(now), id = proposal.Id, version = proposal.Version }, tx) == 1;

    internal static async Task<Challenge?> FindAsync(DbConnection c, DbTransaction? tx, long id)
    {
        await using var r = await c.ExecuteReaderAsync($"SELECT {Columns} FROM {From} WHERE c.id = @id", new { id }, tx);
        return await r.ReadAsync() ? Read(r) : null;
    }

    internal static async Task<IReadOnlyList<ChallengeProposal>> ProposalsAsync(DbConnection c, DbTransaction? tx, long challengeId)
    {
        var rows = new List<ChallengeProposal>();
        await using var r = await c.ExecuteReaderAsync($"SELECT {ProposalColumns} FROM challenge_proposals WHERE challenge_id = @challengeId ORDER BY id",
            new { challengeId }, tx);
        while (await r.ReadAsync())
        {
            rows.Add(new ChallengeProposal(r.Long(0), r.Long(1), r.NullableLong(2), r.NullableLong(3), r.GetString(4), r.NullableString(5), r.GetString(6),
                r.Long(7), r.Int(8), r.Enum<ChallengeProposalState>(9), r.Int(10), r.Timestamp(11)));
        }
        return rows;
    }

    private static Challenge Read(DbDataReader r) => new(r.Long(0), r.Long(1), r.GetString(2), RegionCatalogue.Significant(r.GetString(3)), r.GetString(4),
        r.GetString(5), r.GetString(6), r.GetString(7), r.NullableString(8), r.FromJson<List<string>>(9), r.Long(10), r.Date(11),
        r.Enum<Confidentiality>(12), r.NullableString(13), r.Enum<ChallengeState>(14), r.Int(15), r.Timestamp(16), r.Int(17));
}
