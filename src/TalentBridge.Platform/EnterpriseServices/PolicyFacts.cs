using Dapper;
using TalentBridge.Domain;
using TalentBridge.Domain.EnterpriseServices;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.EnterpriseServices;

/// <summary>An enterprise as policy matching names it, with the facts the platform knows about it for a period.</summary>
public sealed record EnterpriseFactsRow(long Id, string Name, string RegionCode, EnterpriseFacts Facts);

/// <summary>
/// The facts policy matching reads, computed from the database for a period and for one enterprise or every enterprise
/// of a region's subtree: one query per family (the enterprises; the agreements signed in the period with the hired
/// talents' education and birth year; the positions posted in the period), never one per enterprise.
/// <para>
/// The platform does not record when a talent graduated. It estimates it from what talents store: a talent with a
/// 大专 or higher education graduated at the usual age for that level (大专 21, 本科 22, 硕士 25, 博士 28). A hire is of a
/// 毕业年度高校毕业生 when the talent's age in the signing year (signing year − birth year) is that age or one less, and
/// of a graduate 离校2年内 when it is one or two years more. Facts the platform cannot know — registered unemployment
/// (16–24岁登记失业青年), 就业困难人员, months of social insurance paid — stay missing, so a policy needing them is
/// undetermined, never assumed.
/// </para>
/// </summary>
public sealed class PolicyFacts(Database db, ReferenceData reference)
{
    /// <summary>The usual age at graduation for an education level; null below 大专.</summary>
    public static int? GraduationAge(EducationLevel education) => education switch
    {
        EducationLevel.Associate => 21,
        EducationLevel.Bachelor => 22,
        EducationLevel.Master => 25,
        EducationLevel.Doctorate => 28,
        _ => null,
    };

    /// <summary>How a hire counts: a graduate of the signing year, one who left within two years, or neither.</summary>
    public static (bool OfTheYear, bool WithinTwoYears) Graduate(EducationLevel education, int birthYear, int signingYear)
    {
        if (GraduationAge(education) is not { } usual)
        {
            return (false, false);
        }
        var age = signingYear - birthYear;
        return (age == usual || age == usual - 1, age > usual && age <= usual + 2);
    }

    /// <summary>The facts of one enterprise, or of every enterprise in <paramref name="region"/>'s subtree, for <paramref name="period"/>.</summary>
    public async Task<IReadOnlyList<EnterpriseFactsRow>> ForAsync(long? enterpriseId, string? region, Period period, CancellationToken ct)
    {
        var (lo, hi) = region is null ? ("", "") : RegionCatalogue.SubtreeRange(region);
        var filter = enterpriseId is not null ? "e.id = @enterpriseId" : region is not null ? "e.region_code BETWEEN @lo AND @hi" : "1 = 1";
        // The period's ends as instants: China midnight of its first day and of the day after its last.
        var from = new DateTimeOffset(period.From.ToDateTime(TimeOnly.MinValue), ChinaTime.Offset).ToUniversalTime();
        var until = new DateTimeOffset(period.To.AddDays(1).ToDateTime(TimeOnly.MinValue), ChinaTime.Offset).ToUniversalTime();
        var args = new { enterpriseId, lo, hi, from, until, fromDay = period.From, toDay = period.To };
        await using var c = await db.OpenAsync(ct);

        var rows = new Dictionary<long, EnterpriseFactsRow>();
        await using (var r = await c.ExecuteReaderAsync(
            $"SELECT e.id, e.name, e.region_code, e.industry_code, e.size_class, e.tier FROM enterprises e WHERE {filter} ORDER BY e.id", args))
        {
            while (await r.ReadAsync(ct))
            {
                var region12 = r.GetString(2);
                var facts = new EnterpriseFacts { RegionCode = region12, IndustrySection = ServiceScope.Section(reference, r.GetString(3)) }
                    .With(Fact.SizeClass, r.Int(4)).With(Fact.TierHeld, r.Int(5))
                    // What the platform records: none until an agreement or a position says otherwise.
                    .With(Fact.SignedGraduates, 0).With(Fact.SignedRecentGraduates, 0).With(Fact.SignedDoctorates, 0).With(Fact.NewPositions, 0);
                rows[r.Long(0)] = new EnterpriseFactsRow(r.Long(0), r.GetString(1), RegionCatalogue.Significant(region12), facts);
            }
        }
        if (rows.Count == 0)
        {
            return [];
        }

        await using (var r = await c.ExecuteReaderAsync(
            "SELECT g.enterprise_id, g.signed_at, t.birth_year, t.education FROM agreements g JOIN enterprises e ON e.id = g.enterprise_id " +
            $"JOIN talents t ON t.id = g.talent_id WHERE {filter} AND g.signed_at >= @from AND g.signed_at < @until AND t.education >= {(int)EducationLevel.Associate}",
            args))
        {
            while (await r.ReadAsync(ct))
            {
                if (!rows.TryGetValue(r.Long(0), out var row))
                {
                    continue;
                }
                var education = r.Enum<EducationLevel>(3);
                var (ofTheYear, withinTwo) = Graduate(education, r.Int(2), ChinaTime.Date(r.Timestamp(1)).Year);
                var facts = row.Facts;
                if (ofTheYear)
                {
                    facts[Fact.SignedGraduates] += 1;
                }
                if (withinTwo)
                {
                    facts[Fact.SignedRecentGraduates] += 1;
                }
                if (education == EducationLevel.Doctorate)
                {
                    facts[Fact.SignedDoctorates] += 1;
                }
            }
        }

        await using (var r = await c.ExecuteReaderAsync(
            "SELECT p.enterprise_id, count(*) FROM positions p JOIN enterprises e ON e.id = p.enterprise_id " +
            $"WHERE {filter} AND p.posted_on >= @fromDay AND p.posted_on <= @toDay GROUP BY p.enterprise_id", args))
        {
            while (await r.ReadAsync(ct))
            {
                if (rows.TryGetValue(r.Long(0), out var row))
                {
                    row.Facts[Fact.NewPositions] = r.Long(1);
                }
            }
        }
        return [.. rows.Values];
    }
}
