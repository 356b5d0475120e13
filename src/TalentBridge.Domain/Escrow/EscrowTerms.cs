namespace TalentBridge.Domain.Escrow;

/// <summary>
/// Shares of an amount in basis points (1 bp = 0.01 %), in whole fen. Rounding: half up on the exact product
/// (<c>(amount × bp + 5000) / 10000</c>), so 10 % of 12,345 fen is 1,235 fen. Amounts are at most
/// <see cref="EscrowTerms.MaxAmount"/>, so the product never overflows a long.
/// </summary>
public static class BasisPoints
{
    public const int Whole = 10_000;

    public static long Share(long amount, int basisPoints)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        ArgumentOutOfRangeException.ThrowIfNegative(basisPoints);
        return checked((amount * basisPoints) + (Whole / 2)) / Whole;
    }
}

/// <summary>
/// The money terms of an escrow contract (安心宝, seed 003: "企业只需先支付10%的产学研合作经费,放到第三方监管的科创安心宝账户,
/// 待科创平台完成首个里程碑进度后,才将10%的合作经费连同尾款一并支付给科创平台"): the contract's total in fen split into
/// milestones, the deposit share (default 10 %) and the technology manager's commission share, both in basis points.
/// <para>
/// The deposit is applied to the milestones in order: it pays for the first milestone (and, if it is larger than the first,
/// the next ones) — so it is released "together with the balance" when the first milestone is settled. The commission is a
/// share of what the solver is paid, computed on the cumulative payout and differenced, so the commissions of all settlements
/// add up to exactly the share of the total paid, whatever the split.
/// </para>
/// </summary>
public sealed record EscrowTerms(IReadOnlyList<long> MilestoneAmounts, int DepositBasisPoints, int CommissionBasisPoints)
{
    /// <summary>The deposit share the seed names: 10 %.</summary>
    public const int DefaultDepositBasisPoints = 1_000;

    /// <summary>The largest contract total: 10 billion yuan in fen, far below what a long can multiply by 10,000.</summary>
    public const long MaxAmount = 1_000_000_000_000;

    public const int MaxMilestones = 20;

    /// <summary>A technology manager's commission is at most 30 % of what the solver is paid.</summary>
    public const int MaxCommissionBasisPoints = 3_000;

    public long Total => MilestoneAmounts.Sum();

    /// <summary>The deposit the enterprise pays into the escrow account before work starts.</summary>
    public long Deposit => BasisPoints.Share(Total, DepositBasisPoints);

    /// <summary>The part of the deposit that pays for milestone <paramref name="index"/> (0-based).</summary>
    public long DepositApplied(int index)
    {
        var left = Deposit;
        for (var i = 0; i < index; i++)
        {
            left -= Math.Min(left, MilestoneAmounts[i]);
        }
        return Math.Min(left, MilestoneAmounts[index]);
    }

    /// <summary>The commission on a payout when <paramref name="paidBefore"/> fen were paid to the solver before it.</summary>
    public long Commission(long paidBefore, long payout) =>
        BasisPoints.Share(paidBefore + payout, CommissionBasisPoints) - BasisPoints.Share(paidBefore, CommissionBasisPoints);

    /// <summary>The rules of the terms, with the field named (<c>milestones[2].amount</c>).</summary>
    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors()
            .When(MilestoneAmounts.Count == 0, "milestones", "must have at least one milestone")
            .When(MilestoneAmounts.Count > MaxMilestones, "milestones", $"must have at most {MaxMilestones} milestones")
            .When(DepositBasisPoints is < 1 or > BasisPoints.Whole, "depositBasisPoints", "must be between 1 and 10000")
            .When(CommissionBasisPoints is < 0 or > MaxCommissionBasisPoints, "commissionBasisPoints", $"must be between 0 and {MaxCommissionBasisPoints}");
        for (var i = 0; i < MilestoneAmounts.Count; i++)
        {
            errors.When(MilestoneAmounts[i] is <= 0 or > MaxAmount, $"milestones[{i}].amount", $"must be between 1 and {MaxAmount} fen");
        }
        return errors.When(errors.IsValid && MilestoneAmounts.Sum(a => (decimal)a) > MaxAmount, "milestones", $"must add up to at most {MaxAmount} fen");
    }
}
