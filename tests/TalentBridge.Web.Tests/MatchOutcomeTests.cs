using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Configuration;
using TalentBridge.Domain;
using TalentBridge.Domain.Flow;
using TalentBridge.Domain.Matching.Evaluation;
using TalentBridge.Domain.Pools;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Flow;
using TalentBridge.Platform.Matching;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Tests;

/// <summary>
/// Matching learns from the flow (issue 6, item 9) on both engines: applications and invitations count in a position's
/// exposure (in the database, for every node, surviving restarts; a talent's own are left out of their list), and
/// <c>eval matches --source outcomes</c> judges the engine by the recorded applications, invitations and agreements.
/// </summary>
public sealed class MatchOutcomeTests(AppPerEngine apps) : IClassFixture<AppPerEngine>
{
    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Applications_and_invitations_raise_exposure_and_become_outcomes(string engine)
    {
        var app = await apps.For(engine);
        await using var c = await app.Service<Database>().OpenAsync(CancellationToken.None);
        var recruiter = new Caller(await c.ExecuteScalarAsync<long>("SELECT id FROM accounts WHERE user_name = 'recruiter'"), Role.EnterpriseRecruiter, 1,
            null, null);
        var talentAccount = await c.ExecuteScalarAsync<long>("SELECT id FROM accounts WHERE user_name = 'talent'");
        var talents = (await c.QueryAsync<long>("SELECT id FROM talents WHERE visibility = 0 ORDER BY id LIMIT 3 OFFSET 40")).ToList();
        var today = ChinaTime.Today(TimeProvider.System);
        var position = (await app.Service<PositionWrites>().CreateAsync(recruiter, new Position
        {
            EnterpriseId = 1, Title = "曝光测试岗位", OccupationCode = "6-18-01-01", Headcount = 3, SalaryMin = 6000, SalaryMax = 9000, PostedOn = today,
            ExpiresOn = today.AddDays(30), RegionCode = (await app.Service<EnterpriseStore>().FindAsync(1, CancellationToken.None))!.RegionCode,
        }, null, CancellationToken.None)).Value!;
        var impressions = app.Service<MatchImpressions>();
        Assert.Equal(0, (await impressions.WeightsAsync([position.Id], today, CancellationToken.None)).GetValueOrDefault(position.Id));

        var applications = app.Service<Applications>();
        var applied = (await applications.ApplyAsync(new Caller(talentAccount, Role.Talent, null, null, talents[0]), position.Id, false,
            CancellationToken.None)).Value!;
        await app.Service<Invitations>().InviteAsync(recruiter, position.Id, talents[1], "欢迎应聘", 7, CancellationToken.None);
        Assert.Equal(2, (await impressions.WeightsAsync([position.Id], today, CancellationToken.None))[position.Id], 6);
        Assert.Equal(2, (await impressions.WeightsAsync(null, today, CancellationToken.None))[position.Id], 6);
        Assert.Equal(1, (await impressions.OwnAsync(talents[0], today, CancellationToken.None))[position.Id], 6);
        // Both are queued as match changes of the position, for every node to re-read.
        Assert.True(await c.ExecuteScalarAsync<long>("SELECT count(*) FROM match_changes WHERE subject_type = 'position' AND subject_id = @Id",
            new { position.Id }) >= 2);
        // A week later they no longer count.
        Assert.False((await impressions.WeightsAsync([position.Id], today.AddDays(MatchImpressions.Days), CancellationToken.None)).ContainsKey(position.Id));

        var offer = new OfferTerms
        {
            PositionTitle = position.Title, OccupationCode = position.OccupationCode, MonthlySalary = 7000, MonthsPerYear = 12, RegionCode = position.RegionCode,
            StartOn = today.AddDays(10), SignBy = today.AddDays(3),
        };
        var offered = (await applications.ActAsync(recruiter, applied.Id, new StepRequest(ApplicationAction.Offer, Offer: offer), CancellationToken.None)).Value!;
        await applications.ActAsync(new Caller(talentAccount, Role.Talent, null, null, talents[0]), applied.Id,
            new StepRequest(ApplicationAction.Sign, offered.Version), CancellationToken.None);
        var outcomes = await app.Service<MatchOutcomes>().LoadAsync(CancellationToken.None);
        Assert.Contains(new MatchOutcome(talents[0], position.Id, MatchOutcomeKind.Application), outcomes);
        Assert.Contains(new MatchOutcome(talents[0], position.Id, MatchOutcomeKind.Agreement), outcomes);

        // The command reads the same database and prints its figures, JSON last.
        var configuration = app.Service<IConfiguration>();
        using var output = new StringWriter();
        var code = await Cli.MatchCommands.EvaluateAsync(new Dictionary<string, string>
        {
            ["source"] = "outcomes", ["provider"] = configuration["Database:Provider"]!, ["connection"] = configuration["ConnectionStrings:TalentBridge"]!,
            ["contact-key"] = configuration["Security:ContactHashKey"]!,
        }, output);
        Assert.Equal(0, code);
        var json = JsonDocument.Parse(output.ToString().Trim().Split('\n')[^1]).RootElement;
        Assert.Equal("outcomes", json.GetProperty("source").GetString());
        Assert.True(json.GetProperty("outcomes").GetInt32() >= 2);
        Assert.InRange(json.GetProperty("positionsNdcgAt10").GetDouble(), 0, 1);
    }
}
