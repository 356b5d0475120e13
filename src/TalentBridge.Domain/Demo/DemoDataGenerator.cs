using System.Globalization;
using TalentBridge.Domain.Pools;
using TalentBridge.Domain.Reference;

namespace TalentBridge.Domain.Demo;

/// <summary>
/// Generates plausible, deterministic demo data for a city (丽水市) or the province (浙江省). Every
/// record is derived only from (seed, stream, id) and <c>now</c>, so the three streams can be produced
/// independently, in any order, and lazily: nothing but the precomputed lookup tables is held in memory.
/// The one exception is <see cref="Talents"/>: to keep resident ID numbers unique it remembers the ID
/// numbers it has handed out (a set of 17-digit prefixes, about 20 bytes per talent with an ID number).
/// </summary>
public sealed partial class DemoDataGenerator
{
    private const ulong TalentStream = 0x7A1E_0001;
    private const ulong EnterpriseStream = 0x7A1E_0002;
    private const ulong ProfileStream = 0x7A1E_0003;
    private const ulong PositionStream = 0x7A1E_0004;
    private const ulong ResidentIdStream = 0x7A1E_0005;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private readonly ContactProtector _protector;
    private readonly DemoScale _scale;
    private readonly int _seed;
    private readonly DateTimeOffset _now;
    private readonly DateOnly _today;
    private readonly Weighted<CountyInfo> _counties;
    private readonly Weighted<int> _ages;

    public DemoDataGenerator(ReferenceData reference, ContactProtector protector, DemoScale scale, int seed, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(protector);
        ArgumentNullException.ThrowIfNull(scale);
        _protector = protector;
        _scale = scale;
        _seed = seed;
        _now = now;
        _today = DateOnly.FromDateTime(now.DateTime);

        var families = new Dictionary<string, FamilyData>(StringComparer.Ordinal);
        var familyList = new List<FamilyData>();
        foreach (var family in DemoVocabulary.Families)
        {
            if (FamilyData.Build(reference, family) is { } data)
            {
                families[family.Key] = data;
                familyList.Add(data);
            }
        }
        var lishuiFamilies = new Weighted<FamilyData>(familyList.Select(f => (f, f.Family.LishuiWeight)));
        var provinceFamilies = new Weighted<FamilyData>(familyList.Select(f => (f, f.Family.ProvinceWeight)));
        var sectors = DemoVocabulary.Sectors
            .Select(s => SectorData.Build(reference, s, families))
            .OfType<SectorData>()
            .ToList();
        if (sectors.Count == 0)
        {
            throw new InvalidOperationException("The reference data has none of the demo sectors' industries.");
        }
        var surnames = new SurnameTables();
        _counties = BuildCounties(reference, scale.RegionCode, sectors, lishuiFamilies, provinceFamilies, surnames);
        _ages = new Weighted<int>(Enumerable.Range(20, 41).Select(age => (age, AgeWeight(age))));
    }

    public DemoScale Scale => _scale;

    /// <summary>Enterprises with ids 1..<see cref="DemoScale.Enterprises"/>, produced lazily.</summary>
    public IEnumerable<Enterprise> Enterprises()
    {
        for (long id = 1; id <= _scale.Enterprises; id++)
        {
            yield return Enterprise(id);
        }
    }

    /// <summary>Positions with ids 1..<see cref="DemoScale.Positions"/>, each in its enterprise's county.</summary>
    public IEnumerable<Position> Positions()
    {
        for (long id = 1; id <= _scale.Positions; id++)
        {
            yield return Position(id);
        }
    }

    /// <summary>
    /// Talents with ids 1..<see cref="DemoScale.Talents"/>, built through <see cref="TalentDraft.ToTalent"/>.
    /// Every talent has a distinct phone number and, when it has one, a distinct resident ID number: the
    /// phone is unique by construction (see <see cref="Phone"/>); an ID number that an earlier talent of
    /// the stream already has is replaced by a free one of the same county, birth year and gender (see
    /// <see cref="FreeResidentIdNumber"/>). The stream is produced in id order and is the same for the
    /// same seed, scale and <c>now</c>; each enumeration starts with an empty set of used ID numbers.
    /// </summary>
    public IEnumerable<Talent> Talents()
    {
        foreach (var (id, draft, createdAt) in TalentDrafts())
        {
            yield return draft.ToTalent(_protector, createdAt) with { Id = id };
        }
    }

    /// <summary>The drafts behind <see cref="Talents"/>, in id order, with resident ID numbers made unique.</summary>
    internal IEnumerable<(long Id, TalentDraft Draft, DateTimeOffset CreatedAt)> TalentDrafts()
    {
        var used = new HashSet<long>();
        for (long id = 1; id <= _scale.Talents; id++)
        {
            var (draft, createdAt) = TalentDraftFor(id);
            if (draft.IdNumber is { } idNumber && !used.Add(ResidentIdKey(idNumber)))
            {
                draft = draft with { IdNumber = FreeResidentIdNumber(id, idNumber, used) };
            }
            yield return (id, draft, createdAt);
        }
    }

    // ---------------------------------------------------------------- talents

    /// <summary>
    /// The talent with <paramref name="id"/>, computed on its own. It equals the element of
    /// <see cref="Talents"/> with that id unless the stream had to replace its resident ID number
    /// because an earlier talent already had it (a few hundred of 1.5 million at province scale,
    /// none at the smaller scales as a rule); then only the ID number's mask and hash differ.
    /// </summary>
    internal Talent Talent(long id)
    {
        var (draft, createdAt) = TalentDraftFor(id);
        return draft.ToTalent(_protector, createdAt) with { Id = id };
    }

