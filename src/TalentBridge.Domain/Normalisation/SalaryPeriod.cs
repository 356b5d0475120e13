namespace TalentBridge.Domain.Normalisation;

/// <summary>The pay period a salary text was written in (not the period of the normalised amounts, which is always a month).</summary>
public enum SalaryPeriod
{
    Unknown = 0,
    Hour,
    Day,
    Month,
    Year,
}
