namespace TalentBridge.Domain.TitleReview;

/// <summary>A ballot's vote. Stored as these numbers, without the voter (the ballot is secret).</summary>
public enum Vote
{
    Yes = 1,
    No = 2,
    /// <summary>弃权: counts as present, not as yes.</summary>
    Abstain = 3,
}

/// <summary>The outcome of a committee's ballot.</summary>
public enum BallotOutcome
{
    /// <summary>Fewer members present than the quorum: the committee may not vote.</summary>
    NoQuorum = 1,
    /// <summary>Not every member present has voted yet.</summary>
    Incomplete = 2,
    Passed = 3,
    Failed = 4,
}

/// <summary>The figures of a ballot: the committee's size, the members present, and the votes cast (anonymous).</summary>
public sealed record BallotTally(int Members, int Present, int Yes, int No, int Abstain)
{
    public int Cast => Yes + No + Abstain;
}

/// <summary>
/// The committee's secret ballot (评委会表决): the meeting needs a quorum of members present, and the applicant passes
/// with enough yes votes of the members present — both fractions of <see cref="TitleReviewRules"/>, compared in exact
/// integer arithmetic (6 of 9 is exactly two thirds).
/// </summary>
public static class BallotRule
{
    public static bool HasQuorum(TitleReviewRules rules, int members, int present)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return present <= members && rules.Quorum.Met(present, members);
    }

    public static BallotOutcome Decide(TitleReviewRules rules, BallotTally tally)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(tally);
        if (!HasQuorum(rules, tally.Members, tally.Present))
        {
            return BallotOutcome.NoQuorum;
        }
        if (tally.Cast < tally.Present)
        {
            return BallotOutcome.Incomplete;
        }
        return rules.Pass.Met(tally.Yes, tally.Present) ? BallotOutcome.Passed : BallotOutcome.Failed;
    }
}