    /// <summary>
    /// The raw submission a talent would make, with the time it was made. Its resident ID number is
    /// the one drawn for this id alone; <see cref="Talents"/> replaces it if an earlier talent has it.
    /// </summary>
    internal (TalentDraft Draft, DateTimeOffset CreatedAt) TalentDraftFor(long id)
    {
        var rng = new DemoRandom(_seed, TalentStream, id);
        var county = _counties.Pick(ref rng);
        var residence = county.Townships is { } townships && rng.Chance(0.85) ? townships.Pick(ref rng) : county.Code;
        var family = county.Families.Pick(ref rng);
        var gender = rng.Chance(family.Family.MaleShare) ? Gender.Male : Gender.Female;
        var age = _ages.Pick(ref rng);
        var birthYear = _now.Year - age;

        var education = family.Education.Pick(ref rng);
        if (age > 50 && education >= EducationLevel.Associate && rng.Chance(0.4))
        {
            education--;
        }
        education = age switch
        {
            < 22 when education >= EducationLevel.Bachelor => EducationLevel.Associate,
            < 25 when education >= EducationLevel.Master => EducationLevel.Bachelor,
            < 28 when education >= EducationLevel.Doctorate => EducationLevel.Master,
            _ => education,
        };
        var totalYears = Math.Max(0, age - EducationEndAge(education) - rng.Next(3));

        var first = family.PickOccupation(ref rng);
        var firstYears = totalYears == 0 ? 0 : Math.Max(0, totalYears - rng.Next(Math.Min(totalYears, 8) + 1));
        var occupations = new List<TalentOccupation>(2) { new(first.Occupation.Code, firstYears) };
        if (rng.Chance(0.22))
        {
            var second = family.PickOccupation(ref rng);
            if (!string.Equals(second.Occupation.Code, first.Occupation.Code, StringComparison.Ordinal))
            {
                occupations.Add(new(second.Occupation.Code, totalYears - firstYears));
            }
        }

        var skillCount = education >= EducationLevel.Associate ? rng.Between(3, 6) : rng.Between(2, 4);
        var skillNames = PickDistinct(first.Skills, skillCount, ref rng);
        if (skillNames.Length < skillCount || rng.Chance(0.3))
        {
            // Now and then a general skill of the family (安全生产, Excel, 6S管理 …) besides the occupation's own.
            var general = family.Family.Skills[rng.Next(family.Family.Skills.Length)];
            if (Array.IndexOf(skillNames, general) < 0)
            {
                skillNames = [.. skillNames, general];
            }
        }
        var skills = new TalentSkill[skillNames.Length];
        var baseLevel = 1 + Math.Min(3, totalYears / 4);
        for (var i = 0; i < skills.Length; i++)
        {
            skills[i] = new TalentSkill(skillNames[i], Math.Clamp(baseLevel + rng.Next(3) - 1, 1, 5));
        }

        var licensed = family.Family.Key is "health" or "teaching";
        string[] certificates = rng.Chance(licensed ? 0.6 : 0.22)
            ? PickDistinct(family.Family.Certificates, rng.Chance(0.2) ? 2 : 1, ref rng)
            : [];

        var code = first.Occupation.Code;
        var title = ProfessionalTitleLevel.None;
        var skillLevel = SkillLevel.None;
        if (code.StartsWith('2') && education >= EducationLevel.Associate)
        {
            title = PickTitle(totalYears, ref rng);
        }
        else if (code.StartsWith('3'))
        {
            title = rng.Chance(0.15) ? ProfessionalTitleLevel.Assistant : ProfessionalTitleLevel.None;
        }
        else if (!rng.Chance(0.35))
        {
            skillLevel = PickSkillLevel(totalYears, ref rng);
        }

        int? salaryMin = null;
        int? salaryMax = null;
        if (!rng.Chance(0.08))
        {
            var expected = Salary(family.Family, education, totalYears, ref rng);
            if (title >= ProfessionalTitleLevel.AssociateSenior || skillLevel >= SkillLevel.Technician)
            {
                expected = expected * 13 / 10;
            }
            var min = Math.Max(3_000, RoundTo500(expected * 0.9));
            salaryMin = min;
            salaryMax = Math.Min(40_000, RoundTo500(min * (1.2 + (rng.NextDouble() * 0.3))));
        }

        var expert = title >= ProfessionalTitleLevel.AssociateSenior || skillLevel >= SkillLevel.Technician;
        var availability = expert ? PickExpertAvailability(ref rng) : PickAvailability(ref rng);
        var visibility = rng.NextDouble() switch
        {
            < 0.90 => TalentVisibility.Public,
            < 0.97 => TalentVisibility.OperatorsOnly,
            _ => TalentVisibility.Hidden,
        };
        var status = rng.NextDouble() switch
        {
            < 0.50 => TalentStatus.Seeking,
            < 0.95 => TalentStatus.Employed,
            _ => TalentStatus.Inactive,
        };

        var work = rng.NextDouble() switch
        {
            < 0.70 => new[] { county.Code },
            < 0.85 when county.CityCode is not null => [county.Code, county.CityCode],
            < 0.95 when county.Siblings.Length > 1 => [county.Code, county.Siblings[rng.Next(county.Siblings.Length)]],
            _ => [],
        };

        var name = PersonName(county, gender, birthYear, ref rng);
        var phone = Phone(id, ref rng);
        var idNumber = rng.Chance(0.6) ? ResidentIdNumber(county.Code, birthYear, gender, ref rng) : null;
        var createdAt = _now.AddSeconds(-rng.Next(730 * 86_400));

        var draft = new TalentDraft
        {
            Name = name,
            Phone = phone,
            IdNumber = idNumber,
            BirthYear = birthYear,
            Gender = gender,
            Education = education,
            Major = education >= EducationLevel.SeniorHigh ? family.Family.Majors[rng.Next(family.Family.Majors.Length)] : null,
            ResidenceRegionCode = residence,
            WorkRegionCodes = work,
            Occupations = occupations,
            Skills = skills,
            Certificates = certificates,
            ProfessionalTitle = title,
            SkillLevel = skillLevel,
            ExpectedSalaryMin = salaryMin,
            ExpectedSalaryMax = salaryMax,
            Availability = availability,
            Visibility = visibility,
            Status = status,
            ConsentVersion = TalentDraft.CurrentConsentVersion,
        };
        return (draft, createdAt);
    }

