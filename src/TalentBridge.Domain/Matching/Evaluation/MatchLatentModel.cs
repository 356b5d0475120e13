namespace TalentBridge.Domain.Matching.Evaluation;

/// <summary>A generated person's hidden truth (see <see cref="MatchEvaluationSetGenerator"/>).</summary>
internal sealed class LatentTalent
{
    public required int Family { get; init; }
    /// <summary>True occupations (细类 codes of the generator's table), the main one first; one or two.</summary>
    public required string[] Occupations { get; init; }
    /// <summary>True proficiency 0..1 per canonical skill name; a skill not listed is 0.</summary>
    public required Dictionary<string, double> Proficiency { get; init; }
    public required int Years { get; init; }
    public required EducationLevel Education { get; init; }
    /// <summary>The lowest monthly pay (yuan) at which the person is indifferent to a job.</summary>
    public required double ReservationWage { get; init; }
    /// <summary>Willingness to commute or relocate, 0 (only next door) to 1 (anywhere in the city).</summary>
    public required double Mobility { get; init; }
    /// <summary>Where the person lives: a county (6 digits) or township (9 digits) code.</summary>
    public required string Home { get; init; }
    /// <summary>How actively the person applies, 0.3..1.</summary>
    public required double Activity { get; init; }
}

/// <summary>A generated position's hidden truth (see <see cref="MatchEvaluationSetGenerator"/>).</summary>
internal sealed class LatentPosition
{
    public required int Family { get; init; }
    /// <summary>The occupation really needed (a 细类 code of the generator's table).</summary>
    public required string Occupation { get; init; }
    /// <summary>The key skills (canonical names) with their importance 0..1, most important first.</summary>
    public required (string Skill, double Importance)[] KeySkills { get; init; }
    /// <summary>Years of experience the job really needs.</summary>
    public required int Seniority { get; init; }
    /// <summary>The monthly pay (yuan) the enterprise is really prepared to pay.</summary>
    public required double Budget { get; init; }
    /// <summary>The place of work: a county or township code.</summary>
    public required string Place { get; init; }
}

/// <summary>
/// The hidden model of a generated <see cref="MatchEvaluationSet"/>: latent people and jobs, the two
/// latent utilities of a pair and the thresholds the outcome simulation applies. Shared by the generator
/// and the tests' oracle; never read by anything under evaluation.
/// </summary>
internal sealed class MatchLatentModel
{
    // Employer utility: weights of occupation fit, skill fit and seniority fit.
    public const double EmployerOccupationWeight = 0.40;
    public const double EmployerSkillWeight = 0.40;
    public const double EmployerSeniorityWeight = 0.20;

    // Talent utility: occupation interest, a constant, pay surplus (clamped) and distance.
    public const double TalentOccupationWeight = 0.50;
    public const double TalentBase = 0.20;
    public const double TalentPayWeight = 0.60;
    public const double PayFloor = -0.5;
    public const double PayCeiling = 0.4;
    public const double DistancePenalty = 0.08;

    /// <summary>Standard deviation of each side's idiosyncratic, pair-specific taste (hidden noise).</summary>
    public const double PairNoise = 0.08;

    // Outcome simulation, tried in this order; the first that fires is the pair's outcome.
    public const double AgreementEmployer = 0.74;
    public const double AgreementTalent = 0.62;
    public const double AgreementChance = 0.12;
    public const double InvitationEmployer = 0.60;
    public const double InvitationTalent = 0.50;
    public const double InvitationChance = 0.15;
    public const double ApplicationTalent = 0.58;
    public const double ApplicationChance = 0.25;

    /// <summary>The county that holds the city seat (莲都区): every other county is one step closer to it than to each other.</summary>
    public const string HubCounty = "331102";

    private readonly Dictionary<string, (int Family, string Parent)> _occupations;

    public MatchLatentModel(LatentTalent[] talents, LatentPosition[] positions, Dictionary<string, (int Family, string Parent)> occupations)
    {
        Talents = talents;
        Positions = positions;
        _occupations = occupations;
    }

    /// <summary>Latent talents; the talent with id i is at index i − 1.</summary>
    public LatentTalent[] Talents { get; }

    /// <summary>Latent positions; the position with id i is at index i − 1.</summary>
    public LatentPosition[] Positions { get; }

