using System.Globalization;
using TalentBridge.Domain.Demo;
using TalentBridge.Domain.Normalisation;
using TalentBridge.Domain.Pools;
using TalentBridge.Domain.Reference;

namespace TalentBridge.Domain.Matching.Evaluation;

/// <summary>
/// Generates a <see cref="MatchEvaluationSet"/> whose ground truth comes from hidden parameters of the
/// generator, not from any scoring function an engine could copy. Deterministic for (reference data,
/// counts, seed); no I/O. The observed records are what an engine sees; the hidden model stays inside
/// (tests may read it as an oracle).
///
/// <para><b>Scope.</b> One city, 丽水市 (3311): its nine counties (development zones left out), weighted by
/// size (莲都 largest), and their townships. Six job families — manufacturing (车工, 铣工, 多工序数控机床操作调整工,
/// 焊工, 机修钳工, 电工, 质检员), IT (software, network, operations, big data), sales and e-commerce, office
/// (会计, 秘书, 后勤管理员, 人力资源), care (three kinds of nurse, 养老护理员, 医疗护理员) and logistics (货车司机,
/// 仓储管理员, 快递员, 供应链管理师) — 28 occupations (细类) in all, each with its own key skills (canonical
/// <see cref="SkillVocabulary"/> names) and the family with a few general skills. With 2,000 talents and 600
/// positions (seed 1) a position has hundreds of candidates of its family and a median of 15 relevant talents
/// (10th–90th percentile 7–29); 92 % of the talents have a relevant position (median 4, 90th percentile 10);
/// of the 9,928 judged pairs 45 % are applications, 44 % accepted invitations and 11 % agreements.</para>
///
/// <para><b>Latent person</b> (one per talent): a family (weighted: manufacturing 30, sales 20, office 15,
/// care 13, logistics 12, IT 10); one true occupation of the family, and with probability 0.25 a second one of
/// the same family; education drawn from the family's distribution (the demo generator's); years of experience
/// 25·u^1.6 with u uniform; a true proficiency 0.05..1 per skill: each key skill of the main occupation is
/// held with probability 0.85, of the second occupation 0.6, each general skill of the family 0.3, at
/// clamp(0.3 + 0.035·min(years, 12) + ability + N(0, 0.15)) with a personal ability ~ N(0, 0.12); a reservation wage = family base pay × (1 + 0.06 ×
/// (education − the family's mean education)) × (0.78 + 0.025·min(years, 12)) × exp(N(0, 0.15)); a mobility
/// (willingness to commute or relocate) clamp(N(0.4, 0.25), 0, 1); a home (county weighted by size, a
/// township of it with probability 0.85); an activity 0.3..1 (how readily the person applies).</para>
///
/// <para><b>Latent position</b>: a family (same weights) and the occupation really needed; 3 or 4 key skills
/// of that occupation with importance U(0.5, 1) and with probability 0.4 one general skill of the family
/// with importance 0.3; the seniority really needed (0, 1, 2, 3, 5 or 8 years with probabilities 0.3, 0.2,
/// 0.15, 0.15, 0.12, 0.08); a pay budget = family base pay × (0.85 + 0.04·min(seniority, 10)) × exp(N(0, 0.12));
/// a place: the enterprise's (one enterprise per three positions, located like a home), with probability 0.2
/// another township of the same county.</para>
///
/// <para><b>Observed talent</b> (a valid <see cref="TalentDraft"/> turned into a <see cref="Talent"/>; Public,
/// Seeking, ids 1..n): the main occupation's code as it is (p 0.7), a neighbouring 细类 of the same 小类 (p 0.15)
/// or the 小类 code itself (p 0.15); the second occupation listed with p 0.6; with p 0.05 an unrelated
/// occupation of another family besides; years ± N(0, 1.5). Each held skill is listed with p 0.35 + 0.6 ×
/// proficiency, under a synonym with p 0.3 (synonyms that the vocabulary maps back to the same skill), with
/// a self-assessed level clamp(round(1 + 4 × proficiency + N(0, 0.8)), 1, 5); with p 0.25 a family skill the
/// person does not have is claimed at level 2 or 3. Expected salary missing with p 0.15, otherwise a minimum
/// of the reservation wage × exp(N(0, 0.12)) rounded to 500 and a maximum 1.15–1.5 times it. Work regions
/// reflect mobility (below 0.35: the home county; below 0.7: it and 莲都 or another county; above: the whole
/// city "3311"), missing with p 0.2. Birth year, education, professional title or skill level follow from the
/// latent person with noise; names and phones are made up (phones unique).</para>
///
/// <para><b>Observed position</b> (valid <see cref="Position"/>, Open, ids 1..n): a title of the occupation,
/// with p 0.15 a generic family title (普工, 业务员, 文员 …); the occupation code as it is (p 0.7), a
/// neighbouring 细类 (p 0.15) or the 小类 (p 0.15); required skills: the key skills with importance ≥ 0.7 (at
/// least the most important), each kept with p 0.85; preferred skills: the other key skills, each kept with
/// p 0.7, plus with p 0.3 a family skill that is not key; any posted skill under a synonym with p 0.25;
/// minimum experience = seniority + round(N(0, 1)) (at least 0), "不限" (0) with p 0.2; salary range
/// [budget × U(0.75, 0.92), budget × U(1.05, 1.3)] rounded to 500; minimum education about one level below
/// the family's usual; requirements never mandatory; posted 0–60 days before and expiring 14–90 days after
/// <see cref="ReferenceDate"/>.</para>
///
/// <para><b>Outcomes.</b> For every (talent, position) pair, the employer's utility is 0.4 × occupation fit +
/// 0.4 × skill fit + 0.2 × seniority fit, and the person's utility is 0.5 × occupation fit + 0.2 + 0.6 ×
/// clamp((budget − reservation wage) / reservation wage, −0.5, 0.4) − 0.08 × distance × (1 − mobility); each
/// side adds its own pair-specific taste ~ N(0, 0.08). Occupation fit: 1 for the same occupation, 0.5 for one
/// of the same 小类, 0.15 for the same family, 0 otherwise (a second true occupation counts at 0.8). Skill fit:
/// the importance-weighted mean true proficiency in the key skills. Seniority fit: 1 with enough years, minus
/// 0.25 per missing year. Distance: 0 same township, 1 same county, 2 between 莲都 and another county, 3 between
/// two other counties. Then, with independent draws, in this order: an <see cref="MatchOutcomeKind.Agreement"/>
/// when the employer's utility exceeds 0.74 and the person's 0.62, with probability 0.12; otherwise an accepted
/// invitation when they exceed 0.60 and 0.50, with probability 0.15; otherwise an application when the
/// person's utility exceeds 0.58, with probability 0.25 × activity. A pair gets at most one of these; when it
/// gets an agreement or invitation, the application that usually precedes it is recorded too (with p 0.5),
/// which does not change the pair's relevance.</para>
/// </summary>
public static class MatchEvaluationSetGenerator
{
    /// <summary>The city every generated record is in: 丽水市.</summary>
    public const string CityCode = "3311";

