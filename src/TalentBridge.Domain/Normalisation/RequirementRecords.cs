namespace TalentBridge.Domain.Normalisation;

/// <summary>
/// Years of experience a job posting asks for, as a range in whole years. <see cref="MaxYears"/> is null
/// when there is no upper bound ("3年以上"). <see cref="NoRequirement"/> marks "经验不限" and the like
/// (0, null); <see cref="Graduate"/> marks postings open to fresh graduates ("应届生", 0, 0);
/// <see cref="Student"/> marks postings for students or interns ("在校生", "实习", 0, 0).
/// Month and fractional forms are widened to whole years (minimum rounded down, maximum up).
/// </summary>
public sealed record ExperienceRequirement(int MinYears, int? MaxYears, bool NoRequirement, bool Graduate, bool Student);

/// <summary>
/// Number of people a posting wants to hire. <see cref="Min"/> equals <see cref="Max"/> for a plain
/// number ("招3人"); <see cref="Max"/> is null for an open upper bound ("10人以上"); both are null with
/// <see cref="Unspecified"/> true for "若干" / "不限" / "数名".
/// </summary>
public sealed record HeadcountRequirement(int? Min, int? Max, bool Unspecified);