    /// <summary>1 for the same occupation, 0.5 for one of the same 小类, 0.15 for the same family, else 0.</summary>
    public double OccupationAffinity(string a, string b)
    {
        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return 1;
        }
        var (familyA, parentA) = _occupations[a];
        var (familyB, parentB) = _occupations[b];
        return string.Equals(parentA, parentB, StringComparison.Ordinal) ? 0.5 : familyA == familyB ? 0.15 : 0;
    }

    /// <summary>How well the person's true occupations fit the job: the main one fully, a second one at 0.8.</summary>
    public double OccupationFit(LatentTalent talent, LatentPosition position)
    {
        var fit = OccupationAffinity(talent.Occupations[0], position.Occupation);
        for (var i = 1; i < talent.Occupations.Length; i++)
        {
            fit = Math.Max(fit, 0.8 * OccupationAffinity(talent.Occupations[i], position.Occupation));
        }
        return fit;
    }

    /// <summary>Importance-weighted mean of the person's true proficiency in the job's key skills.</summary>
    public static double SkillFit(LatentTalent talent, LatentPosition position)
    {
        var sum = 0.0;
        var weight = 0.0;
        foreach (var (skill, importance) in position.KeySkills)
        {
            weight += importance;
            sum += importance * talent.Proficiency.GetValueOrDefault(skill);
        }
        return weight == 0 ? 0 : sum / weight;
    }

    /// <summary>1 with enough experience, minus 0.25 per missing year.</summary>
    public static double SeniorityFit(LatentTalent talent, LatentPosition position) =>
        talent.Years >= position.Seniority ? 1 : Math.Max(0, 1 - (0.25 * (position.Seniority - talent.Years)));

    /// <summary>0 same township, 1 same county, 2 to or from the city seat's county, 3 between two other counties.</summary>
    public static int Distance(string a, string b)
    {
        if (string.Equals(a, b, StringComparison.Ordinal) && a.Length > 6)
        {
            return 0;
        }
        var countyA = a[..6];
        var countyB = b[..6];
        if (string.Equals(countyA, countyB, StringComparison.Ordinal))
        {
            return 1;
        }
        return string.Equals(countyA, HubCounty, StringComparison.Ordinal) || string.Equals(countyB, HubCounty, StringComparison.Ordinal) ? 2 : 3;
    }

    /// <summary>The employer's utility of hiring the person, without the pair noise.</summary>
    public double EmployerUtility(LatentTalent talent, LatentPosition position) =>
        (EmployerOccupationWeight * OccupationFit(talent, position))
        + (EmployerSkillWeight * SkillFit(talent, position))
        + (EmployerSeniorityWeight * SeniorityFit(talent, position));

    /// <summary>The person's utility of taking the job, without the pair noise.</summary>
    public double TalentUtility(LatentTalent talent, LatentPosition position)
    {
        var surplus = (position.Budget - talent.ReservationWage) / talent.ReservationWage;
        return (TalentOccupationWeight * OccupationFit(talent, position))
            + TalentBase
            + (TalentPayWeight * Math.Clamp(surplus, PayFloor, PayCeiling))
            - (DistancePenalty * Distance(talent.Home, position.Place) * (1 - talent.Mobility));
    }

    /// <summary>
    /// The expected relevance grade of a pair under the outcome simulation, from the latent utilities
    /// (the pair noise integrated out, the three steps treated as independent): the hidden ground truth
    /// that an ideal engine would rank by. Tests only.
    /// </summary>
    public double ExpectedRelevance(long talentId, long positionId)
    {
        var talent = Talents[talentId - 1];
        var position = Positions[positionId - 1];
        var employer = EmployerUtility(talent, position);
        var person = TalentUtility(talent, position);
        var agreement = AgreementChance * Above(employer, AgreementEmployer) * Above(person, AgreementTalent);
        var invitation = InvitationChance * Above(employer, InvitationEmployer) * Above(person, InvitationTalent);
        var application = ApplicationChance * talent.Activity * Above(person, ApplicationTalent);
        return (3 * agreement) + ((1 - agreement) * ((2 * invitation) + ((1 - invitation) * application)));
    }

    /// <summary>P(utility + noise &gt; threshold) for normal noise with <see cref="PairNoise"/>.</summary>
    private static double Above(double utility, double threshold) => NormalCdf((utility - threshold) / PairNoise);

    /// <summary>Standard normal CDF (Abramowitz and Stegun 26.2.17, error below 7.5e-8).</summary>
    internal static double NormalCdf(double x)
    {
        var t = 1 / (1 + (0.2316419 * Math.Abs(x)));
        var density = Math.Exp(-x * x / 2) / Math.Sqrt(2 * Math.PI);
        var tail = density * t * (0.319381530 + (t * (-0.356563782 + (t * (1.781477937 + (t * (-1.821255978 + (t * 1.330274429))))))));
        return x >= 0 ? 1 - tail : tail;
    }
}
