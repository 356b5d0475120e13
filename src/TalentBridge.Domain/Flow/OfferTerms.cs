using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using TalentBridge.Domain.Reference;

namespace TalentBridge.Domain.Flow;

/// <summary>
/// 一键签约: the terms an enterprise offers — position, monthly salary and months paid a year, start date, engagement
/// mode, place of work, probation — which the talent confirms as they are. The signed agreement keeps them with a
/// content hash over <see cref="Canonical"/>, so that any later change to a stored agreement shows.
/// </summary>
public sealed record OfferTerms
{
    public required string PositionTitle { get; init; }
    public required string OccupationCode { get; init; }
    public int MonthlySalary { get; init; }
    public int MonthsPerYear { get; init; } = 12;
    public DateOnly StartOn { get; init; }
    public EngagementModes EngagementMode { get; init; } = EngagementModes.FullTime;
    /// <summary>Place of work: a region code of the catalogue.</summary>
    public required string RegionCode { get; init; }
    public int ProbationMonths { get; init; }
    /// <summary>The last day the talent may sign.</summary>
    public DateOnly SignBy { get; init; }

    public const int MaxProbationMonths = 6;

    /// <summary>The rules, checked when the offer is made; <paramref name="today"/> is the China date.</summary>
    public ValidationErrors Validate(ReferenceData reference, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return new ValidationErrors()
            .Required(PositionTitle, "positionTitle", 100)
            .Range(MonthlySalary, 1, 1_000_000, "monthlySalary")
            .Range(MonthsPerYear, 12, 24, "monthsPerYear")
            .When(StartOn < today, "startOn", "must not be in the past")
            .When(SignBy < today, "signBy", "must not be in the past")
            .When(SignBy >= today && StartOn >= today && SignBy > StartOn, "signBy", "must not be after the start date")
            .When(EngagementMode is not (EngagementModes.FullTime or EngagementModes.PartTime or EngagementModes.Project or EngagementModes.Shared),
                "engagementMode", "must be one engagement mode")
            .Range(ProbationMonths, 0, MaxProbationMonths, "probationMonths")
            .When(reference.Regions.Find(RegionCatalogue.Significant(RegionCode ?? "")) is null, "regionCode", "must be a region code of the catalogue");
    }

    /// <summary>The terms as one line of text in a fixed order: what both sides confirm and what the hash covers.</summary>
    public string Canonical() => string.Join('\n',
        "position=" + PositionTitle,
        "occupation=" + OccupationCode,
        "monthlySalary=" + MonthlySalary.ToString(CultureInfo.InvariantCulture),
        "monthsPerYear=" + MonthsPerYear.ToString(CultureInfo.InvariantCulture),
        "startOn=" + StartOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        "engagementMode=" + EngagementMode,
        "region=" + RegionCatalogue.Significant(RegionCode),
        "probationMonths=" + ProbationMonths.ToString(CultureInfo.InvariantCulture),
        "signBy=" + SignBy.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    /// <summary>SHA-256 of the agreement: the terms, the two parties and the two confirmations, as lower-case hex.</summary>
    public string AgreementHash(long applicationId, long talentId, long enterpriseId, DateTimeOffset offeredAt, long? offeredBy,
        DateTimeOffset signedAt, long? signedBy)
    {
        var text = string.Join('\n', Canonical(),
            "application=" + applicationId.ToString(CultureInfo.InvariantCulture),
            "talent=" + talentId.ToString(CultureInfo.InvariantCulture),
            "enterprise=" + enterpriseId.ToString(CultureInfo.InvariantCulture),
            "offeredAt=" + offeredAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
            "offeredBy=" + offeredBy?.ToString(CultureInfo.InvariantCulture),
            "signedAt=" + signedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
            "signedBy=" + signedBy?.ToString(CultureInfo.InvariantCulture));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