    private static double AgeWeight(int age) => age switch
    {
        <= 22 => 0.7,
        <= 27 => 1.2,
        <= 38 => 1.4,
        <= 45 => 1.1,
        <= 55 => 0.8,
        _ => 0.4,
    };

    private static int EducationEndAge(EducationLevel education) => education switch
    {
        EducationLevel.None or EducationLevel.Primary => 14,
        EducationLevel.JuniorHigh => 16,
        EducationLevel.SeniorHigh => 19,
        EducationLevel.Associate => 21,
        EducationLevel.Bachelor => 22,
        EducationLevel.Master => 25,
        _ => 28,
    };

    private static ProfessionalTitleLevel PickTitle(int years, ref DemoRandom rng)
    {
        var x = rng.NextDouble();
        return years switch
        {
            < 2 => x < 0.7 ? ProfessionalTitleLevel.None : x < 0.8 ? ProfessionalTitleLevel.Clerk : ProfessionalTitleLevel.Assistant,
            < 7 => x < 0.3 ? ProfessionalTitleLevel.None : x < 0.85 ? ProfessionalTitleLevel.Assistant : ProfessionalTitleLevel.Intermediate,
            < 15 => x < 0.15 ? ProfessionalTitleLevel.None : x < 0.35 ? ProfessionalTitleLevel.Assistant : x < 0.9 ? ProfessionalTitleLevel.Intermediate : ProfessionalTitleLevel.AssociateSenior,
            _ => x < 0.14 ? ProfessionalTitleLevel.None : x < 0.24 ? ProfessionalTitleLevel.Assistant : x < 0.64 ? ProfessionalTitleLevel.Intermediate : x < 0.94 ? ProfessionalTitleLevel.AssociateSenior : ProfessionalTitleLevel.Senior,
        };
    }

    private static SkillLevel PickSkillLevel(int years, ref DemoRandom rng)
    {
        var x = rng.NextDouble();
        return years switch
        {
            < 2 => x < 0.5 ? SkillLevel.Apprentice : SkillLevel.Junior,
            < 7 => x < 0.55 ? SkillLevel.Junior : x < 0.95 ? SkillLevel.Intermediate : SkillLevel.Senior,
            < 15 => x < 0.45 ? SkillLevel.Intermediate : x < 0.85 ? SkillLevel.Senior : SkillLevel.Technician,
            _ => x < 0.35 ? SkillLevel.Senior : x < 0.75 ? SkillLevel.Technician : x < 0.993 ? SkillLevel.SeniorTechnician : x < 0.998 ? SkillLevel.MasterTechnician : SkillLevel.ChiefTechnician,
        };
    }

    private static EngagementModes PickAvailability(ref DemoRandom rng) => rng.NextDouble() switch
    {
        < 0.80 => EngagementModes.FullTime,
        < 0.88 => EngagementModes.FullTime | EngagementModes.PartTime,
        < 0.94 => EngagementModes.PartTime,
        < 0.97 => EngagementModes.Project,
        _ => EngagementModes.FullTime | EngagementModes.Project,
    };

    private static EngagementModes PickExpertAvailability(ref DemoRandom rng) => rng.NextDouble() switch
    {
        < 0.35 => EngagementModes.FullTime,
        < 0.75 => EngagementModes.Shared | EngagementModes.Project,
        < 0.90 => EngagementModes.PartTime | EngagementModes.Project,
        _ => EngagementModes.Shared,
    };

    /// <summary>Monthly pay in yuan: the family's band, scaled by education and experience.</summary>
    private static int Salary(JobFamily family, EducationLevel education, int years, ref DemoRandom rng)
    {
        var band = family.SalaryLow + ((family.SalaryHigh - family.SalaryLow) * rng.NextDouble());
        var educationFactor = education switch
        {
            <= EducationLevel.JuniorHigh => 0.9,
            EducationLevel.SeniorHigh => 0.95,
            EducationLevel.Associate => 1.0,
            EducationLevel.Bachelor => 1.1,
            EducationLevel.Master => 1.3,
            _ => 1.6,
        };
        var experienceFactor = 0.75 + (0.05 * Math.Min(years, 10));
        return (int)(band * educationFactor * experienceFactor);
    }

    private static int RoundTo500(double value) => (int)Math.Round(value / 500, MidpointRounding.AwayFromZero) * 500;

