using System.Data.Common;
using System.Text.Json;
using Dapper;
using TalentBridge.Domain.Flow;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Flow;

/// <summary>A signed agreement as stored: the terms both sides confirmed, who confirmed them when, and the SHA-256 over all of it.</summary>
public sealed record Agreement(long Id, long ApplicationId, long PositionId, long TalentId, long EnterpriseId, string RegionCode, OfferTerms Terms,
    DateTimeOffset OfferedAt, long? OfferedBy, DateTimeOffset SignedAt, long? SignedBy, string ContentHash)
{
    /// <summary>Whether the stored hash is still that of the stored terms and confirmations (a changed row would show here).</summary>
    public bool HashMatches =>
        string.Equals(Terms.AgreementHash(ApplicationId, TalentId, EnterpriseId, OfferedAt, OfferedBy, SignedAt, SignedBy), ContentHash, StringComparison.Ordinal);
}

/// <summary>Reads the agreement of an application for the sides of that application (the rule of <see cref="Applications.FindAsync(Caller, long, CancellationToken)"/>).</summary>
public sealed class Agreements(Database db, Applications applications)
{
    private const string Columns =
        "id, application_id, position_id, talent_id, enterprise_id, region_code, terms, offered_at, offered_by, signed_at, signed_by, content_hash";

    /// <summary>The agreement signed on an application, or null when there is none or the caller is no side of the application.</summary>
    public async Task<Agreement?> OfApplicationAsync(Caller caller, long applicationId, CancellationToken ct)
    {
        if (await applications.FindAsync(caller, applicationId, ct) is null)
        {
            return null;
        }
        await using var c = await db.OpenAsync(ct);
        await using var reader = await c.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT {Columns} FROM agreements WHERE application_id = @applicationId", new { applicationId }, cancellationToken: ct));
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    internal static Agreement Read(DbDataReader r) => new(r.Long(0), r.Long(1), r.Long(2), r.Long(3), r.Long(4), RegionCatalogue.Significant(r.GetString(5)),
        JsonSerializer.Deserialize<OfferTerms>(r.GetString(6), Row.Json)!, r.Timestamp(7), r.NullableLong(8), r.Timestamp(9), r.NullableLong(10),
        r.GetString(11));
}
