using System.Data.Common;
using Dapper;
using TalentBridge.Domain.Analytics;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Audit;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Analytics;

/// <summary>
/// The thresholds that apply in a region: its own (<see cref="SetFor"/> = <see cref="RegionCode"/>), its nearest
/// ancestor's (<see cref="SetFor"/> names that region) or the defaults (<see cref="SetFor"/> null). <see cref="Version"/>
/// is the version of the region's own row, 0 while it has none: a write names it to create or change that row.
/// </summary>
public sealed record RegionThresholds(string RegionCode, WarningThresholds Thresholds, string? SetFor, int Version, DateTimeOffset? UpdatedAt,
    string? UpdatedBy);

/// <summary>
/// The operator-configurable thresholds of the early warnings, per region: operators read and set those of regions in
/// their subtree, administrators of any region. A change is a versioned write with its audit row, and queues the
/// re-evaluation of the months already evaluated (the two newest), in one transaction.
/// </summary>
public sealed class WarningThresholdSettings(Database db, ReferenceData reference, TimeProvider time)
{
    /// <summary>The lengths of a region code's significant forms, finest first: village, township, county, city, province.</summary>
    private static readonly int[] SignificantLengths = [12, 9, 6, 4, 2];

    private const string Columns =
        "t.region_code, t.sharp_fall_share, t.sharp_fall_min_open, t.mass_closure_count, t.mass_closure_share, t.mass_closure_min_positions, " +
        "t.terminated_agreements, t.severe_factor, t.version, t.updated_at, u.display_name";

    public static bool CanRead(Caller caller, string regionCode) =>
        caller is not null && (caller.IsAdmin || (caller.IsOperator && caller.InScope(regionCode)));

    /// <summary>The thresholds of a region the caller may see (null: not a region, or not the caller's).</summary>
    public async Task<RegionThresholds?> GetAsync(Caller caller, string regionCode, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (reference.Regions.Find(regionCode) is not { } region || !CanRead(caller, region.Code))
        {
            return null;
        }
        return Resolve(await AllAsync(db, ct), region.Code);
    }

    /// <summary>Sets a region's own thresholds; <paramref name="expectedVersion"/> 0 creates them, null overwrites whatever is current.</summary>
    public async Task<WriteResult<RegionThresholds>> SetAsync(Caller caller, string regionCode, WarningThresholds thresholds, int? expectedVersion,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(thresholds);
        if (reference.Regions.Find(regionCode) is not { } region)
        {
            return WriteResult.NotFound<RegionThresholds>();
        }
        if (!CanRead(caller, region.Code))
        {
            return WriteResult.Forbidden<RegionThresholds>();
        }
        if (thresholds.Validate() is { IsValid: false } errors)
        {
            return WriteResult.Invalid<RegionThresholds>(errors);
        }
        var now = time.GetUtcNow();
        var stored = RegionCatalogue.Pad(region.Code);
        try
        {
            return await db.InTransactionAsync(async (c, tx) =>
            {
                var before = Resolve(await AllAsync(c, tx, ct), region.Code);
                var own = before.SetFor == region.Code;
                var version = expectedVersion ?? before.Version;
                if (version != before.Version)
                {
                    return WriteResult.Conflict(before);
                }
                var row = new
                {
                    region = stored, thresholds.SharpFallShare, thresholds.SharpFallMinOpen, thresholds.MassClosureCount, thresholds.MassClosureShare,
                    thresholds.MassClosureMinPositions, thresholds.TerminatedAgreements, thresholds.SevereFactor, version, now = Database.Utc(now),
                    by = caller.AccountId,
                };
                var written = own
                    ? await c.ExecuteAsync(
                        "UPDATE warning_thresholds SET sharp_fall_share = @SharpFallShare, sharp_fall_min_open = @SharpFallMinOpen, " +
                        "mass_closure_count = @MassClosureCount, mass_closure_share = @MassClosureShare, mass_closure_min_positions = @MassClosureMinPositions, " +
                        "terminated_agreements = @TerminatedAgreements, severe_factor = @SevereFactor, version = version + 1, updated_at = @now, updated_by = @by " +
                        "WHERE region_code = @region AND version = @version", row, tx)
                    : await c.ExecuteAsync(
                        "INSERT INTO warning_thresholds (region_code, sharp_fall_share, sharp_fall_min_open, mass_closure_count, mass_closure_share, " +
                        "mass_closure_min_positions, terminated_agreements, severe_factor, version, updated_at, updated_by) VALUES (@region, @SharpFallShare, " +
                        "@SharpFallMinOpen, @MassClosureCount, @MassClosureShare, @MassClosureMinPositions, @TerminatedAgreements, @SevereFactor, 1, @now, @by)",
                        row, tx);
                if (written != 1)
                {
                    return WriteResult.Conflict(before);
                }
                await AuditTrail.WriteAsync(c, tx, new AuditEntry(now, caller.AccountId, own ? AuditAction.Update : AuditAction.Create, "warningThresholds",
                    null, region.Code, "warning thresholds", AuditTrail.Diff(before.Thresholds, thresholds)));
                foreach (var period in await c.QueryAsync<string>("SELECT period FROM warning_evaluations ORDER BY period DESC LIMIT 2", transaction: tx))
                {
                    await Warnings.QueueAsync(c, tx, period, now);
                }
                return WriteResult.Ok(Resolve(await AllAsync(c, tx, ct), region.Code));
            }, ct);
        }
        catch (DbException e) when (Database.IsUniqueViolation(e))
        {
            // Another operator created the region's row at the same moment.
            return WriteResult.Conflict((await GetAsync(caller, region.Code, ct))!);
        }
    }

    /// <summary>Every region's own thresholds, by padded region code.</summary>
    internal static async Task<IReadOnlyDictionary<string, RegionThresholds>> AllAsync(Database db, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return await AllAsync(c, null, ct);
    }

    private static async Task<IReadOnlyDictionary<string, RegionThresholds>> AllAsync(DbConnection c, DbTransaction? tx, CancellationToken ct)
    {
        var rows = new Dictionary<string, RegionThresholds>(StringComparer.Ordinal);
        await using var r = await c.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT {Columns} FROM warning_thresholds t LEFT JOIN accounts u ON u.id = t.updated_by", transaction: tx, cancellationToken: ct));
        while (await r.ReadAsync(ct))
        {
            var code = RegionCatalogue.Significant(r.GetString(0));
            rows[r.GetString(0)] = new RegionThresholds(code,
                new WarningThresholds(r.GetDouble(1), r.Int(2), r.Int(3), r.GetDouble(4), r.Int(5), r.Int(6), r.GetDouble(7)),
                code, r.Int(8), r.Timestamp(9), r.NullableString(10));
        }
        return rows;
    }

    /// <summary>The thresholds that apply in a region: its own row, else its nearest ancestor's, else the defaults.</summary>
    internal static RegionThresholds Resolve(IReadOnlyDictionary<string, RegionThresholds> rows, string regionCode)
    {
        var code = RegionCatalogue.Significant(regionCode);
        foreach (var length in SignificantLengths.Where(n => n <= code.Length))
        {
            if (rows.TryGetValue(RegionCatalogue.Pad(code[..length]), out var row))
            {
                return length == code.Length ? row : row with { RegionCode = code, Version = 0 };
            }
        }
        return new RegionThresholds(code, WarningThresholds.Default, null, 0, null, null);
    }
}