    private static string PersonName(CountyInfo county, Gender gender, int birthYear, ref DemoRandom rng)
    {
        var surname = county.Surnames.Pick(ref rng);
        var older = birthYear < 1985;
        var (primary, secondary) = gender == Gender.Male
            ? older ? (DemoVocabulary.MaleOlder, DemoVocabulary.MaleYounger) : (DemoVocabulary.MaleYounger, DemoVocabulary.MaleOlder)
            : older ? (DemoVocabulary.FemaleOlder, DemoVocabulary.FemaleYounger) : (DemoVocabulary.FemaleYounger, DemoVocabulary.FemaleOlder);
        var pool = rng.Chance(0.8) ? primary : secondary;
        var first = pool[rng.Next(pool.Length)];
        if (first.Length == 2 || rng.Chance(0.28))
        {
            return surname + first;
        }
        if (gender == Gender.Female && !older && rng.Chance(0.05))
        {
            return surname + first + first;
        }
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var next = pool[rng.Next(pool.Length)];
            if (next.Length == 1 && next != first)
            {
                return surname + first + next;
            }
        }
        return surname + first;
    }

    /// <summary>
    /// A mobile number unique per talent id: a real prefix and a keyed permutation of the id. The last
    /// eight digits alone differ between any two ids up to 10^8, whatever prefixes the two draw.
    /// </summary>
    private string Phone(long id, ref DemoRandom rng)
    {
        var prefix = DemoVocabulary.MobilePrefixes[rng.Next(DemoVocabulary.MobilePrefixes.Length)];
        var suffix = Permutation.Of100Million((int)((id - 1) % 100_000_000), _seed);
        return prefix + suffix.ToString("D8", Invariant);
    }

    /// <summary>A GB 11643 number: the county's code, a birth date in <paramref name="birthYear"/>, a sequence and the check character.</summary>
    private static string ResidentIdNumber(string countyCode, int birthYear, Gender gender, ref DemoRandom rng)
    {
        var birthDate = new DateOnly(birthYear, 1, 1).AddDays(rng.Next(DaysIn(birthYear)));
        var sequence = rng.Next(500) * 2 + (gender == Gender.Male ? 1 : 0);
        return ResidentIdNumber(countyCode, birthDate, sequence);
    }

    private static string ResidentIdNumber(string countyCode, DateOnly birthDate, int sequence)
    {
        Span<char> chars = stackalloc char[18];
        countyCode.AsSpan(0, 6).CopyTo(chars);
        birthDate.TryFormat(chars[6..], out _, "yyyyMMdd", Invariant);
        sequence.TryFormat(chars[14..], out _, "D3", Invariant);
        chars[17] = ResidentId.CheckCharacter(chars[..17]);
        return new string(chars);
    }

    private static int DaysIn(int year) => DateTime.IsLeapYear(year) ? 366 : 365;

    /// <summary>The first 17 digits of a resident ID number as a number (the check character follows from them).</summary>
    private static long ResidentIdKey(string idNumber)
    {
        var key = 0L;
        for (var i = 0; i < 17; i++)
        {
            key = (key * 10) + (idNumber[i] - '0');
        }
        return key;
    }

    /// <summary>
    /// A resident ID number not in <paramref name="used"/> (and now added to it) with the county, birth
    /// year and gender of <paramref name="taken"/>: a new birth date in that year and a new sequence, drawn
    /// from a stream of the talent's own, so the talent's other fields do not change. A county, year and
    /// gender have 182,500 such numbers and hold a few thousand talents at most, so the first draw is
    /// nearly always free; should a year ever fill up, the numbers are tried in order before giving up.
    /// </summary>
    private string FreeResidentIdNumber(long id, string taken, HashSet<long> used)
    {
        var county = taken[..6];
        var birthYear = int.Parse(taken.AsSpan(6, 4), NumberStyles.None, Invariant);
        var parity = (taken[16] - '0') & 1;
        var start = new DateOnly(birthYear, 1, 1);
        var days = DaysIn(birthYear);
        var rng = new DemoRandom(_seed, ResidentIdStream, id);
        for (var attempt = 0; attempt < 64; attempt++)
        {
            var candidate = ResidentIdNumber(county, start.AddDays(rng.Next(days)), (rng.Next(500) * 2) + parity);
            if (used.Add(ResidentIdKey(candidate)))
            {
                return candidate;
            }
        }
        for (var day = 0; day < days; day++)
        {
            for (var sequence = parity; sequence < 1_000; sequence += 2)
            {
                var candidate = ResidentIdNumber(county, start.AddDays(day), sequence);
                if (used.Add(ResidentIdKey(candidate)))
                {
                    return candidate;
                }
            }
        }
        throw new InvalidOperationException($"All resident ID numbers of county {county}, year {birthYear} and this gender are used.");
    }

    // ------------------------------------------------------------ enterprises

    /// <summary>What positions need to know about an enterprise, derived from its id alone.</summary>
    private readonly record struct EnterpriseProfile(CountyInfo County, string RegionCode, SectorData Sector, Industry Industry, EnterpriseSize Size);

    private EnterpriseProfile Profile(long id)
    {
        var rng = new DemoRandom(_seed, ProfileStream, id);
        var county = _counties.Pick(ref rng);
        var region = county.Townships is { } townships && rng.Chance(0.8) ? townships.Pick(ref rng) : county.Code;
        var sector = county.Sectors.Pick(ref rng);
        var industry = sector.Industries[rng.Next(sector.Industries.Length)];
        var size = rng.NextDouble() switch
        {
            < 0.55 => EnterpriseSize.Micro,
            < 0.88 => EnterpriseSize.Small,
            < 0.98 => EnterpriseSize.Medium,
            _ => EnterpriseSize.Large,
        };
        return new EnterpriseProfile(county, region, sector, industry, size);
    }

    internal Enterprise Enterprise(long id)
    {
        var profile = Profile(id);
        var rng = new DemoRandom(_seed, EnterpriseStream, id);
        var county = profile.County;
        var sector = profile.Sector.Sector;
        var size = profile.Size;
        var headcount = size switch
        {
            EnterpriseSize.Micro => rng.Between(1, 19),
            EnterpriseSize.Small => 20 + (int)(280 * Math.Pow(rng.NextDouble(), 2)),
            EnterpriseSize.Medium => rng.Between(300, 999),
            _ => 1_000 + (int)(5_000 * Math.Pow(rng.NextDouble(), 3)),
        };
        var cooperative = size <= EnterpriseSize.Small && rng.Chance(sector.CooperativeShare);

        var prefix = size >= EnterpriseSize.Medium && rng.Chance(0.35)
            ? "浙江"
            : rng.Chance(0.5) ? county.ShortPrefix : county.FullPrefix;
        var brand = DemoVocabulary.BrandWords[rng.Next(DemoVocabulary.BrandWords.Length)];
        var word = sector.Words[rng.Next(sector.Words.Length)];
        var suffix = cooperative ? "专业合作社"
            : size >= EnterpriseSize.Medium && rng.Chance(0.4) ? "股份有限公司"
            : rng.Chance(0.1) ? "有限责任公司"
            : "有限公司";
        var name = prefix + brand + word + suffix;

        var modern = rng.Chance(0.75);
        var founded = modern ? rng.Between(2015, Math.Max(2015, _now.Year - 1)) : rng.Between(1993, 2014);
        var uscc = UsccFor(id, county.Code, cooperative, modern);

        var x = rng.NextDouble();
        var (innovative, srdi, giant) = size switch
        {
            EnterpriseSize.Micro => (0.04, 0.01, 0.0),
            EnterpriseSize.Small => (0.10, 0.04, 0.005),
            EnterpriseSize.Medium => (0.15, 0.10, 0.03),
            _ => (0.10, 0.12, 0.04),
        };
        var tier = x < giant ? EnterpriseTier.LittleGiant
            : x < giant + srdi ? EnterpriseTier.Srdi
            : x < giant + srdi + innovative ? EnterpriseTier.InnovativeSme
            : EnterpriseTier.None;
        var tierText = tier switch
        {
            EnterpriseTier.LittleGiant => "是国家级专精特新“小巨人”企业。",
            EnterpriseTier.Srdi => "是浙江省专精特新中小企业。",
            EnterpriseTier.InnovativeSme => "是浙江省创新型中小企业。",
            _ => "",
        };
        var place = county.Name + (profile.RegionCode.Length > 6 ? county.TownshipName(profile.RegionCode) : "");
        var description = string.Create(Invariant,
            $"{name}成立于{founded}年，位于{place}，主要从事{sector.Business}，所属行业为{profile.Industry.Name}，现有员工{headcount}人。{tierText}");

        var createdAt = _now.AddSeconds(-rng.Next(3 * 365 * 86_400));
        var updatedAt = createdAt.AddSeconds(rng.Next((int)Math.Min(int.MaxValue, (_now - createdAt).TotalSeconds) + 1));
        return new Enterprise
        {
            Id = id,
            Name = name,
            Uscc = uscc,
            IndustryCode = profile.Industry.Code,
            RegionCode = profile.RegionCode,
            SizeClass = size,
            Tier = tier,
            Headcount = headcount,
            Description = description,
            CreatedAt = createdAt,
            UpdatedAt = updatedAt,
        };
    }

    private int UsccPermutationKey => (_seed & 0x3FFF_FFFF) | 1;

    /// <summary>
    /// 统一社会信用代码: registration authority 9 (市场监管), category 1 (企业) or 3 (农民专业合作社), the
    /// county's code, a GB 11714 organisation code (unique per id) and the check character.
    /// </summary>
    private string UsccFor(long id, string countyCode, bool cooperative, bool modern)
    {
        Span<char> chars = stackalloc char[18];
        chars[0] = '9';
        chars[1] = cooperative ? '3' : '1';
        countyCode.AsSpan(0, 6).CopyTo(chars[2..]);
        var body = chars.Slice(8, 8);
        if (modern)
        {
            // "MA" + five base-31 characters of an affine permutation of the id (bijective mod 31^5).
            const long space = 31L * 31 * 31 * 31 * 31;
            var value = ((id * 7_777_777L) + UsccPermutationKey) % space;
            body[0] = 'M';
            body[1] = 'A';
            body[2] = '2';
            for (var i = 7; i >= 3; i--)
            {
                body[i] = Uscc.Alphabet[(int)(value % 31)];
                value /= 31;
            }
        }
        else
        {
            // Eight digits: an affine permutation of the id, bijective mod 10^8 (multiplier coprime to 10).
            var value = ((id * 48_271L) + UsccPermutationKey) % 100_000_000;
            ((int)value).TryFormat(body, out _, "D8", Invariant);
        }
        chars[16] = OrganisationCheck(body);
        chars[17] = Uscc.CheckCharacter(chars[..17]);
        return new string(chars);
    }

    /// <summary>GB 11714 check character: weights 3,7,9,10,5,8,4,2; 11 − sum mod 11, 10 → X, 11 → 0.</summary>
    private static char OrganisationCheck(ReadOnlySpan<char> body)
    {
        ReadOnlySpan<int> weights = [3, 7, 9, 10, 5, 8, 4, 2];
        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            var c = body[i];
            var value = char.IsAsciiDigit(c) ? c - '0' : c - 'A' + 10;
            sum += value * weights[i];
        }
        var check = 11 - (sum % 11);
        return check switch
        {
            10 => 'X',
            11 => '0',
            _ => (char)('0' + check),
        };
    }

    // -------------------------------------------------------------- positions

    /// <summary>The position with <paramref name="id"/>; of <paramref name="enterprise"/> when given, else of an enterprise drawn by size.</summary>
    internal Position Position(long id, long? enterprise = null)
    {
        var rng = new DemoRandom(_seed, PositionStream, id);
        long enterpriseId = 1;
        EnterpriseProfile profile = default;
        if (enterprise is { } forced)
        {
            (enterpriseId, profile) = (forced, Profile(forced));
        }
        for (var attempt = 0; attempt < 8 && enterprise is null; attempt++)
        {
            enterpriseId = 1 + rng.Next(_scale.Enterprises);
            profile = Profile(enterpriseId);
            var accept = profile.Size switch
            {
                EnterpriseSize.Micro => 0.3,
                EnterpriseSize.Small => 0.6,
                EnterpriseSize.Medium => 0.9,
                _ => 1.0,
            };
            if (rng.Chance(accept))
            {
                break;
            }
        }
        var county = profile.County;
        var region = rng.NextDouble() switch
        {
            < 0.65 => profile.RegionCode,
            < 0.85 when county.Townships is { } townships => townships.Pick(ref rng),
            _ => county.Code,
        };

        var familyData = profile.Sector.Hires.Pick(ref rng);
        var family = familyData.Family;
        var choice = familyData.PickOccupation(ref rng);
        var title = family.GenericTitles.Length > 0 && rng.Chance(0.15)
            ? family.GenericTitles[rng.Next(family.GenericTitles.Length)]
            : choice.Titles[rng.Next(choice.Titles.Length)];

        var education = familyData.Education.Pick(ref rng);
        if (education > EducationLevel.None && rng.Chance(0.5))
        {
            education--;
        }
        if (education <= EducationLevel.Primary || (education == EducationLevel.JuniorHigh && rng.Chance(0.5)))
        {
            education = EducationLevel.None;
        }
        var experience = rng.NextDouble() switch
        {
            < 0.38 => 0,
            < 0.58 => 1,
            < 0.68 => 2,
            < 0.83 => 3,
            < 0.93 => 5,
            < 0.98 => 8,
            _ => 10,
        };
        var pay = Salary(family, education == EducationLevel.None ? EducationLevel.JuniorHigh : education, experience + 2, ref rng);
        var salaryMin = Math.Max(3_000, RoundTo500(pay * 0.9));
        var salaryMax = Math.Max(salaryMin + 500, RoundTo500(salaryMin * (1.2 + (rng.NextDouble() * 0.4))));
        var months = rng.NextDouble() switch
        {
            < 0.75 => 12,
            < 0.93 => 13,
            < 0.99 => 14,
            _ => 15,
        };
        var bulk = family.Key is "manufacturing" or "logistics" or "hospitality" or "sales" or "construction";
        var headcount = rng.NextDouble() switch
        {
            < 0.40 => 1,
            < 0.62 => 2,
            < 0.77 => 3,
            < 0.89 => rng.Between(4, 5),
            _ => rng.Between(6, 10),
        };
        if (bulk && headcount < 10 && rng.Chance(0.3))
        {
            headcount++;
        }

        var required = PickDistinct(choice.Skills, rng.Between(1, 3), ref rng);
        var preferredCount = rng.Next(3);
        var preferred = preferredCount == 0 ? [] : PickDistinctExcept(rng.Chance(0.7) ? choice.Skills : family.Skills, preferredCount, required, ref rng);

        var code = choice.Occupation.Code;
        var requiredTitle = ProfessionalTitleLevel.None;
        var requiredSkillLevel = SkillLevel.None;
        if (code.StartsWith('2') && rng.Chance(0.2))
        {
            requiredTitle = rng.NextDouble() switch
            {
                < 0.6 => ProfessionalTitleLevel.Assistant,
                < 0.95 => ProfessionalTitleLevel.Intermediate,
                _ => ProfessionalTitleLevel.AssociateSenior,
            };
        }
        else if (code[0] is '4' or '5' or '6' && rng.Chance(0.25))
        {
            requiredSkillLevel = rng.NextDouble() switch
            {
                < 0.35 => SkillLevel.Junior,
                < 0.75 => SkillLevel.Intermediate,
                < 0.95 => SkillLevel.Senior,
                _ => SkillLevel.Technician,
            };
        }

        var mode = rng.NextDouble() switch
        {
            < 0.88 => EngagementModes.FullTime,
            < 0.94 => EngagementModes.PartTime,
            < 0.97 => EngagementModes.Project,
            < 0.98 => EngagementModes.FullTime | EngagementModes.Project,
            _ => EngagementModes.Shared | EngagementModes.Project,
        };
        var urgent = rng.Chance(0.1);
        var status = rng.Chance(0.85) ? PositionStatus.Open : PositionStatus.Closed;
        var age = rng.Next(90);
        var postedOn = _today.AddDays(-age);
        var expiresOn = postedOn.AddDays(status == PositionStatus.Open ? rng.Between(Math.Max(30, age), 120) : rng.Between(30, 120));
        var createdAt = new DateTimeOffset(postedOn.ToDateTime(new TimeOnly(8, 0)), _now.Offset).AddMinutes(rng.Next(600));
        if (createdAt > _now)
        {
            createdAt = _now;
        }
        var updatedAt = createdAt.AddHours(rng.Next(24 * 10));
        if (updatedAt > _now)
        {
            updatedAt = _now;
        }

        var place = county.Name + (region.Length > 6 ? county.TownshipName(region) : "");
        var benefits = PickDistinct(DemoVocabulary.Benefits, rng.Between(2, 4), ref rng);
        var experienceText = experience == 0 ? "经验不限" : string.Create(Invariant, $"{experience}年以上相关工作经验");
        var description = string.Create(Invariant,
            $"招聘{title}{headcount}名。任职要求：{DemoVocabulary.EducationName(education)}{(education > EducationLevel.Primary ? "及以上学历" : "")}，{experienceText}，熟悉{string.Join("、", required)}。工作地点：{place}。福利待遇：{string.Join("、", benefits)}。");

        return new Position
        {
            Id = id,
            EnterpriseId = enterpriseId,
            Title = title,
            OccupationCode = code,
            IndustryCode = profile.Industry.Code,
            RegionCode = region,
            Headcount = headcount,
            SalaryMin = salaryMin,
            SalaryMax = salaryMax,
            MonthsPerYear = months,
            MinEducation = education,
            MinExperienceYears = experience,
            RequiredSkills = required,
            PreferredSkills = preferred,
            RequiredTitle = requiredTitle,
            RequiredSkillLevel = requiredSkillLevel,
            RequirementsMandatory = rng.Chance(0.3),
            EngagementMode = mode,
            Urgent = urgent,
            Status = status,
            PostedOn = postedOn,
            ExpiresOn = expiresOn,
            Description = description,
            CreatedAt = createdAt,
            UpdatedAt = updatedAt,
        };
    }

    // ---------------------------------------------------------------- helpers

    /// <summary><paramref name="count"/> distinct items (fewer if the list is shorter), by a partial shuffle.</summary>
    private static string[] PickDistinct(string[] items, int count, ref DemoRandom rng)
    {
        count = Math.Min(count, items.Length);
        Span<int> order = stackalloc int[items.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }
        var result = new string[count];
        for (var i = 0; i < count; i++)
        {
            var j = i + rng.Next(order.Length - i);
            (order[i], order[j]) = (order[j], order[i]);
            result[i] = items[order[i]];
        }
        return result;
    }

    private static string[] PickDistinctExcept(string[] items, int count, string[] except, ref DemoRandom rng)
    {
        var candidates = PickDistinct(items, Math.Min(items.Length, count + except.Length), ref rng);
        var result = new List<string>(count);
        foreach (var candidate in candidates)
        {
            if (result.Count < count && Array.IndexOf(except, candidate) < 0)
            {
                result.Add(candidate);
            }
        }
        return [.. result];
    }

    // ------------------------------------------------------- lookup tables

    private static Weighted<CountyInfo> BuildCounties(ReferenceData reference, string rootCode, List<SectorData> sectors,
        Weighted<FamilyData> lishuiFamilies, Weighted<FamilyData> provinceFamilies, SurnameTables surnames)
    {
        var root = reference.Regions.Find(rootCode)
            ?? throw new ArgumentException($"Unknown region code '{rootCode}'.", nameof(rootCode));
        var cities = new List<(Region City, double Weight)>();
        var counties = new List<(CountyInfo County, double Weight)>();
        switch (root.Level)
        {
            case RegionLevel.Province:
                foreach (var city in reference.Regions.Children(root.Code))
                {
                    var weight = DemoVocabulary.ZhejiangCities.FirstOrDefault(c => string.Equals(c.City, city.Code, StringComparison.Ordinal)).Weight;
                    cities.Add((city, weight > 0 ? weight : 1.0));
                }
                break;
            case RegionLevel.City:
                cities.Add((root, 1.0));
                break;
            case RegionLevel.County:
                counties.Add((CountyInfo.Build(reference, root, null, [root.Code], sectors, lishuiFamilies, provinceFamilies, surnames), 1.0));
                break;
            default:
                throw new ArgumentException($"The demo region must be a province, city or county, not '{rootCode}'.", nameof(rootCode));
        }
        foreach (var (city, cityWeight) in cities)
        {
            var members = reference.Regions.Children(city.Code)
                .Where(c => c.Level == RegionLevel.County && !IsDevelopmentZone(c))
                .OrderBy(c => c.Code, StringComparer.Ordinal)
                .ToList();
            if (members.Count == 0)
            {
                continue;
            }
            var siblings = members.Select(m => m.Code).ToArray();
            var raw = members.Select(CountyWeight).ToList();
            var total = raw.Sum();
            for (var i = 0; i < members.Count; i++)
            {
                var info = CountyInfo.Build(reference, members[i], city, siblings, sectors, lishuiFamilies, provinceFamilies, surnames);
                counties.Add((info, cityWeight * raw[i] / total));
            }
        }
        return new Weighted<CountyInfo>(counties);
    }

    /// <summary>Statistics-only development zones (5th digit 7) are not GB/T 2260 counties; people do not "live" there.</summary>
    private static bool IsDevelopmentZone(Region county) =>
        county.Code.Length >= 6 && county.Code[4] == '7' || county.Name.Contains("开发区", StringComparison.Ordinal) || county.Name == "市辖区";

    private static double CountyWeight(Region county)
    {
        foreach (var (code, weight) in DemoVocabulary.LishuiCounties)
        {
            if (string.Equals(code, county.Code, StringComparison.Ordinal))
            {
                return weight;
            }
        }
        return county.Name.EndsWith('区') ? 1.4 : county.Name.EndsWith('市') ? 1.1 : 0.8;
    }

    /// <summary>A county with everything needed to place a record in it.</summary>
    private sealed class CountyInfo
    {
        public required string Code { get; init; }
        public required string Name { get; init; }
        public string? CityCode { get; init; }
        public required string[] Siblings { get; init; }
        public Weighted<string>? Townships { get; init; }
        public required Dictionary<string, string> TownshipNames { get; init; }
        public required string ShortPrefix { get; init; }
        public required string FullPrefix { get; init; }
        public required Weighted<SectorData> Sectors { get; init; }
        public required Weighted<FamilyData> Families { get; init; }
        public required Weighted<string> Surnames { get; init; }

        public string TownshipName(string code) => TownshipNames.GetValueOrDefault(code, "");

        public static CountyInfo Build(ReferenceData reference, Region county, Region? city, string[] siblings, List<SectorData> sectors,
            Weighted<FamilyData> lishuiFamilies, Weighted<FamilyData> provinceFamilies, SurnameTables surnames)
        {
            var townships = reference.Regions.Children(county.Code)
                .Where(t => t.Level == RegionLevel.Township)
                .OrderBy(t => t.Code, StringComparer.Ordinal)
                .ToList();
            var isDistrict = county.Name.EndsWith('区') && city is not null;
            var shortPrefix = isDistrict ? ShortName(city!.Name) : ShortName(county.Name);
            var fullPrefix = isDistrict ? city!.Name : county.Name;
            var lishui = county.Code.StartsWith("3311", StringComparison.Ordinal);
            var sectorTable = new Weighted<SectorData>(sectors.Select(s =>
            {
                var weight = lishui ? s.Sector.LishuiWeight : s.Sector.ProvinceWeight;
                foreach (var (code, boost) in s.Sector.Home)
                {
                    if (string.Equals(code, county.Code, StringComparison.Ordinal))
                    {
                        weight *= boost;
                    }
                }
                return (s, weight);
            }));
            return new CountyInfo
            {
                Code = county.Code,
                Name = county.Name,
                CityCode = city?.Code,
                Siblings = siblings,
                Townships = townships.Count == 0 ? null : new Weighted<string>(townships.Select(t => (t.Code, TownshipWeight(t)))),
                TownshipNames = townships.ToDictionary(t => t.Code, t => t.Name, StringComparer.Ordinal),
                ShortPrefix = shortPrefix,
                FullPrefix = fullPrefix,
                Sectors = sectorTable,
                Families = lishui ? lishuiFamilies : provinceFamilies,
                Surnames = string.Equals(county.Code, "331127", StringComparison.Ordinal) ? surnames.Jingning : lishui ? surnames.Lishui : surnames.Zhejiang,
            };
        }

        private static double TownshipWeight(Region township) =>
            township.Name.EndsWith("街道", StringComparison.Ordinal) ? 3 : township.Name.EndsWith('镇') ? 2 : 1;

        /// <summary>青田县 → 青田, 景宁畲族自治县 → 景宁, 丽水市 → 丽水 (two-character names are kept).</summary>
        private static string ShortName(string name)
        {
            foreach (var suffix in (string[])["畲族自治县", "自治县", "新区", "市", "县", "区"])
            {
                if (name.EndsWith(suffix, StringComparison.Ordinal) && name.Length - suffix.Length >= 2)
                {
                    return name[..^suffix.Length];
                }
            }
            return name;
        }
    }

    private sealed class SurnameTables
    {
        public SurnameTables()
        {
            Zhejiang = new Weighted<string>(DemoVocabulary.Surnames.Select(s => (s.Surname, s.Weight)));
            Lishui = new Weighted<string>(DemoVocabulary.Surnames.Select(s => (s.Surname, s.Weight * Boost(s.Surname, jingning: false))));
            Jingning = new Weighted<string>(DemoVocabulary.Surnames.Select(s => (s.Surname, s.Weight * Boost(s.Surname, jingning: true))));
        }

        public Weighted<string> Zhejiang { get; }
        public Weighted<string> Lishui { get; }
        public Weighted<string> Jingning { get; }

        private static double Boost(string surname, bool jingning)
        {
            foreach (var (name, factor, jingningFactor) in DemoVocabulary.LishuiSurnameBoost)
            {
                if (string.Equals(name, surname, StringComparison.Ordinal))
                {
                    return jingning ? jingningFactor : factor;
                }
            }
            return 1;
        }
    }

    /// <summary>An occupation and the position titles that fit it.</summary>
    private sealed record OccupationChoice(Occupation Occupation, string[] Titles, string[] Skills);

    private sealed class FamilyData
    {
        private FamilyData(JobFamily family, Weighted<OccupationChoice[]> roots, Weighted<EducationLevel> education)
        {
            Family = family;
            Roots = roots;
            Education = education;
        }

        public JobFamily Family { get; }
        public Weighted<OccupationChoice[]> Roots { get; }
        public Weighted<EducationLevel> Education { get; }

        public OccupationChoice PickOccupation(ref DemoRandom rng)
        {
            var leaves = Roots.Pick(ref rng);
            return leaves[rng.Next(leaves.Length)];
        }

        public static FamilyData? Build(ReferenceData reference, JobFamily family)
        {
            var roots = new List<(OccupationChoice[], double)>();
            foreach (var root in family.Roots)
            {
                var leaves = OccupationLeaves(reference, root.Code);
                if (leaves.Count == 0)
                {
                    continue;
                }
                var choices = leaves.Select(o => new OccupationChoice(o, root.Titles ?? [TitleFor(o, family)], root.Skills ?? family.Skills)).ToArray();
                roots.Add((choices, root.Weight));
            }
            if (roots.Count == 0)
            {
                return null;
            }
            var education = new Weighted<EducationLevel>(family.Education.Select((w, i) => ((EducationLevel)i, w)));
            return new FamilyData(family, new Weighted<OccupationChoice[]>(roots), education);
        }

        /// <summary>The 小类/细类 occupations under <paramref name="code"/>, skipping the "其他…" catch-alls.</summary>
        private static List<Occupation> OccupationLeaves(ReferenceData reference, string code)
        {
            var result = new List<Occupation>();
            var start = reference.Occupations.Find(code);
            if (start is null)
            {
                return result;
            }
            var stack = new Stack<Occupation>();
            stack.Push(start);
            while (stack.Count > 0)
            {
                var occupation = stack.Pop();
                var hasChildren = false;
                if (occupation.Level < 4)
                {
                    foreach (var child in reference.Occupations.Children(occupation.Code))
                    {
                        hasChildren = true;
                        stack.Push(child);
                    }
                }
                if (!hasChildren && occupation.Level >= 3 && !occupation.Name.StartsWith("其他", StringComparison.Ordinal)
                    && !occupation.Name.Contains("热带", StringComparison.Ordinal))
                {
                    result.Add(occupation);
                }
            }
            result.Sort((a, b) => string.CompareOrdinal(a.Code, b.Code));
            return result;
        }

        /// <summary>The occupation's name without the S/L markers, unless it reads like a category ("…人员").</summary>
        private static string TitleFor(Occupation occupation, JobFamily family)
        {
            var name = occupation.Name.TrimEnd('S', 'L', '/', ' ');
            if (name.EndsWith("人员", StringComparison.Ordinal) && family.GenericTitles.Length > 0)
            {
                return family.GenericTitles[0];
            }
            return name;
        }
    }

    private sealed class SectorData
    {
        private SectorData(Sector sector, Industry[] industries, Weighted<FamilyData> hires)
        {
            Sector = sector;
            Industries = industries;
            Hires = hires;
        }

        public Sector Sector { get; }
        /// <summary>GB/T 4754 classes (level 4) an enterprise of this sector registers under.</summary>
        public Industry[] Industries { get; }
        public Weighted<FamilyData> Hires { get; }

        public static SectorData? Build(ReferenceData reference, Sector sector, Dictionary<string, FamilyData> families)
        {
            var industries = new List<Industry>();
            foreach (var root in sector.IndustryRoots)
            {
                var start = reference.Industries.Find(root);
                if (start is null)
                {
                    continue;
                }
                var stack = new Stack<Industry>();
                stack.Push(start);
                while (stack.Count > 0)
                {
                    var industry = stack.Pop();
                    if (industry.Level >= 4)
                    {
                        if (!industry.Name.StartsWith("其他", StringComparison.Ordinal) || industries.Count == 0)
                        {
                            industries.Add(industry);
                        }
                        continue;
                    }
                    foreach (var child in reference.Industries.Children(industry.Code))
                    {
                        stack.Push(child);
                    }
                }
            }
            var hires = sector.Hires
                .Where(h => families.ContainsKey(h.Family))
                .Select(h => (families[h.Family], h.Weight))
                .ToList();
            if (industries.Count == 0 || hires.Count == 0)
            {
                return null;
            }
            var distinct = industries
                .DistinctBy(i => i.Code, StringComparer.Ordinal)
                .OrderBy(i => i.Code, StringComparer.Ordinal)
                .ToArray();
            return new SectorData(sector, distinct, new Weighted<FamilyData>(hires));
        }
    }
}
