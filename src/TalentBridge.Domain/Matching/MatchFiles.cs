namespace TalentBridge.Domain.Matching;

/// <summary>
/// The talents filed under one region (a county or coarser) and one occupation 小类, with the most favourable
/// value of each factor among them, from which <see cref="MatchScoring.Bound(PositionProfile, TalentFile, int)"/>
/// bounds their scores. The summaries only ever grow (a removed talent leaves them as they are), which
/// keeps them upper bounds.
/// </summary>
internal sealed class TalentFile(int minor)
{
    public int Minor { get; } = minor;
    public List<TalentProfile> Items { get; } = [];
    public ulong SkillMask { get; private set; }
    public int MaxExperience { get; private set; }
    public EducationLevel MaxEducation { get; private set; }
    public ProfessionalTitleLevel MaxTitle { get; private set; }
    public SkillLevel MaxSkillLevel { get; private set; }
    public int MaxActiveDay { get; private set; } = int.MinValue;
    /// <summary>Lowest expected salary minimum given; <see cref="int.MaxValue"/> when nobody gave one.</summary>
    public int MinExpected { get; private set; } = int.MaxValue;
    public bool AnyWithoutExpectation { get; private set; }
    public bool AnySeeking { get; private set; }

    public void Add(TalentProfile t)
    {
        Items.Add(t);
        SkillMask |= t.SkillMask;
        MaxExperience = Math.Max(MaxExperience, t.ExperienceYears);
        MaxEducation = (EducationLevel)Math.Max((int)MaxEducation, (int)t.Education);
        MaxTitle = (ProfessionalTitleLevel)Math.Max((int)MaxTitle, (int)t.Title);
        MaxSkillLevel = (SkillLevel)Math.Max((int)MaxSkillLevel, (int)t.SkillLevel);
        MaxActiveDay = Math.Max(MaxActiveDay, t.ActiveDay);
        if (t.ExpectedSalaryMin > 0)
        {
            MinExpected = Math.Min(MinExpected, t.ExpectedSalaryMin);
        }
        else
        {
            AnyWithoutExpectation = true;
        }
        AnySeeking |= t.Status == TalentStatus.Seeking;
    }
}

/// <summary>The positions filed under one region and one 小类 (see <see cref="TalentFile"/>).</summary>
internal sealed class PositionFile(int minor)
{
    public int Minor { get; } = minor;
    public List<PositionProfile> Items { get; } = [];
    public ulong RequiredMask { get; private set; }
    public bool AnyWithoutRequired { get; private set; }
    public ulong PreferredMask { get; private set; }
    public bool AnyWithoutPreferred { get; private set; }
    public int MaxSalary { get; private set; }
    public int MaxPostedDay { get; private set; } = int.MinValue;
    public EducationLevel MinEducation { get; private set; } = EducationLevel.Doctorate;
    public int MinExperience { get; private set; } = int.MaxValue;
    public ProfessionalTitleLevel MinTitle { get; private set; } = ProfessionalTitleLevel.Senior;
    public SkillLevel MinSkillLevel { get; private set; } = SkillLevel.ChiefTechnician;

    public void Add(PositionProfile p)
    {
        Items.Add(p);
        RequiredMask |= p.RequiredMask;
        AnyWithoutRequired |= p.RequiredSkills.Length == 0;
        PreferredMask |= p.PreferredMask;
        AnyWithoutPreferred |= p.PreferredSkills.Length == 0;
        MaxSalary = Math.Max(MaxSalary, p.SalaryMax);
        MaxPostedDay = Math.Max(MaxPostedDay, p.PostedDay);
        MinEducation = (EducationLevel)Math.Min((int)MinEducation, (int)p.MinEducation);
        MinExperience = Math.Min(MinExperience, p.MinExperienceYears);
        MinTitle = (ProfessionalTitleLevel)Math.Min((int)MinTitle, (int)p.RequiredTitle);
        MinSkillLevel = (SkillLevel)Math.Min((int)MinSkillLevel, (int)p.RequiredSkillLevel);
    }
}
