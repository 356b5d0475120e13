namespace TalentBridge.Domain.TitleReview;

/// <summary>Why an expert may not review an applicant (回避). Stored as these numbers.</summary>
public enum ConflictReason
{
    /// <summary>The expert is the applicant.</summary>
    Applicant = 1,
    /// <summary>The expert works for the applicant's employer.</summary>
    SameEmployer = 2,
    /// <summary>The applicant or the expert declared a relation (kin, supervisor, co-author …).</summary>
    DeclaredRelation = 3,
    /// <summary>The expert is one of the applicant's referees (推荐人).</summary>
    Referee = 4,
}

/// <summary>An expert who could sit on a panel: their own talent record and employer, when known.</summary>
public sealed record PanelCandidate(long ExpertId, long? TalentId, long? EmployerId);

/// <summary>
/// What ties an applicant to experts: their talent record, their employer, the experts they named as referees, and the
/// experts with a declared relation (declared by the applicant or by the expert).
/// </summary>
public sealed record ApplicantTies(long TalentId, long? EmployerId, IReadOnlyCollection<long> RefereeExpertIds, IReadOnlyCollection<long> RelatedExpertIds);

/// <summary>The conflict-of-interest rule of the panel and the committee: an expert with any reason is excluded.</summary>
public static class ConflictOfInterest
{
    /// <summary>Every reason that excludes <paramref name="candidate"/> from reviewing the applicant; empty when none.</summary>
    public static IReadOnlyList<ConflictReason> Reasons(ApplicantTies applicant, PanelCandidate candidate)
    {
        ArgumentNullException.ThrowIfNull(applicant);
        ArgumentNullException.ThrowIfNull(candidate);
        var reasons = new List<ConflictReason>();
        if (candidate.TalentId == applicant.TalentId)
        {
            reasons.Add(ConflictReason.Applicant);
        }
        if (candidate.EmployerId is { } employer && employer == applicant.EmployerId)
        {
            reasons.Add(ConflictReason.SameEmployer);
        }
        if (applicant.RelatedExpertIds.Contains(candidate.ExpertId))
        {
            reasons.Add(ConflictReason.DeclaredRelation);
        }
        if (applicant.RefereeExpertIds.Contains(candidate.ExpertId))
        {
            reasons.Add(ConflictReason.Referee);
        }
        return reasons;
    }
}
