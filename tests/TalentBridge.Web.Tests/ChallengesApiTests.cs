using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using TalentBridge.Platform.Escrow;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Tests;

/// <summary>
/// The challenge board, technology managers and the 安心宝 escrow over the API on both engines (issue 16): a confidential
/// challenge's details only after a signed NDA; a proposal, the matcher's suggestions, a manager with commission terms,
/// the award and the contract; the payment partner's confirmations posting balanced entries (a retried reference answers
/// the same ledger, a reused one is refused); acceptance, a dispute resolved in part, the contract closed with escrow at
/// zero; every posting audited; the ledger refusing UPDATE and DELETE; the verification finding a tampered entry.
/// </summary>
public sealed class ChallengesApiTests(AppPerEngine apps) : IClassFixture<AppPerEngine>
{
    private static async Task<JsonElement> Json(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    private static async Task<JsonElement> Ok(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await Json(response);
    }

    private static long Balance(JsonElement view, string account) => view.GetProperty("balances").GetProperty(account).GetInt64();

    /// <summary>Posts a confidential challenge for enterprise 1 and takes it to a contract of two milestones (400,000 and 600,000 yuan) with a 3 % manager; answers the contract id.</summary>
    internal static async Task<(long Challenge, long Contract)> ContractAsync(TestApp app, string tag)
    {
        using var enterprise = app.Client(await app.TokenAsync("enterprise.admin", "Enterprise#2026"));
        using var talent = app.Client(await app.TokenAsync("talent", "Talent#2026"));
        using var admin = app.Client(await app.TokenAsync("admin", "Admin#2026"));
        var challenge = await Ok(await enterprise.PostAsJsonAsync("/api/v1/challenges", new
        {
            title = $"铝箔轧制良率提升 {tag}", summary = "新能源电池铝箔轧制断带率偏高，寻求工艺改进方案", details = "轧机型号与断带记录（保密）",
            field = "新材料", occupationCode = "2-02-07-13", skills = (string[])["铸造工艺", "工艺改进"], budget = 100_000_000,
            deadline = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30), confidentiality = "NdaRequired",
        }));
        var id = challenge.GetProperty("id").GetInt64();
        await Ok(await talent.PostAsync($"/api/v1/challenges/{id}/nda", null));
        await Ok(await talent.PostAsJsonAsync($"/api/v1/challenges/{id}/proposals", new { approach = "轧制参数优化与在线检测", price = 100_000_000, durationDays = 180 }));
        var manager = await Ok(await admin.PostAsJsonAsync("/api/v1/challenges/technology-managers", new
        {
            name = "周经理", organisation = "丽水技术转移中心", regionCode = "3311", certificateNo = $"TM-{tag}", accreditedOn = "2025-03-01", fields = "新材料 智能制造",
        }));
        await Ok(await enterprise.PutAsJsonAsync($"/api/v1/challenges/{id}/manager", new
        {
            managerId = manager.GetProperty("id").GetInt64(), commissionBasisPoints = 300, termsNote = "按支付给解题方金额的3%计",
        }));
        var view = await Ok(await enterprise.GetAsync($"/api/v1/challenges/{id}"));
        var proposal = view.GetProperty("proposals")[0].GetProperty("id").GetInt64();
        await Ok(await enterprise.PostAsJsonAsync($"/api/v1/challenges/{id}/decisions", new { proposalId = proposal, action = "Award" }));
        var contract = await Ok(await enterprise.PostAsJsonAsync($"/api/v1/challenges/{id}/contract", new
        {
            milestones = new[]
            {
                new { title = "小试验证", amount = 40_000_000L, dueOn = "2027-03-31" },
                new { title = "产线验证", amount = 60_000_000L, dueOn = "2027-09-30" },
            },
        }));
        return (id, contract.GetProperty("contract").GetProperty("id").GetInt64());
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Details_of_a_confidential_challenge_show_only_after_the_nda_and_the_board_lists_summaries(string engine)
    {
        var app = await apps.For(engine);
        using var enterprise = app.Client(await app.TokenAsync("enterprise.admin", "Enterprise#2026"));
        using var talent = app.Client(await app.TokenAsync("talent", "Talent#2026"));
        using var anonymous = app.Client();

        var bad = await enterprise.PostAsJsonAsync("/api/v1/challenges", new { title = "", budget = 0, deadline = "2020-01-01", occupationCode = "9-99" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await Json(bad)).GetProperty("errors");
        foreach (var field in new[] { "title", "summary", "details", "field", "budget", "deadline", "occupationCode" })
        {
            Assert.True(errors.TryGetProperty(field, out _), field);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/challenges", new { title = "x" })).StatusCode);

        var created = await Ok(await enterprise.PostAsJsonAsync("/api/v1/challenges", new
        {
            title = "竹材防霉处理", summary = "寻求环保防霉工艺", details = "现有工艺配方（保密）", field = "竹木加工", skills = (string[])["防霉"],
            budget = 5_000_000, deadline = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(10), confidentiality = "NdaRequired",
        }));
        var id = created.GetProperty("id").GetInt64();

        var board = await Ok(await anonymous.GetAsync("/api/v1/challenges?field=竹木&pageSize=5"));
        var listed = board.GetProperty("items").EnumerateArray().Single(c => c.GetProperty("id").GetInt64() == id);
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("details").ValueKind);
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync("/api/v1/challenges?sort=bogus")).StatusCode);

        var before = await Ok(await talent.GetAsync($"/api/v1/challenges/{id}"));
        Assert.False(before.GetProperty("showsDetails").GetBoolean());
        Assert.Equal(JsonValueKind.Null, before.GetProperty("challenge").GetProperty("details").ValueKind);
        var refused = await talent.PostAsJsonAsync($"/api/v1/challenges/{id}/proposals", new { approach = "a", price = 100, durationDays = 10 });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await Json(refused)).GetProperty("errors").TryGetProperty("nda", out _));

        var signed = await Ok(await talent.PostAsync($"/api/v1/challenges/{id}/nda", null));
        Assert.True(signed.GetProperty("showsDetails").GetBoolean());
        Assert.Equal("现有工艺配方（保密）", signed.GetProperty("challenge").GetProperty("details").GetString());
        await Ok(await talent.PostAsync($"/api/v1/challenges/{id}/nda", null));
        Assert.Equal(1, await ServicesApiTests.AuditRowsAsync(app, "challengeNda", null, "create", $"\"challengeId\":{id},"));

        await Ok(await talent.PostAsJsonAsync($"/api/v1/challenges/{id}/proposals", new { approach = "竹材热处理", price = 4_000_000, durationDays = 60 }));
        Assert.Equal(HttpStatusCode.BadRequest, (await talent.PostAsJsonAsync($"/api/v1/challenges/{id}/proposals",
            new { approach = "again", price = 1, durationDays = 1 })).StatusCode);
        // The enterprise cannot award through the solver's side, nor the solver its own proposal.
        var owner = await Ok(await enterprise.GetAsync($"/api/v1/challenges/{id}"));
        var proposal = owner.GetProperty("proposals")[0].GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.Forbidden, (await talent.PostAsJsonAsync($"/api/v1/challenges/{id}/decisions", new { proposalId = proposal, action = "Award" })).StatusCode);
        var shortlisted = await Ok(await enterprise.PostAsJsonAsync($"/api/v1/challenges/{id}/decisions", new { proposalId = proposal, action = "Shortlist" }));
        Assert.Equal("Shortlisted", shortlisted.GetProperty("proposals")[0].GetProperty("state").GetString());

        var suggestions = await Ok(await enterprise.GetAsync($"/api/v1/challenges/{id}/suggestions?take=5"));
        Assert.InRange(suggestions.GetArrayLength(), 1, 5);
        Assert.All(suggestions.EnumerateArray(), s => Assert.Equal(6, s.GetProperty("fit").GetProperty("factors").GetArrayLength()));
        Assert.DoesNotContain(suggestions.EnumerateArray(), s => s.GetProperty("talentId").GetInt64() == 1);
        Assert.Equal(HttpStatusCode.NotFound, (await talent.GetAsync($"/api/v1/challenges/{id}/suggestions")).StatusCode);
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task The_escrow_posts_balanced_entries_from_deposit_to_close_and_the_ledger_reconciles(string engine)
    {
        var app = await apps.For(engine);
        var (_, contractId) = await ContractAsync(app, $"flow-{engine}");
        using var enterprise = app.Client(await app.TokenAsync("enterprise.admin", "Enterprise#2026"));
        using var talent = app.Client(await app.TokenAsync("talent", "Talent#2026"));
        using var operatorClient = app.Client(await app.TokenAsync("lishui.operator", "Operator#2026"));
        var url = $"/api/v1/escrow/contracts/{contractId}";

        var draft = await Ok(await enterprise.GetAsync(url));
        Assert.Equal("Draft", draft.GetProperty("contract").GetProperty("state").GetString());
        Assert.Equal(300, draft.GetProperty("contract").GetProperty("commissionBasisPoints").GetInt32());
        // Only the operator's side records the partner's confirmation; a milestone waits for the deposit.
        Assert.Equal(HttpStatusCode.BadRequest, (await enterprise.PostAsJsonAsync($"{url}/confirmations", new { kind = "Deposit", reference = "X" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await talent.PostAsJsonAsync($"{url}/milestones/0", new { action = "Submit", note = "done" })).StatusCode);

        var reference = $"PAY-{engine}-{contractId}";
        var active = await Ok(await operatorClient.PostAsJsonAsync($"{url}/confirmations", new { kind = "Deposit", reference = reference + "-D" }));
        Assert.Equal("Active", active.GetProperty("contract").GetProperty("state").GetString());
        Assert.Equal(10_000_000, Balance(active, "escrow"));
        Assert.Equal(-10_000_000, Balance(active, "enterprise"));
        // A retry with the same reference answers the same ledger; the reference cannot confirm another event.
        var retried = await Ok(await operatorClient.PostAsJsonAsync($"{url}/confirmations", new { kind = "Deposit", reference = reference + "-D" }));
        Assert.Equal(1, retried.GetProperty("ledger").GetArrayLength());
        var reused = await operatorClient.PostAsJsonAsync($"{url}/confirmations", new { kind = "Settlement", milestone = 0, reference = reference + "-D" });
        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);
        Assert.True((await Json(reused)).GetProperty("errors").TryGetProperty("reference", out _));

        await Ok(await talent.PostAsJsonAsync($"{url}/milestones/0", new { action = "Submit", note = "小试报告已提交" }));
        Assert.Equal(HttpStatusCode.BadRequest, (await talent.PostAsJsonAsync($"{url}/milestones/0", new { action = "Accept" })).StatusCode);
        await Ok(await enterprise.PostAsJsonAsync($"{url}/milestones/0", new { action = "Accept" }));
        var released = await Ok(await operatorClient.PostAsJsonAsync($"{url}/confirmations", new { kind = "Settlement", milestone = 0, reference = reference + "-M1" }));
        // 先研后付: the deposit left escrow with the balance; the solver has 40,000,000 less the 3 % commission.
        Assert.Equal(0, Balance(released, "escrow"));
        Assert.Equal(38_800_000, Balance(released, "solver"));
        Assert.Equal(1_200_000, Balance(released, "fees"));
        Assert.Equal(-40_000_000, Balance(released, "enterprise"));

        await Ok(await talent.PostAsJsonAsync($"{url}/milestones/1", new { action = "Submit", note = "产线验证完成" }));
        var disputeWithoutReason = await enterprise.PostAsJsonAsync($"{url}/milestones/1", new { action = "Dispute" });
        Assert.True((await Json(disputeWithoutReason)).GetProperty("errors").TryGetProperty("note", out _));
        await Ok(await enterprise.PostAsJsonAsync($"{url}/milestones/1", new { action = "Dispute", note = "良率只提升了一半" }));
        Assert.Equal(HttpStatusCode.BadRequest, (await enterprise.PostAsJsonAsync($"{url}/milestones/1",
            new { action = "Resolve", outcome = "Refund", note = "x" })).StatusCode);
        var badPart = await operatorClient.PostAsJsonAsync($"{url}/milestones/1", new { action = "Resolve", outcome = "Partial", payout = 60_000_000, note = "x" });
        Assert.True((await Json(badPart)).GetProperty("errors").TryGetProperty("payout", out _));
        await Ok(await operatorClient.PostAsJsonAsync($"{url}/milestones/1", new { action = "Resolve", outcome = "Partial", payout = 30_000_000, note = "按一半结算" }));
        var closed = await Ok(await operatorClient.PostAsJsonAsync($"{url}/confirmations", new { kind = "Settlement", milestone = 1, reference = reference + "-M2" }));
        Assert.Equal("Closed", closed.GetProperty("contract").GetProperty("state").GetString());
        Assert.Equal(0, Balance(closed, "escrow"));
        Assert.Equal(-70_000_000, Balance(closed, "enterprise"));
        Assert.Equal(2_100_000, Balance(closed, "fees"));
        Assert.Equal(67_900_000, Balance(closed, "solver"));
        Assert.All(closed.GetProperty("ledger").EnumerateArray(), e => Assert.Equal(0, e.GetProperty("lines").EnumerateArray().Sum(l => l.GetProperty("amount").GetInt64())));

        // Every entry audited in its transaction, with its postings.
        await using var c = await app.Service<Database>().OpenAsync(CancellationToken.None);
        var entries = (await c.QueryAsync<long>("SELECT id FROM ledger_entries WHERE contract_id = @contractId", new { contractId })).ToList();
        Assert.Equal(3, entries.Count);
        foreach (var entry in entries)
        {
            Assert.Equal(1, await ServicesApiTests.AuditRowsAsync(app, "ledgerEntry", entry, "create", "balanceAfter"));
        }
        // Append-only: the database refuses to change or remove a posting.
        await Assert.ThrowsAnyAsync<Exception>(() => c.ExecuteAsync("UPDATE ledger_postings SET amount = 0 WHERE contract_id = @contractId", new { contractId }));
        await Assert.ThrowsAnyAsync<Exception>(() => c.ExecuteAsync("DELETE FROM ledger_entries WHERE contract_id = @contractId", new { contractId }));
        Assert.DoesNotContain((await app.Service<LedgerAudit>().VerifyAsync(CancellationToken.None)).Problems, p => p.ContractId == contractId);

        var record = (await Ok(await operatorClient.GetAsync("/api/v1/challenges/technology-managers?q=丽水技术转移中心&pageSize=100")))
            .GetProperty("items").EnumerateArray().Single(m => m.GetProperty("certificateNo").GetString() == $"TM-flow-{engine}").GetProperty("record");
        Assert.Equal(1, record.GetProperty("closedContracts").GetInt32());
        Assert.Equal(70_000_000, record.GetProperty("paidToSolvers").GetInt64());
        Assert.Equal(2_100_000, record.GetProperty("commission").GetInt64());
        Assert.Equal(1, record.GetProperty("disputes").GetInt32());
    }

    [SkippableTheory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Ledger_verify_exits_non_zero_and_names_the_entry_that_does_not_reconcile(string engine)
    {
        // An app of its own: this test tampers with the ledger.
        await using var app = await TestApp.StartAsync(engine);
        var (_, contractId) = await ContractAsync(app, $"verify-{engine}");
        using var operatorClient = app.Client(await app.TokenAsync("lishui.operator", "Operator#2026"));
        await Ok(await operatorClient.PostAsJsonAsync($"/api/v1/escrow/contracts/{contractId}/confirmations", new { kind = "Deposit", reference = "V-1" }));
        var db = app.Service<Database>();
        var provider = db.Engine == DatabaseEngine.Postgres ? "postgres" : "sqlite";
        Assert.Equal(0, await CliTests.RunAsync("ledger", "verify", "--provider", provider, "--connection", db.ConnectionString));

        await using (var c = await db.OpenAsync(CancellationToken.None))
        {
            // INSERT is the one write the ledger allows: a posting slipped into the deposit entry unbalances it.
            await c.ExecuteAsync("INSERT INTO ledger_postings (entry_id, contract_id, account, amount, balance_after) " +
                "SELECT id, contract_id, 3, 5, 5 FROM ledger_entries WHERE reference = 'V-1'");
        }
        long entry;
        await using (var c = await db.OpenAsync(CancellationToken.None))
        {
            entry = await c.ExecuteScalarAsync<long>("SELECT id FROM ledger_entries WHERE reference = 'V-1'");
        }
        using var output = new StringWriter();
        Assert.Equal(1, await Cli.LedgerCommands.VerifyAsync(app.App.Services, output, CancellationToken.None));
        Assert.Contains($"contract {contractId}: entry {entry} is not balanced: its postings add up to 5 fen", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, await CliTests.RunAsync("ledger", "verify", "--provider", provider, "--connection", db.ConnectionString));
        Assert.Equal(2, await CliTests.RunAsync("ledger", "check", "--provider", provider, "--connection", db.ConnectionString));
    }
}
