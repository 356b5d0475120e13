using System.Globalization;
using TalentBridge.Domain.Normalisation;
using TalentBridge.Domain.Pools;
using TalentBridge.Domain.Reference;

namespace TalentBridge.Domain.Matching;

/// <summary>
/// A talent as the matcher sees it: compact, immutable, no contact data. Occupation codes, regions and
/// skills are encoded as integers (see <see cref="MatchCodes"/>) so that scoring a pair allocates nothing.
/// </summary>
public sealed class TalentProfile
{
    internal TalentProfile(long id) => Id = id;

    public long Id { get; }
    /// <summary>Occupations as <see cref="MatchCodes.Occupation"/> codes, with the years in each (same order).</summary>
    public int[] Occupations { get; internal init; } = [];
    public byte[] OccupationYears { get; internal init; } = [];
    /// <summary>Skill ids (<see cref="SkillCodes"/>) in ascending order, and the level (1–5) of each.</summary>
    public int[] Skills { get; internal init; } = [];
    public byte[] SkillLevels { get; internal init; } = [];
    /// <summary>The skills hashed into 64 bits (<see cref="MatchCodes.Mask"/>), for bounds over many talents.</summary>
    public ulong SkillMask { get; internal init; }
    public EducationLevel Education { get; internal init; }
    public int ExperienceYears { get; internal init; }
    public ProfessionalTitleLevel Title { get; internal init; }
    public SkillLevel SkillLevel { get; internal init; }
    /// <summary>Expected monthly salary minimum in yuan; 0 when the talent gave none.</summary>
    public int ExpectedSalaryMin { get; internal init; }
    public bool SalaryStrict { get; internal init; }
    public long Residence { get; init; }
    /// <summary>Regions the talent will work in (<see cref="MatchCodes.Region"/>); never empty.</summary>
    public long[] WorkRegions { get; internal init; } = [];
    public EngagementModes Availability { get; internal init; }
    public TalentStatus Status { get; internal init; }
    public bool Visible { get; internal init; }
    /// <summary>Day number (<see cref="DateOnly.DayNumber"/>) of the last change to the record.</summary>
    public int ActiveDay { get; internal init; }

    /// <summary>Whether this talent can be matched at all: public and not inactive.</summary>
    public bool Matchable => Visible && Status != TalentStatus.Inactive;
}

/// <summary>A position as the matcher sees it (see <see cref="TalentProfile"/>).</summary>
public sealed class PositionProfile
{
    internal PositionProfile(long id) => Id = id;

    public long Id { get; }
    public long EnterpriseId { get; init; }
    public int Occupation { get; init; }
    public int[] RequiredSkills { get; internal init; } = [];
    public int[] PreferredSkills { get; internal init; } = [];
    public ulong RequiredMask { get; internal init; }
    public ulong PreferredMask { get; internal init; }
    public long Region { get; init; }
    /// <summary>Monthly pay maximum in yuan, counting months paid beyond twelve.</summary>
    public int SalaryMax { get; internal init; }
    public bool SalaryStrict { get; internal init; }
    public EducationLevel MinEducation { get; internal init; }
    public int MinExperienceYears { get; internal init; }
    public ProfessionalTitleLevel RequiredTitle { get; internal init; }
    public SkillLevel RequiredSkillLevel { get; internal init; }
    public bool RequirementsMandatory { get; internal init; }
    public EngagementModes EngagementMode { get; internal init; }
    public bool Open { get; internal init; }
    public int PostedDay { get; internal init; }
    public int ExpiresDay { get; internal init; }
    public EnterpriseSize EnterpriseSize { get; internal init; }

    public bool IsOpenOn(int day) => Open && day >= PostedDay && day <= ExpiresDay;
}

/// <summary>Integer encodings of occupation and region codes used by the matcher.</summary>
public static class MatchCodes
{
    /// <summary>"2-02-10-03" → 2021003 (major·10⁶ + 中类·10⁴ + 小类·10² + 细类); 0 for a malformed code.</summary>
    public static int Occupation(string code)
    {
        // "d-dd-dd-dd": one digit, then three pairs each after a dash.
        if (code is not { Length: 10 } || code[1] != '-' || code[4] != '-' || code[7] != '-')
        {
            return 0;
        }
        var value = 0;
        foreach (var at in OccupationDigits)
        {
            var c = code[at];
            if (!char.IsAsciiDigit(c))
            {
                return 0;
            }
            value = (value * 10) + (c - '0');
        }
        return value;
    }

