namespace TalentBridge.Domain.Normalisation;

/// <summary>
/// A salary normalised to whole yuan per month. A null bound is open (<c>3000以上</c> has no maximum,
/// <c>1万以下</c> no minimum); both are null when no amount was written (<c>面议</c>, <c>计件</c>).
/// </summary>
/// <param name="MonthlyMin">Lowest monthly pay in yuan, rounded to whole yuan.</param>
/// <param name="MonthlyMax">Highest monthly pay in yuan, rounded to whole yuan.</param>
/// <param name="MonthsPerYear">Months paid per year (<c>14薪</c> → 14); 12 unless written.</param>
/// <param name="Period">The period the text was written in; amounts were converted from it.</param>
/// <param name="Negotiable">The text says the salary is negotiable (<c>面议</c>).</param>
/// <param name="Commission">Pay includes commission or piece rates (<c>提成</c>, <c>计件</c>).</param>
public sealed record SalaryRange(int? MonthlyMin, int? MonthlyMax, int MonthsPerYear, SalaryPeriod Period, bool Negotiable, bool Commission);