    private const ulong TalentStream = 0x3E7A_0001;
    private const ulong PositionStream = 0x3E7A_0002;
    private const ulong EnterpriseStream = 0x3E7A_0003;
    private const ulong PairStream = 0x3E7A_0004;
    private const ulong ObservationStream = 0x3E7A_0005;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    /// <summary>The day every generated set describes (<see cref="MatchEvaluationSet.ReferenceDate"/>).</summary>
    public static DateOnly ReferenceDate { get; } = new(2026, 3, 15);

    /// <summary>
    /// Generates <paramref name="talents"/> talents and <paramref name="positions"/> positions with ids from 1,
    /// and the outcomes simulated between them.
    /// </summary>
    /// <exception cref="ArgumentException">The reference data lacks 丽水市 or the generator's occupations.</exception>
    public static MatchEvaluationSet Generate(ReferenceData reference, int talents, int positions, int seed)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(talents);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(positions);

        var world = World.Build(reference);
        var latentTalents = new LatentTalent[talents];
        for (var i = 0; i < talents; i++)
        {
            latentTalents[i] = LatentTalentFor(world, seed, i + 1);
        }
        var enterprises = Math.Max(1, positions / 3);
        var latentPositions = new LatentPosition[positions];
        var enterpriseOf = new long[positions];
        for (var i = 0; i < positions; i++)
        {
            (latentPositions[i], enterpriseOf[i]) = LatentPositionFor(world, seed, i + 1, enterprises);
        }
        var model = new MatchLatentModel(latentTalents, latentPositions, world.OccupationIndex);

        var protector = new ContactProtector("match-evaluation-set-contact-key"u8.ToArray());
        var observedTalents = new Talent[talents];
        for (var i = 0; i < talents; i++)
        {
            observedTalents[i] = ObserveTalent(world, protector, seed, i + 1, latentTalents[i]);
        }
        var observedPositions = new Position[positions];
        for (var i = 0; i < positions; i++)
        {
            observedPositions[i] = ObservePosition(world, seed, i + 1, enterpriseOf[i], latentPositions[i]);
        }