    private static readonly int[] OccupationDigits = [0, 2, 3, 5, 6, 8, 9];

    /// <summary>The code of an encoded occupation: 2021003 → "2-02-10-03".</summary>
    public static string OccupationText(int occupation) =>
        string.Create(CultureInfo.InvariantCulture, $"{occupation / 1_000_000}-{occupation / 10_000 % 100:00}-{occupation / 100 % 100:00}-{occupation % 100:00}");

    /// <summary>The 小类 of an encoded occupation (its 细类 digits cleared).</summary>
    internal static int Minor(int occupation) => occupation / 100;
    internal static int Mid(int occupation) => occupation / 10_000;
    internal static int Major(int occupation) => occupation / 1_000_000;

    /// <summary>
    /// A region code's significant digits as a number times 100 plus their count:
    /// "331121" → 33112106. Prefixes compare by <see cref="Truncate"/>.
    /// </summary>
    public static long Region(string code)
    {
        var significant = RegionCatalogue.Significant(code);
        return (long.Parse(significant, NumberStyles.None, CultureInfo.InvariantCulture) * 100) + significant.Length;
    }

    internal static int Length(long region) => (int)(region % 100);

    /// <summary>The region cut to at most <paramref name="length"/> digits (its ancestor at that level).</summary>
    internal static long Truncate(long region, int length)
    {
        var own = Length(region);
        if (own <= length)
        {
            return region;
        }
        var value = region / 100;
        for (var i = own; i > length; i--)
        {
            value /= 10;
        }
        return (value * 100) + length;
    }

    /// <summary>Whether one region lies within the other (either way round).</summary>
    public static bool Overlap(long a, long b)
    {
        var length = Math.Min(Length(a), Length(b));
        return Truncate(a, length) == Truncate(b, length);
    }

    /// <summary>Skill ids hashed into 64 bits: bit (id mod 64) is set for each.</summary>
    internal static ulong Mask(int[] skills)
    {
        ulong mask = 0;
        foreach (var id in skills)
        {
            mask |= 1UL << (id & 63);
        }
        return mask;
    }

    /// <summary>The significant digits of an encoded region.</summary>
    public static string RegionText(long region) =>
        (region / 100).ToString(CultureInfo.InvariantCulture).PadLeft(Length(region), '0');
}

/// <summary>
/// Maps skill names to integer ids: names the <see cref="SkillVocabulary"/> knows (with their synonyms,
/// "Java" = "java开发" = "JAVA") share the vocabulary skill's id; other names are folded and get their own.
/// Thread-safe.
/// </summary>
public sealed class SkillCodes
{
    private readonly SkillVocabulary _vocabulary;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _byKey = new(StringComparer.Ordinal);
    private readonly List<string> _names = [];
    private readonly Lock _lock = new();

    public SkillCodes(SkillVocabulary vocabulary) => _vocabulary = vocabulary;

    /// <summary>The id of a skill name (allocated on first use).</summary>
    public int Of(string name)
    {
        if (_byName.TryGetValue(name, out var known))
        {
            return known;
        }
        lock (_lock)
        {
            if (_byName.TryGetValue(name, out var id))
            {
                return id;
            }
            var skill = _vocabulary.Find(name);
            var key = skill?.Id ?? "name:" + Segmenter.Fold(name.Trim());
            if (!_byKey.TryGetValue(key, out id))
            {
                id = _names.Count;
                _names.Add(skill?.Name ?? name.Trim());
                _byKey.Add(key, id);
            }
            _byName[name] = id;
            return id;
        }
    }

    /// <summary>The display name of a skill id (the vocabulary's name, or the first spelling seen).</summary>
    public string NameOf(int id)
    {
        lock (_lock)
        {
            return _names[id];
        }
    }

    internal int[] SortedDistinct(IEnumerable<string> names)
    {
        var ids = names.Select(Of).Distinct().ToArray();
        Array.Sort(ids);
        return ids;
    }
}

