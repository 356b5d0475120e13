using System.Data.Common;
using System.Text.Json;
using Dapper;
using TalentBridge.Domain;
using TalentBridge.Domain.Recognition;
using TalentBridge.Domain.SharedPool;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Audit;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.TitleReview;

/// <summary>A stored recognition: the claim, every criterion's answer and the class recognised (null: none).</summary>
public sealed record StoredRecognition(long Id, long TalentId, string RulesKey, RecognitionClaim Claim, RecognitionResult Result, DateOnly RecognisedOn,
    DateTimeOffset CreatedAt);

/// <summary>
/// Talent recognition (issue 15, item 4; seed 003 青田): an operator of the scheme's region (or an administrator)
/// records a talent's claim; the scheme's criteria decide the class, stored with every criterion's answer and audited.
/// The newest recognised class becomes shared-pool admission evidence (<see cref="EvidenceAsync"/>).
/// </summary>
public sealed class Recognitions(Database db, TimeProvider time)
{
    public const string Subject = "recognition";

    /// <summary>The title of the evidence item the platform adds to a shared-pool application (never typed by the applicant).</summary>
    public const string EvidencePrefix = "平台人才认定：";

    public static RecognitionRules Rules => RecognitionRules.Qingtian;

    /// <summary>Operators of the scheme's region and administrators record recognitions.</summary>
    public static bool CanRecord(Caller caller) => caller.IsAdmin || (caller.IsOperator && caller.InScope(Rules.Region));

    /// <summary>The talent themself sees their recognitions, and those who record them.</summary>
    public static bool CanSee(Caller caller, long talentId) => caller.TalentId == talentId || CanRecord(caller);

    public async Task<WriteResult<StoredRecognition>> RecordAsync(Caller caller, long talentId, RecognitionClaim claim, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(claim);
        if (!CanRecord(caller))
        {
            return WriteResult.Forbidden<StoredRecognition>();
        }
        var now = time.GetUtcNow();
        var today = ChinaTime.Date(now);
        var evaluated = Evaluate(claim, today);
        if (evaluated.Status != WriteStatus.Ok)
        {
            return WriteResult.Invalid<StoredRecognition>(evaluated.Errors);
        }
        var result = evaluated.Value!;
        return await db.InTransactionAsync(async (c, tx) =>
        {
            if (await c.ExecuteScalarAsync<long>("SELECT count(*) FROM talents WHERE id = @talentId", new { talentId }, tx) == 0)
            {
                return WriteResult.NotFound<StoredRecognition>();
            }
            var id = await c.ExecuteScalarAsync<long>(
                "INSERT INTO tr_recognitions (talent_id, region_code, rules_key, claim, result, level, recognised_on, created_at, created_by) " +
                "VALUES (@talentId, @region, @rules, @claim, @result, @level, @today, @now, @by) RETURNING id",
                new
                {
                    talentId, region = Row.StoredRegion(Rules.Region), rules = Rules.Key, claim = JsonSerializer.Serialize(claim, AdmissionJson.Options),
                    result = JsonSerializer.Serialize(result, AdmissionJson.Options), level = result.Level, today, now = Database.Utc(now), by = caller.AccountId,
                }, tx);
            // A person's record: the audit row names the class, not the salary or other figures of the claim.
            await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, caller.AccountId, AuditAction.Create, Subject, id, Rules.Region, "recognise",
                JsonSerializer.Serialize(new { talentId, rules = Rules.Key, level = result.Level }, Row.Json)));
            return WriteResult.Ok(new StoredRecognition(id, talentId, Rules.Key, claim, result, today, now));
        }, ct);
    }

    /// <summary>
    /// What the scheme would recognise for a claim, stored nowhere: the talent's own self-check before they bring their
    /// proofs, and the operator's check before recording. The caller must be one who sees the talent's recognitions.
    /// </summary>
    public WriteResult<RecognitionResult> Preview(Caller caller, long talentId, RecognitionClaim claim)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(claim);
        return CanSee(caller, talentId) ? Evaluate(claim, ChinaTime.Date(time.GetUtcNow())) : WriteResult.Forbidden<RecognitionResult>();
    }

    private static WriteResult<RecognitionResult> Evaluate(RecognitionClaim claim, DateOnly today) =>
        claim.Validate(today) is { IsValid: false } errors ? WriteResult.Invalid<RecognitionResult>(errors) : WriteResult.Ok(Rules.Evaluate(claim, today));

    /// <summary>A talent's recognitions, newest first: for the talent, operators of the scheme's region and administrators.</summary>
    public async Task<IReadOnlyList<StoredRecognition>?> ListAsync(Caller caller, long talentId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!CanSee(caller, talentId))
        {
            return null;
        }
        await using var c = await db.OpenAsync(ct);
        var rows = new List<StoredRecognition>();
        await using var r = await c.ExecuteReaderAsync(
            "SELECT id, talent_id, rules_key, claim, result, recognised_on, created_at FROM tr_recognitions WHERE talent_id = @talentId ORDER BY id DESC", new { talentId });
        while (await r.ReadAsync(ct))
        {
            rows.Add(new StoredRecognition(r.Long(0), r.Long(1), r.GetString(2), JsonSerializer.Deserialize<RecognitionClaim>(r.GetString(3), AdmissionJson.Options)!,
                JsonSerializer.Deserialize<RecognitionResult>(r.GetString(4), AdmissionJson.Options)!, r.Date(5), r.Timestamp(6)));
        }
        return rows;
    }

    /// <summary>
    /// The talent's newest recognised class as a certificate issued by the scheme's region, for a shared-pool application
    /// (issue 15: recognition feeds the admission of issue 7); none when the talent has no recognised class.
    /// </summary>
    internal static async Task<IReadOnlyList<EvidenceItem>> EvidenceAsync(DbConnection c, DbTransaction tx, long talentId)
    {
        var rows = await c.QueryAsync<(string Level, DateOnly On)>(
            "SELECT level, recognised_on FROM tr_recognitions WHERE talent_id = @talentId AND level IS NOT NULL ORDER BY id DESC LIMIT 1", new { talentId }, tx);
        if (rows.FirstOrDefault() is not { Level: not null } found || Rules.LevelOf(found.Level) is not { } level)
        {
            return [];
        }
        return [new EvidenceItem { Kind = EvidenceKind.Certificate, Title = EvidencePrefix + Rules.Name.Zh + " " + level.Name.Zh, Level = Rules.IssuerLevel, Year = found.On.Year }];
    }
}
