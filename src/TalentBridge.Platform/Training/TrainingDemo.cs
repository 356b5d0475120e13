using Dapper;
using TalentBridge.Domain;
using TalentBridge.Domain.Reference;
using TalentBridge.Domain.Training;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Training;

/// <summary>
/// Demo providers and programmes for the skills the demo's open positions ask for most, so that demo talents get real
/// recommendations: for each of the occupation 小类 with the most open positions, a certificate programme teaching its
/// three most asked skills and a short course for the most asked one. Written through <see cref="Programmes"/> (validated
/// and audited like an operator's entries); the same data gives the same catalogue.
/// </summary>
public sealed class TrainingDemo(Database db, Programmes programmes, ReferenceData reference)
{
    private static readonly (string Name, string Region)[] Providers =
    [
        ("丽水市技师学院", "331102"), ("丽水职业技术学院继续教育学院", "331102"), ("青田县职业技能培训中心", "331121"),
        ("龙泉市职业技能培训学校", "331181"), ("缙云县职业技术学校", "331122"), ("丽水市公共实训基地（线上）", "331102"),
    ];

    /// <summary>The seeding account: an administrator without an account id (the audit rows say nobody signed in did it).</summary>
    private static readonly Caller Seeder = new(null, Role.PlatformAdmin, null, null, null);

    public async Task SeedAsync(int occupations, CancellationToken ct)
    {
        var providers = new List<TrainingProvider>();
        foreach (var (name, region) in Providers)
        {
            providers.Add((await programmes.CreateProviderAsync(Seeder, new TrainingProvider(0, name, region, null, 0), ct)).Value!);
        }
        List<(string Occupation, string Skills)> open;
        await using (var c = await db.OpenAsync(ct))
        {
            open = [.. await c.QueryAsync<(string, string)>(new CommandDefinition(
                "SELECT occupation_code, required_skills FROM positions WHERE status = @open ORDER BY id", new { open = (int)PositionStatus.Open }, cancellationToken: ct))];
        }
        var groups = open
            .Select(p => (Group: p.Occupation[..7] + "-00", Skills: System.Text.Json.JsonSerializer.Deserialize<List<string>>(p.Skills, Row.Json) ?? []))
            .GroupBy(p => p.Group)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(occupations)
            .ToList();
        var n = 0;
        foreach (var group in groups)
        {
            var skills = group.SelectMany(p => p.Skills).GroupBy(s => s, StringComparer.OrdinalIgnoreCase)
                .OrderByDescending(s => s.Count()).ThenBy(s => s.Key, StringComparer.Ordinal).Select(s => s.Key).Take(3).ToList();
            if (skills.Count == 0 || reference.Occupations.Find(group.Key) is not { } occupation)
            {
                continue;
            }
            var provider = providers[n++ % providers.Count];
            var hours = 40 + (20 * (n % 4));
            var certificate = new Programme
            {
                ProviderId = provider.Id,
                Name = $"{occupation.Name}技能提升班",
                Description = $"面向{occupation.Name}岗位，讲授{string.Join("、", skills)}，结业考核合格颁发职业技能等级证书（四级/中级工）。",
                Skills = skills,
                OccupationCodes = [occupation.Code],
                Level = SkillLevel.Intermediate,
                Certificate = $"{occupation.Name}（四级/中级工）",
                DurationHours = hours,
                CostFen = hours * 4_000,
                SubsidyFen = hours * 2_400,
                SubsidyEligibility = SubsidyEligibility.Everyone,
                RegionCode = provider.RegionCode,
                Mode = provider.Name.Contains("线上", StringComparison.Ordinal) ? DeliveryMode.Online : DeliveryMode.InPerson,
            };
            await programmes.CreateAsync(Seeder, certificate, ct);
            var shortProvider = providers[n++ % providers.Count];
            await programmes.CreateAsync(Seeder, certificate with
            {
                ProviderId = shortProvider.Id,
                Name = $"{skills[0]}短期培训",
                Description = $"{skills[0]}实操短训，适合求职人员快速上岗。",
                Skills = [skills[0]],
                Level = SkillLevel.None,
                Certificate = null,
                DurationHours = 24,
                CostFen = 80_000,
                SubsidyFen = 40_000,
                SubsidyEligibility = SubsidyEligibility.JobSeekers,
                RegionCode = shortProvider.RegionCode,
                Mode = shortProvider.Name.Contains("线上", StringComparison.Ordinal) ? DeliveryMode.Online : DeliveryMode.InPerson,
            }, ct);
        }
    }
}