        var outcomes = SimulateOutcomes(model, seed);
        return new MatchEvaluationSet(observedTalents, observedPositions, outcomes, ReferenceDate) { Latent = model };
    }

    // ------------------------------------------------------------------ latent

    private static LatentTalent LatentTalentFor(World world, int seed, long id)
    {
        var rng = new DemoRandom(seed, TalentStream, id);
        var familyIndex = world.Families.Pick(ref rng);
        var family = Catalogue[familyIndex];
        var main = family.Occupations[rng.Next(family.Occupations.Length)];
        var occupations = new List<FamilyOccupation>(2) { main };
        if (rng.Chance(0.25) && family.Occupations.Length > 1)
        {
            var second = family.Occupations[rng.Next(family.Occupations.Length)];
            if (!ReferenceEquals(second, main))
            {
                occupations.Add(second);
            }
        }

        var education = world.Education[familyIndex].Pick(ref rng);
        var years = (int)(25 * Math.Pow(rng.NextDouble(), 1.6));
        var ability = Normal(ref rng, 0, 0.12);
        var proficiency = new Dictionary<string, double>(StringComparer.Ordinal);
        void Hold(string skill, double chance, ref DemoRandom random)
        {
            if (proficiency.ContainsKey(skill) || !random.Chance(chance))
            {
                return;
            }
            proficiency[skill] = Math.Clamp(0.3 + (0.035 * Math.Min(years, 12)) + ability + Normal(ref random, 0, 0.15), 0.05, 1);
        }
        foreach (var skill in main.Skills)
        {
            Hold(skill, 0.85, ref rng);
        }
        for (var i = 1; i < occupations.Count; i++)
        {
            foreach (var skill in occupations[i].Skills)
            {
                Hold(skill, 0.6, ref rng);
            }
        }
        foreach (var skill in family.GeneralSkills)
        {
            Hold(skill, 0.3, ref rng);
        }

        var wage = family.BasePay
            * (1 + (0.06 * ((int)education - world.MeanEducation[familyIndex])))
            * (0.78 + (0.025 * Math.Min(years, 12)))
            * Math.Exp(Normal(ref rng, 0, 0.15));
        return new LatentTalent
        {
            Family = familyIndex,
            Occupations = [.. occupations.Select(o => o.Code)],
            Proficiency = proficiency,
            Years = years,
            Education = education,
            ReservationWage = wage,
            Mobility = Math.Clamp(Normal(ref rng, 0.4, 0.25), 0, 1),
            Home = world.PickPlace(ref rng, 0.85),
            Activity = 0.3 + (0.7 * rng.NextDouble()),
        };
    }

    private static (LatentPosition Position, long EnterpriseId) LatentPositionFor(World world, int seed, long id, int enterprises)
    {
        var rng = new DemoRandom(seed, PositionStream, id);
        var enterpriseId = 1 + rng.Next(enterprises);
        var enterpriseRng = new DemoRandom(seed, EnterpriseStream, enterpriseId);
        var enterprisePlace = world.PickPlace(ref enterpriseRng, 0.8);

        var familyIndex = world.Families.Pick(ref rng);
        var family = Catalogue[familyIndex];
        var occupation = family.Occupations[rng.Next(family.Occupations.Length)];
        var keyCount = Math.Min(occupation.Skills.Length, rng.Between(3, 4));
        var key = PickDistinct(occupation.Skills, keyCount, ref rng)
            .Select(s => (Skill: s, Importance: 0.5 + (0.5 * rng.NextDouble())))
            .ToList();
        if (rng.Chance(0.4))
        {
            var general = family.GeneralSkills[rng.Next(family.GeneralSkills.Length)];
            if (!key.Exists(k => string.Equals(k.Skill, general, StringComparison.Ordinal)))
            {
                key.Add((general, 0.3));
            }
        }
        key.Sort((a, b) => b.Importance.CompareTo(a.Importance));

        var seniority = rng.NextDouble() switch
        {
            < 0.30 => 0,
            < 0.50 => 1,
            < 0.65 => 2,
            < 0.80 => 3,
            < 0.92 => 5,
            _ => 8,
        };
        var budget = family.BasePay * (0.85 + (0.04 * Math.Min(seniority, 10))) * Math.Exp(Normal(ref rng, 0, 0.12));
        var place = enterprisePlace;
        if (rng.Chance(0.2))
        {
            place = world.PickPlaceIn(enterprisePlace[..6], ref rng);
        }
        var position = new LatentPosition
        {
            Family = familyIndex,
            Occupation = occupation.Code,
            KeySkills = [.. key],
            Seniority = seniority,
            Budget = budget,
            Place = place,
        };
        return (position, enterpriseId);
    }

    // ---------------------------------------------------------------- observed

    private static Talent ObserveTalent(World world, ContactProtector protector, int seed, long id, LatentTalent latent)
    {
        var rng = new DemoRandom(seed, ObservationStream, id * 2);
        var family = Catalogue[latent.Family];

        var listedYears = Math.Clamp(latent.Years + (int)Math.Round(Normal(ref rng, 0, 1.5)), 0, 60);
        var occupations = new List<TalentOccupation> { new(world.ObservedCode(latent.Occupations[0], ref rng), listedYears) };
        for (var i = 1; i < latent.Occupations.Length; i++)
        {
            if (rng.Chance(0.6))
            {
                AddOccupation(occupations, world.ObservedCode(latent.Occupations[i], ref rng), rng.Next(listedYears + 1));
            }
        }
        if (rng.Chance(0.05))
        {
            var other = Catalogue[(latent.Family + 1 + rng.Next(Catalogue.Length - 1)) % Catalogue.Length];
            AddOccupation(occupations, other.Occupations[rng.Next(other.Occupations.Length)].Code, rng.Next(3));
        }

        var skills = new List<TalentSkill>();
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (skill, proficiency) in latent.Proficiency.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (rng.Chance(0.35 + (0.6 * proficiency)) && listed.Add(skill))
            {
                var level = Math.Clamp((int)Math.Round(1 + (4 * proficiency) + Normal(ref rng, 0, 0.8)), 1, 5);
                skills.Add(new TalentSkill(world.ObservedSkillName(skill, 0.3, ref rng), level));
            }
        }
        if (rng.Chance(0.25))
        {
            var pool = family.GeneralSkills.Concat(family.Occupations.SelectMany(o => o.Skills)).Distinct(StringComparer.Ordinal).ToArray();
            var claimed = pool[rng.Next(pool.Length)];
            if (!latent.Proficiency.ContainsKey(claimed) && listed.Add(claimed))
            {
                skills.Add(new TalentSkill(world.ObservedSkillName(claimed, 0.3, ref rng), rng.Between(2, 3)));
            }
        }
        // Shuffle so that the listing order says nothing about the latent order.
        for (var i = skills.Count - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (skills[i], skills[j]) = (skills[j], skills[i]);
        }

        int? salaryMin = null;
        int? salaryMax = null;
        if (!rng.Chance(0.15))
        {
            var min = Math.Max(1_500, RoundTo500(latent.ReservationWage * Math.Exp(Normal(ref rng, 0, 0.12))));
            salaryMin = min;
            salaryMax = Math.Max(min, RoundTo500(min * (1.15 + (0.35 * rng.NextDouble()))));
        }

        var county = latent.Home[..6];
        string[] work = rng.Chance(0.2) ? []
            : latent.Mobility < 0.35 ? [county]
            : latent.Mobility < 0.7 ? [county, string.Equals(county, MatchLatentModel.HubCounty, StringComparison.Ordinal)
                ? world.Counties[rng.Next(world.Counties.Length)] : MatchLatentModel.HubCounty]
            : [CityCode];
        work = [.. work.Distinct(StringComparer.Ordinal)];

        var mainCode = latent.Occupations[0];
        var title = ProfessionalTitleLevel.None;
        var skillLevel = SkillLevel.None;
        if (mainCode.StartsWith('2') && latent.Education >= EducationLevel.Associate)
        {
            title = latent.Years switch
            {
                < 2 => ProfessionalTitleLevel.None,
                < 7 => rng.Chance(0.7) ? ProfessionalTitleLevel.Assistant : ProfessionalTitleLevel.None,
                < 15 => rng.Chance(0.7) ? ProfessionalTitleLevel.Intermediate : ProfessionalTitleLevel.Assistant,
                _ => rng.Chance(0.4) ? ProfessionalTitleLevel.AssociateSenior : ProfessionalTitleLevel.Intermediate,
            };
        }
        else if (mainCode[0] is '4' or '6' && rng.Chance(0.6))
        {
            skillLevel = latent.Years switch
            {
                < 2 => SkillLevel.Junior,
                < 7 => SkillLevel.Intermediate,
                < 15 => SkillLevel.Senior,
                _ => SkillLevel.Technician,
            };
        }

        var age = Math.Clamp(EducationEndAge(latent.Education) + latent.Years + rng.Next(4), 18, 62);
        var gender = rng.Chance(family.MaleShare) ? Gender.Male : Gender.Female;
        var createdAt = new DateTimeOffset(ReferenceDate.ToDateTime(new TimeOnly(9, 0)), ChinaOffset).AddMinutes(-rng.Next(700 * 24 * 60));
        var draft = new TalentDraft
        {
            Name = world.PersonName(gender, ReferenceDate.Year - age, ref rng),
            Phone = Phone(id, seed, ref rng),
            BirthYear = ReferenceDate.Year - age,
            Gender = gender,
            Education = latent.Education,
            Major = latent.Education >= EducationLevel.SeniorHigh && family.Majors.Length > 0 ? family.Majors[rng.Next(family.Majors.Length)] : null,
            ResidenceRegionCode = latent.Home,
            WorkRegionCodes = work,
            Occupations = occupations,
            Skills = skills,
            ProfessionalTitle = title,
            SkillLevel = skillLevel,
            ExpectedSalaryMin = salaryMin,
            ExpectedSalaryMax = salaryMax,
            Availability = EngagementModes.FullTime,
            Visibility = TalentVisibility.Public,
            Status = TalentStatus.Seeking,
            ConsentVersion = TalentDraft.CurrentConsentVersion,
        };
        return draft.ToTalent(protector, createdAt) with { Id = id };
    }

    private static void AddOccupation(List<TalentOccupation> occupations, string code, int years)
    {
        if (!occupations.Exists(o => string.Equals(o.Code, code, StringComparison.Ordinal)))
        {
            occupations.Add(new TalentOccupation(code, years));
        }
    }

    private static Position ObservePosition(World world, int seed, long id, long enterpriseId, LatentPosition latent)
    {
        var rng = new DemoRandom(seed, ObservationStream, (id * 2) + 1);
        var family = Catalogue[latent.Family];
        var occupation = family.Occupations.First(o => string.Equals(o.Code, latent.Occupation, StringComparison.Ordinal));
        var title = rng.Chance(0.15)
            ? family.GenericTitles[rng.Next(family.GenericTitles.Length)]
            : occupation.Titles[rng.Next(occupation.Titles.Length)];
        var code = world.ObservedCode(latent.Occupation, ref rng);

        var required = new List<string>();
        var preferred = new List<string>();
        for (var i = 0; i < latent.KeySkills.Length; i++)
        {
            var (skill, importance) = latent.KeySkills[i];
            if (i == 0 || importance >= 0.7)
            {
                if (i == 0 || rng.Chance(0.85))
                {
                    required.Add(world.ObservedSkillName(skill, 0.25, ref rng));
                }
            }
            else if (rng.Chance(0.7))
            {
                preferred.Add(world.ObservedSkillName(skill, 0.25, ref rng));
            }
        }
        if (rng.Chance(0.3))
        {
            var noise = family.GeneralSkills[rng.Next(family.GeneralSkills.Length)];
            if (!Array.Exists(latent.KeySkills, k => string.Equals(k.Skill, noise, StringComparison.Ordinal)))
            {
                preferred.Add(world.ObservedSkillName(noise, 0.25, ref rng));
            }
        }

        var experience = rng.Chance(0.2) ? 0 : Math.Clamp(latent.Seniority + (int)Math.Round(Normal(ref rng, 0, 1)), 0, 50);
        var salaryMin = Math.Max(1_500, RoundTo500(latent.Budget * (0.75 + (0.17 * rng.NextDouble()))));
        var salaryMax = Math.Max(salaryMin + 500, RoundTo500(latent.Budget * (1.05 + (0.25 * rng.NextDouble()))));
        var usual = (int)Math.Round(world.MeanEducation[latent.Family]);
        var minEducation = (EducationLevel)Math.Clamp(usual - 1 - rng.Next(2), 0, 7);
        if (minEducation <= EducationLevel.JuniorHigh)
        {
            minEducation = EducationLevel.None;
        }
        var postedOn = ReferenceDate.AddDays(-rng.Next(61));
        var expiresOn = ReferenceDate.AddDays(rng.Between(14, 90));
        var createdAt = new DateTimeOffset(postedOn.ToDateTime(new TimeOnly(9, 0)), ChinaOffset).AddMinutes(rng.Next(480));
        var headcount = rng.NextDouble() switch
        {
            < 0.5 => 1,
            < 0.8 => 2,
            _ => rng.Between(3, 5),
        };
        var place = world.PlaceName(latent.Place);
        var skillsText = string.Join("、", required.Concat(preferred));
        var description = string.Create(Invariant,
            $"招聘{title}{headcount}名。{(experience == 0 ? "经验不限" : $"{experience}年以上相关工作经验")}，熟悉{skillsText}。工作地点：{place}。");

        return new Position
        {
            Id = id,
            EnterpriseId = enterpriseId,
            Title = title,
            OccupationCode = code,
            RegionCode = latent.Place,
            Headcount = headcount,
            SalaryMin = salaryMin,
            SalaryMax = salaryMax,
            MonthsPerYear = rng.Chance(0.8) ? 12 : 13,
            MinEducation = minEducation,
            MinExperienceYears = experience,
            RequiredSkills = required,
            PreferredSkills = preferred,
            RequirementsMandatory = false,
            EngagementMode = EngagementModes.FullTime,
            Urgent = rng.Chance(0.1),
            Status = PositionStatus.Open,
            PostedOn = postedOn,
            ExpiresOn = expiresOn,
            Description = description,
            CreatedAt = createdAt,
            UpdatedAt = createdAt,
        };
    }

    // ---------------------------------------------------------------- outcomes

    private static List<MatchOutcome> SimulateOutcomes(MatchLatentModel model, int seed)
    {
        var outcomes = new List<MatchOutcome>();
        for (var t = 0; t < model.Talents.Length; t++)
        {
            var talent = model.Talents[t];
            long talentId = t + 1;
            for (var p = 0; p < model.Positions.Length; p++)
            {
                var position = model.Positions[p];
                long positionId = p + 1;
                var rng = new DemoRandom(seed, PairStream, (talentId << 32) | positionId);
                var employer = model.EmployerUtility(talent, position) + Normal(ref rng, 0, MatchLatentModel.PairNoise);
                var person = model.TalentUtility(talent, position) + Normal(ref rng, 0, MatchLatentModel.PairNoise);
                MatchOutcomeKind? kind = null;
                if (employer > MatchLatentModel.AgreementEmployer && person > MatchLatentModel.AgreementTalent && rng.Chance(MatchLatentModel.AgreementChance))
                {
                    kind = MatchOutcomeKind.Agreement;
                }
                else if (employer > MatchLatentModel.InvitationEmployer && person > MatchLatentModel.InvitationTalent && rng.Chance(MatchLatentModel.InvitationChance))
                {
                    kind = MatchOutcomeKind.InvitationAccepted;
                }
                else if (person > MatchLatentModel.ApplicationTalent && rng.Chance(MatchLatentModel.ApplicationChance * talent.Activity))
                {
                    kind = MatchOutcomeKind.Application;
                }
                if (kind is not { } k)
                {
                    continue;
                }
                if (k != MatchOutcomeKind.Application && rng.Chance(0.5))
                {
                    outcomes.Add(new MatchOutcome(talentId, positionId, MatchOutcomeKind.Application));
                }
                outcomes.Add(new MatchOutcome(talentId, positionId, k));
            }
        }
        return outcomes;
    }

    // ----------------------------------------------------------------- helpers

    private static double Normal(ref DemoRandom rng, double mean, double sd)
    {
        var u1 = 1 - rng.NextDouble();
        var u2 = rng.NextDouble();
        return mean + (sd * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
    }

    private static int RoundTo500(double value) => (int)Math.Round(value / 500, MidpointRounding.AwayFromZero) * 500;

    private static string[] PickDistinct(string[] items, int count, ref DemoRandom rng)
    {
        var order = items.ToArray();
        count = Math.Min(count, order.Length);
        for (var i = 0; i < count; i++)
        {
            var j = i + rng.Next(order.Length - i);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order[..count];
    }

    private static int EducationEndAge(EducationLevel education) => education switch
    {
        <= EducationLevel.JuniorHigh => 16,
        EducationLevel.SeniorHigh => 19,
        EducationLevel.Associate => 21,
        EducationLevel.Bachelor => 22,
        EducationLevel.Master => 25,
        _ => 28,
    };

    /// <summary>An 11-digit mobile number unique per id below 10^8: a real prefix and an affine permutation of the id.</summary>
    private static string Phone(long id, int seed, ref DemoRandom rng)
    {
        var prefix = DemoVocabulary.MobilePrefixes[rng.Next(DemoVocabulary.MobilePrefixes.Length)];
        var suffix = ((id * 48_271L) + (seed & 0xFFFF)) % 100_000_000;
        return prefix + suffix.ToString("D8", Invariant);
    }

    // ----------------------------------------------------------------- catalogue

    private sealed record FamilyOccupation(string Code, string[] Titles, string[] Skills);

    private sealed record Family(
        string Key,
        double Weight,
        double BasePay,
        FamilyOccupation[] Occupations,
        string[] GeneralSkills,
        string[] GenericTitles)
    {
        /// <summary>The demo generator's family of the same key: education, majors and gender shares.</summary>
        public JobFamily Demo => DemoVocabulary.Families.First(f => string.Equals(f.Key, DemoKey, StringComparison.Ordinal));

        public string DemoKey => Key == "care" ? "health" : Key;

        public double MaleShare => Demo.MaleShare;

        public string[] Majors => Demo.Majors;
    }

    /// <summary>The generator's job families, occupations and skills (canonical <see cref="SkillVocabulary"/> names).</summary>
    private static readonly Family[] Catalogue =
    [
        new("manufacturing", 30, 6_000,
        [
            new("6-18-01-01", ["车工", "数控车工", "普车师傅"], ["数控车床", "车床", "数控编程", "识图", "计量测量"]),
            new("6-18-01-02", ["铣工", "数控铣工", "加工中心操作工"], ["铣床", "加工中心", "数控编程", "识图", "计量测量"]),
            new("6-18-01-07", ["CNC操作员", "数控机床调试工"], ["CNC", "加工中心", "数控编程", "设备调试", "识图"]),
            new("6-18-02-04", ["焊工", "电焊工", "氩弧焊工"], ["焊接", "氩弧焊", "二保焊", "钣金", "识图"]),
            new("6-31-01-02", ["机修钳工", "设备维修工"], ["钳工", "设备维修", "装配", "识图", "电工"]),
            new("6-31-01-03", ["电工", "维修电工", "设备电工"], ["电工", "低压电工证", "电气安装", "设备维修"]),
            new("6-31-03-05", ["质检员", "品检员", "QC检验员"], ["质检", "计量测量", "质量管理", "ISO体系", "识图"]),
        ],
        ["精益生产", "装配", "叉车", "包装", "工业机器人"],
        ["普工", "操作工", "技术工人"]),
        new("it", 10, 11_000,
        [
            new("2-02-10-03", ["Java开发工程师", "软件工程师", "后端开发工程师"], ["Java", "Spring Boot", "MySQL", "Linux", "Redis", "微服务"]),
            new("2-02-10-04", ["网络工程师", "网络管理员"], ["网络工程", "华为认证", "Linux", "网络安全", "电脑维护"]),
            new("2-02-10-08", ["运维工程师", "IT运维工程师"], ["运维", "Linux", "Shell脚本", "Docker", "MySQL"]),
            new("2-02-38-03", ["大数据工程师", "数据分析师"], ["Python", "SQL", "数据分析", "Spark", "Hive", "机器学习"]),
        ],
        ["Git", "SQL", "Python", "JavaScript", "前端开发"],
        ["IT工程师", "技术员"]),
        new("sales", 20, 6_500,
        [
            new("4-01-02-01", ["销售代表", "业务员", "销售专员", "客户经理"], ["销售", "商务谈判", "客户维护", "商务拓展", "CRM"]),
            new("4-01-02-03", ["导购", "营业员", "门店店员"], ["销售", "陈列", "门店管理", "客户维护"]),
            new("4-01-06-01", ["电商运营", "网店运营专员", "淘宝运营"], ["电商运营", "数据分析", "电商客服", "电商美工", "用户运营"]),
            new("4-01-06-02", ["直播带货主播", "短视频运营", "互联网营销师"], ["直播带货", "短视频运营", "直播运营", "新媒体运营"]),
        ],
        ["客户服务", "市场营销", "Excel", "电话销售"],
        ["销售", "业务员"]),
        new("office", 15, 6_000,
        [
            new("2-06-03-00", ["会计", "出纳", "财务专员", "成本会计"], ["会计", "财务核算", "出纳", "税务申报", "用友", "金蝶"]),
            new("3-01-02-02", ["行政专员", "文员", "办公室文员", "行政助理"], ["行政管理", "文秘", "档案管理", "Office办公软件"]),
            new("3-01-02-08", ["后勤主管", "行政后勤专员"], ["行政管理", "采购", "档案管理", "Office办公软件"]),
            new("2-06-08-01", ["人事专员", "招聘专员", "HR专员"], ["人力资源", "招聘管理", "薪酬核算", "培训管理"]),
        ],
        ["Excel", "Word", "Office办公软件", "计算机基础"],
        ["文员", "办公室职员"]),
        new("care", 13, 6_000,
        [
            new("2-05-08-01", ["护士", "内科护士"], ["护理", "急救", "健康管理"]),
            new("2-05-08-03", ["急诊护士", "护士"], ["护理", "急救", "心理咨询"]),
            new("2-05-08-04", ["外科护士", "手术室护士"], ["护理", "急救", "康复治疗"]),
            new("4-10-01-05", ["养老护理员", "护工"], ["养老护理", "康复治疗", "健康管理"]),
            new("4-14-01-02", ["医疗护理员", "陪护"], ["养老护理", "护理", "急救"]),
        ],
        ["心理咨询", "推拿按摩", "健康管理", "康复治疗"],
        ["护理员"]),
        new("logistics", 12, 6_500,
        [
            new("4-02-02-02", ["货车司机", "货运司机", "司机"], ["货车驾驶", "A2驾照", "B2驾照", "驾驶"]),
            new("4-02-06-01", ["仓管员", "仓库管理员", "库管"], ["仓储管理", "叉车", "物流", "Excel", "ERP"]),
            new("4-02-07-08", ["快递员", "配送员", "快递派送员"], ["配送", "C1驾照", "驾驶"]),
            new("4-02-06-05", ["供应链专员", "物流专员", "采购专员"], ["供应链管理", "采购", "物流", "跟单", "ERP"]),
        ],
        ["叉车", "驾驶", "Excel", "物流"],
        ["物流专员", "司机"]),
    ];

    /// <summary>Other names candidates post or list a skill under; kept only where the vocabulary maps them back.</summary>
    private static readonly Dictionary<string, string[]> SynonymCandidates = new(StringComparer.Ordinal)
    {
        ["数控车床"] = ["数控车", "CNC车床", "数控车工"],
        ["车床"] = ["普车", "车工"],
        ["数控编程"] = ["CNC编程", "数控编程技术", "Mastercam"],
        ["识图"] = ["看图纸", "机械识图", "识图能力"],
        ["计量测量"] = ["测量", "三坐标", "游标卡尺"],
        ["铣床"] = ["铣工", "数控铣"],
        ["加工中心"] = ["CNC加工中心", "立式加工中心"],
        ["CNC"] = ["CNC加工", "数控加工"],
        ["设备调试"] = ["调试", "设备安装调试"],
        ["焊接"] = ["电焊", "焊工", "电焊工"],
        ["氩弧焊"] = ["氩弧焊工", "TIG焊"],
        ["二保焊"] = ["二氧化碳保护焊", "CO2焊", "气保焊"],
        ["钣金"] = ["钣金加工", "折弯"],
        ["钳工"] = ["机修钳工", "装配钳工"],
        ["设备维修"] = ["设备维护", "机修", "设备保养"],
        ["装配"] = ["组装", "机械装配"],
        ["电工"] = ["维修电工", "电气维修"],
        ["低压电工证"] = ["低压电工", "低压电工作业"],
        ["电气安装"] = ["电气接线", "配电柜"],
        ["质检"] = ["品检", "质量检验", "QC"],
        ["质量管理"] = ["品质管理", "质量控制"],
        ["ISO体系"] = ["ISO9001", "IATF16949"],
        ["精益生产"] = ["6S", "现场管理"],
        ["叉车"] = ["叉车证", "叉车驾驶", "叉车司机"],
        ["包装"] = ["打包", "包装工"],
        ["工业机器人"] = ["机器人调试", "机器人编程"],
        ["Java"] = ["Java开发", "Java语言"],
        ["Spring Boot"] = ["SpringBoot"],
        ["MySQL"] = ["MySQL数据库"],
        ["Linux"] = ["Linux系统", "CentOS"],
        ["Redis"] = ["Redis缓存"],
        ["微服务"] = ["微服务架构", "Dubbo"],
        ["运维"] = ["系统运维", "IT运维"],
        ["Shell脚本"] = ["Shell", "Shell编程"],
        ["Docker"] = ["容器化"],
        ["网络工程"] = ["网络管理", "网络维护", "路由交换"],
        ["华为认证"] = ["HCIA", "HCIP"],
        ["网络安全"] = ["信息安全", "渗透测试"],
        ["电脑维护"] = ["网管", "计算机维护"],
        ["Python"] = ["Python开发", "Python3"],
        ["SQL"] = ["SQL语句"],
        ["数据分析"] = ["数据统计", "统计分析"],
        ["Spark"] = ["PySpark"],
        ["Hive"] = ["Hive SQL"],
        ["机器学习"] = ["sklearn"],
        ["Git"] = ["GitLab", "版本控制"],
        ["JavaScript"] = ["JS", "ES6"],
        ["前端开发"] = ["Web前端", "前端"],
        ["销售"] = ["营销", "销售技巧"],
        ["商务谈判"] = ["谈判", "谈判技巧"],
        ["客户维护"] = ["客情维护", "老客户维护"],
        ["商务拓展"] = ["市场开拓", "业务拓展"],
        ["CRM"] = ["CRM系统", "客户关系管理"],
        ["市场营销"] = ["营销策划", "市场推广"],
        ["陈列"] = ["商品陈列", "陈列员"],
        ["门店管理"] = ["门店运营", "店铺管理"],
        ["电商运营"] = ["网店运营", "店铺运营", "淘宝运营"],
        ["电商客服"] = ["淘宝客服", "网店客服"],
        ["电商美工"] = ["美工", "淘宝美工"],
        ["用户运营"] = ["会员运营", "用户增长"],
        ["直播带货"] = ["带货", "主播", "直播销售"],
        ["短视频运营"] = ["短视频", "抖音运营"],
        ["直播运营"] = ["直播间运营", "场控"],
        ["新媒体运营"] = ["新媒体", "公众号运营"],
        ["客户服务"] = ["客服", "在线客服"],
        ["Excel"] = ["Excel表格", "数据透视表"],
        ["电话销售"] = ["电销", "电话营销"],
        ["会计"] = ["会计核算", "账务处理", "做账"],
        ["财务核算"] = ["核算", "往来核算"],
        ["出纳"] = ["出纳员", "银行对账"],
        ["税务申报"] = ["纳税申报", "报税"],
        ["用友"] = ["用友U8", "用友软件"],
        ["金蝶"] = ["金蝶K3", "金蝶软件"],
        ["行政管理"] = ["行政", "行政事务", "后勤管理"],
        ["文秘"] = ["秘书", "公文写作"],
        ["档案管理"] = ["文档管理", "资料管理"],
        ["Office办公软件"] = ["办公软件", "Office"],
        ["人力资源"] = ["人事", "人力资源管理"],
        ["招聘管理"] = ["人才招聘", "招聘工作"],
        ["薪酬核算"] = ["工资核算", "薪资核算"],
        ["培训管理"] = ["员工培训", "企业培训"],
        ["采购"] = ["采购管理", "供应商管理"],
        ["Word"] = ["Word文档"],
        ["计算机基础"] = ["电脑操作"],
        ["护理"] = ["临床护理", "护理工作"],
        ["急救"] = ["心肺复苏"],
        ["健康管理"] = ["健康管理师", "慢病管理"],
        ["养老护理"] = ["老年护理", "护工", "陪护"],
        ["康复治疗"] = ["康复", "康复训练"],
        ["心理咨询"] = ["心理咨询师", "心理健康"],
        ["推拿按摩"] = ["按摩", "推拿"],
        ["货车驾驶"] = ["货车司机", "开货车"],
        ["A2驾照"] = ["A2驾驶证", "A2证"],
        ["B2驾照"] = ["B2驾驶证", "B2证"],
        ["C1驾照"] = ["C1驾驶证", "C1证"],
        ["驾驶"] = ["驾驶证", "驾照"],
        ["仓储管理"] = ["仓库管理", "仓管", "库存管理"],
        ["物流"] = ["物流管理", "物流运输"],
        ["ERP"] = ["ERP系统", "ERP操作"],
        ["配送"] = ["送货", "快递配送", "派送"],
        ["供应链管理"] = ["供应链"],
        ["跟单"] = ["跟单员", "订单跟进"],
    };

    /// <summary>The catalogue resolved against the reference data and vocabulary, and the city's places.</summary>
    private sealed class World
    {
        private readonly Dictionary<string, string[]> _synonyms;
        private readonly Dictionary<string, string[]> _neighbours;
        private readonly Dictionary<string, string?> _smallGroup;
        private readonly Weighted<string> _counties;
        private readonly Dictionary<string, Weighted<string>> _townships;
        private readonly Dictionary<string, string> _placeNames;
        private readonly Weighted<string> _surnames;

        private World(
            Weighted<int> families,
            Weighted<EducationLevel>[] education,
            double[] meanEducation,
            Dictionary<string, (int Family, string Parent)> occupationIndex,
            Dictionary<string, string[]> synonyms,
            Dictionary<string, string[]> neighbours,
            Dictionary<string, string?> smallGroup,
            Weighted<string> counties,
            string[] countyCodes,
            Dictionary<string, Weighted<string>> townships,
            Dictionary<string, string> placeNames)
        {
            Families = families;
            Education = education;
            MeanEducation = meanEducation;
            OccupationIndex = occupationIndex;
            _synonyms = synonyms;
            _neighbours = neighbours;
            _smallGroup = smallGroup;
            _counties = counties;
            Counties = countyCodes;
            _townships = townships;
            _placeNames = placeNames;
            _surnames = new Weighted<string>(DemoVocabulary.Surnames.Select(s => (s.Surname, s.Weight)));
        }

        /// <summary>Indexes into <see cref="Catalogue"/>, weighted.</summary>
        public Weighted<int> Families { get; }

        public Weighted<EducationLevel>[] Education { get; }

        public double[] MeanEducation { get; }

        /// <summary>Every catalogue occupation: its family and its 小类 (the parent code).</summary>
        public Dictionary<string, (int Family, string Parent)> OccupationIndex { get; }

        public string[] Counties { get; }

        public static World Build(ReferenceData reference)
        {
            var vocabulary = SkillVocabulary.Load();
            var occupationIndex = new Dictionary<string, (int, string)>(StringComparer.Ordinal);
            var neighbours = new Dictionary<string, string[]>(StringComparer.Ordinal);
            var smallGroup = new Dictionary<string, string?>(StringComparer.Ordinal);
            var synonyms = new Dictionary<string, string[]>(StringComparer.Ordinal);
            for (var f = 0; f < Catalogue.Length; f++)
            {
                foreach (var occupation in Catalogue[f].Occupations)
                {
                    var entry = reference.Occupations.Find(occupation.Code);
                    if (entry is not { Level: 4 } || entry.ParentCode is null)
                    {
                        throw new ArgumentException($"The reference data lacks the occupation {occupation.Code}.", nameof(reference));
                    }
                    var parent = reference.Occupations.Find(entry.ParentCode);
                    occupationIndex[occupation.Code] = (f, entry.ParentCode);
                    smallGroup[occupation.Code] = parent is { Level: 3 } ? parent.Code : null;
                    neighbours[occupation.Code] = parent is { Level: 3 }
                        ? [.. reference.Occupations.Children(parent.Code)
                            .Where(c => c.Level == 4 && !string.Equals(c.Code, occupation.Code, StringComparison.Ordinal) && !c.Name.StartsWith("其他", StringComparison.Ordinal))
                            .Select(c => c.Code)
                            .Order(StringComparer.Ordinal)]
                        : [];
                }
                foreach (var skill in Catalogue[f].GeneralSkills.Concat(Catalogue[f].Occupations.SelectMany(o => o.Skills)))
                {
                    if (synonyms.ContainsKey(skill))
                    {
                        continue;
                    }
                    var canonical = vocabulary.Find(skill);
                    if (canonical is null || !string.Equals(canonical.Name, skill, StringComparison.Ordinal))
                    {
                        throw new InvalidOperationException($"The generator's skill '{skill}' is not a canonical skill name of the vocabulary.");
                    }
                    synonyms[skill] = [.. SynonymCandidates.GetValueOrDefault(skill, [])
                        .Where(s => string.Equals(vocabulary.Find(s)?.Id, canonical.Id, StringComparison.Ordinal))];
                }
            }

            var education = new Weighted<EducationLevel>[Catalogue.Length];
            var meanEducation = new double[Catalogue.Length];
            for (var f = 0; f < Catalogue.Length; f++)
            {
                var weights = Catalogue[f].Demo.Education;
                education[f] = new Weighted<EducationLevel>(weights.Select((w, i) => ((EducationLevel)i, w)));
                meanEducation[f] = weights.Select((w, i) => w * i).Sum() / weights.Sum();
            }

            if (reference.Regions.Find(CityCode) is null)
            {
                throw new ArgumentException($"The reference data lacks the city {CityCode}.", nameof(reference));
            }
            var counties = reference.Regions.Children(CityCode)
                .Where(c => c.Level == RegionLevel.County && c.Code[4] != '7' && !c.Name.Contains("开发区", StringComparison.Ordinal) && c.Name != "市辖区")
                .OrderBy(c => c.Code, StringComparer.Ordinal)
                .ToList();
            var placeNames = new Dictionary<string, string>(StringComparer.Ordinal);
            var townships = new Dictionary<string, Weighted<string>>(StringComparer.Ordinal);
            foreach (var county in counties)
            {
                placeNames[county.Code] = county.Name;
                var towns = reference.Regions.Children(county.Code).Where(t => t.Level == RegionLevel.Township).ToList();
                foreach (var town in towns)
                {
                    placeNames[town.Code] = county.Name + town.Name;
                }
                if (towns.Count > 0)
                {
                    townships[county.Code] = new Weighted<string>(towns
                        .OrderBy(t => t.Code, StringComparer.Ordinal)
                        .Select(t => (t.Code, t.Name.EndsWith("街道", StringComparison.Ordinal) ? 3.0 : t.Name.EndsWith('镇') ? 2.0 : 1.0)));
                }
            }
            var countyWeights = new Weighted<string>(counties.Select(c =>
                (c.Code, DemoVocabulary.LishuiCounties.FirstOrDefault(w => string.Equals(w.County, c.Code, StringComparison.Ordinal)).Weight is > 0 and var w ? w : 1.0)));

            return new World(
                new Weighted<int>(Catalogue.Select((f, i) => (i, f.Weight))),
                education,
                meanEducation,
                occupationIndex,
                synonyms,
                neighbours,
                smallGroup,
                countyWeights,
                [.. counties.Select(c => c.Code)],
                townships,
                placeNames);
        }

        /// <summary>A county weighted by size, and with probability <paramref name="townshipChance"/> one of its townships.</summary>
        public string PickPlace(ref DemoRandom rng, double townshipChance)
        {
            var county = _counties.Pick(ref rng);
            return rng.Chance(townshipChance) && _townships.TryGetValue(county, out var towns) ? towns.Pick(ref rng) : county;
        }

        /// <summary>A township of <paramref name="county"/> (the county itself when it has none).</summary>
        public string PickPlaceIn(string county, ref DemoRandom rng) =>
            _townships.TryGetValue(county, out var towns) ? towns.Pick(ref rng) : county;

        public string PlaceName(string code) => _placeNames.GetValueOrDefault(code, code);

        /// <summary>The code as posted: itself (0.7), a neighbouring 细类 of its 小类 (0.15) or the 小类 (0.15).</summary>
        public string ObservedCode(string code, ref DemoRandom rng)
        {
            var x = rng.NextDouble();
            if (x < 0.7)
            {
                return code;
            }
            if (x < 0.85)
            {
                var neighbours = _neighbours[code];
                return neighbours.Length == 0 ? code : neighbours[rng.Next(neighbours.Length)];
            }
            return _smallGroup[code] ?? code;
        }

        /// <summary>The canonical name, or with probability <paramref name="synonymChance"/> one of its synonyms.</summary>
        public string ObservedSkillName(string skill, double synonymChance, ref DemoRandom rng)
        {
            var synonyms = _synonyms[skill];
            return synonyms.Length > 0 && rng.Chance(synonymChance) ? synonyms[rng.Next(synonyms.Length)] : skill;
        }

        public string PersonName(Gender gender, int birthYear, ref DemoRandom rng)
        {
            var older = birthYear < 1985;
            var pool = gender == Gender.Male
                ? older ? DemoVocabulary.MaleOlder : DemoVocabulary.MaleYounger
                : older ? DemoVocabulary.FemaleOlder : DemoVocabulary.FemaleYounger;
            var name = _surnames.Pick(ref rng) + pool[rng.Next(pool.Length)];
            return name.Length < 3 && rng.Chance(0.6) ? name + pool[rng.Next(pool.Length)] : name;
        }
    }
}