/// <summary>Builds matcher profiles from pool records.</summary>
public static class MatchProfiles
{
    public static TalentProfile From(Talent talent, SkillCodes skills)
    {
        ArgumentNullException.ThrowIfNull(talent);
        ArgumentNullException.ThrowIfNull(skills);
        // Skill ids with their best level, sorted by id (a talent has a handful: no dictionary needed).
        var ids = new int[talent.Skills.Count];
        var levels = new byte[talent.Skills.Count];
        var count = 0;
        foreach (var skill in talent.Skills)
        {
            var id = skills.Of(skill.Name);
            var level = (byte)Math.Clamp(skill.Level, 1, 5);
            var at = Array.IndexOf(ids, id, 0, count);
            if (at >= 0)
            {
                levels[at] = Math.Max(levels[at], level);
            }
            else
            {
                ids[count] = id;
                levels[count++] = level;
            }
        }
        Array.Resize(ref ids, count);
        Array.Resize(ref levels, count);
        Array.Sort(ids, levels);

        var occupations = new int[talent.Occupations.Count];
        var years = new byte[occupations.Length];
        for (var i = 0; i < occupations.Length; i++)
        {
            occupations[i] = MatchCodes.Occupation(talent.Occupations[i].Code);
            years[i] = (byte)Math.Clamp(talent.Occupations[i].Years, 0, 60);
        }
        var residence = MatchCodes.Region(talent.ResidenceRegionCode);
        long[] work = talent.WorkRegionCodes.Count == 0
            ? [MatchCodes.Truncate(residence, 4)]
            : [.. talent.WorkRegionCodes.Select(MatchCodes.Region).Distinct()];
        return new TalentProfile(talent.Id)
        {
            Occupations = occupations,
            OccupationYears = years,
            Skills = ids,
            SkillLevels = levels,
            SkillMask = MatchCodes.Mask(ids),
            Education = talent.Education,
            ExperienceYears = talent.ExperienceYears,
            Title = talent.ProfessionalTitle,
            SkillLevel = talent.SkillLevel,
            ExpectedSalaryMin = talent.ExpectedSalaryMin ?? 0,
            SalaryStrict = talent.SalaryStrict && talent.ExpectedSalaryMin is not null,
            Residence = residence,
            WorkRegions = work,
            Availability = talent.Availability,
            Status = talent.Status,
            Visible = talent.Visibility == TalentVisibility.Public,
            ActiveDay = ChinaTime.Date(talent.UpdatedAt).DayNumber,
        };
    }

    public static PositionProfile From(Position position, EnterpriseSize enterpriseSize, SkillCodes skills)
    {
        ArgumentNullException.ThrowIfNull(position);
        ArgumentNullException.ThrowIfNull(skills);
        var required = skills.SortedDistinct(position.RequiredSkills);
        int[] preferred = [.. skills.SortedDistinct(position.PreferredSkills).Where(id => Array.BinarySearch(required, id) < 0)];
        return new PositionProfile(position.Id)
        {
            EnterpriseId = position.EnterpriseId,
            Occupation = MatchCodes.Occupation(position.OccupationCode),
            RequiredSkills = required,
            PreferredSkills = preferred,
            RequiredMask = MatchCodes.Mask(required),
            PreferredMask = MatchCodes.Mask(preferred),
            Region = MatchCodes.Region(position.RegionCode),
            SalaryMax = MonthlyEquivalent(position.SalaryMax, position.MonthsPerYear),
            SalaryStrict = position.SalaryStrict,
            MinEducation = position.MinEducation,
            MinExperienceYears = position.MinExperienceYears,
            RequiredTitle = position.RequiredTitle,
            RequiredSkillLevel = position.RequiredSkillLevel,
            RequirementsMandatory = position.RequirementsMandatory,
            EngagementMode = position.EngagementMode,
            Open = position.Status == PositionStatus.Open,
            PostedDay = position.PostedOn.DayNumber,
            ExpiresDay = position.ExpiresOn.DayNumber,
            EnterpriseSize = enterpriseSize,
        };
    }

    /// <summary>Monthly pay counting the months paid beyond twelve (15K × 14 薪 → 17,500).</summary>
    internal static int MonthlyEquivalent(int monthly, int monthsPerYear) =>
        (int)((long)monthly * Math.Max(12, monthsPerYear) / 12);
}
