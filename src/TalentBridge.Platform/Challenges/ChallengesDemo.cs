using Dapper;
using TalentBridge.Domain;
using TalentBridge.Domain.Challenges;
using TalentBridge.Domain.Escrow;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Escrow;
using TalentBridge.Platform.Pools;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Challenges;

/// <summary>
/// The challenge board's demo (seed 003's 企业出题、院所答题、产线验证 and the 安心宝): a few challenges of the first
/// enterprises, a registered technology manager, and one challenge taken through the real use cases — NDA, the demo
/// talent's proposal, the award, a contract of two milestones, the deposit confirmed and the first milestone released —
/// so its ledger, audit rows and events are those the platform itself writes.
/// </summary>
public sealed class ChallengesDemo(ChallengeBoard board, TechnologyManagers managers, EscrowContracts contracts, Database db, TimeProvider time)
{
    private static readonly (string Title, string Summary, string Details, string Field, string? Occupation, string[] Skills, long Budget, bool Confidential)[] Challenges =
    [
        ("铝箔轧制断带率降低", "电池铝箔轧制断带率偏高，寻求工艺改进与在线检测方案", "轧机型号、近三个月断带记录与来料成分（保密）", "新材料", "2-02-07-13",
            ["铸造工艺", "工艺改进", "质量诊断"], 80_000_000, true),
        ("食用菌烘干能耗优化", "香菇烘干环节能耗高、品质不稳，征集节能烘干工艺", "现有烘干房参数与能耗数据", "农业技术", "5-01-02-03", ["食用菌生产", "工艺改进"], 12_000_000, false),
        ("阀门装配线视觉检测", "阀门装配线人工目检漏检率高，寻求机器视觉检测方案", "产线节拍、缺陷样本与相机安装条件（保密）", "智能制造", "2-02-07-07",
            ["自动控制", "人工智能"], 30_000_000, true),
    ];

    /// <summary>Seeds the demo when enterprises 1–3, talent 1 and the demo accounts exist; answers the number of challenges posted.</summary>
    public async Task<int> SeedAsync(CancellationToken ct)
    {
        Dictionary<string, long> accounts;
        long enterprises;
        await using (var c = await db.OpenAsync(ct))
        {
            accounts = (await c.QueryAsync<(string Name, long Id)>(
                "SELECT user_name, id FROM accounts WHERE user_name IN ('admin', 'enterprise.admin', 'talent')")).ToDictionary(a => a.Name, a => a.Id);
            enterprises = await c.ExecuteScalarAsync<long>("SELECT count(*) FROM enterprises WHERE id <= 3");
        }
        if (accounts.Count < 3 || enterprises < 3)
        {
            return 0;
        }
        var admin = new Caller(accounts["admin"], Role.PlatformAdmin, null, null, null);
        var enterprise = new Caller(accounts["enterprise.admin"], Role.EnterpriseAdmin, 1, null, null);
        var talent = new Caller(accounts["talent"], Role.Talent, null, null, 1);
        var today = ChinaTime.Today(time);
        var ids = new List<long>();
        for (var i = 0; i < Challenges.Length; i++)
        {
            var (title, summary, details, field, occupation, skills, budget, confidential) = Challenges[i];
            var posted = await board.PostAsync(admin, new ChallengeInput(i + 1, title, summary, details, field, occupation, skills, budget,
                today.AddDays(30 + (15 * i)), confidential ? Confidentiality.NdaRequired : Confidentiality.Public, null), ct);
            ids.Add(Expect(posted).Id);
        }
        var manager = Expect(await managers.AddAsync(admin, new ManagerInput("周立新", "丽水市科技成果转化服务中心", "3311", "330000-2025-0117",
            today.AddYears(-1), "新材料 智能制造 成果转化"), ct));
        Expect(await managers.AttachAsync(admin, ids[0], manager.Id, 300, "按支付给解题方金额的3%计，随每期结算支付", ct));
        Expect(await board.SignNdaAsync(talent, ids[0], ct));
        var proposal = Expect(await board.ProposeAsync(talent, ids[0], new ProposalInput("轧制参数优化与断带在线预警，先小试后产线验证", 80_000_000, 240, null), ct));
        Expect(await board.DecideAsync(enterprise, ids[0], proposal.Id, ChallengeProposalAction.Award, ct));
        var contract = Expect(await contracts.CreateAsync(enterprise, ids[0], new ContractInput(
        [
            new MilestoneInput("小试验证：断带率降低30%", 32_000_000, today.AddDays(90)),
            new MilestoneInput("产线验证：连续三个月达标", 48_000_000, today.AddDays(240)),
        ], EscrowTerms.DefaultDepositBasisPoints), ct)).Contract.Id;
        Expect(await contracts.ConfirmAsync(admin, contract, new ConfirmationInput(LedgerEventKind.Deposit, null, "DEMO-ESCROW-0001"), ct));
        Expect(await contracts.MilestoneAsync(talent, contract, 0, MilestoneAction.Submit, "小试报告与检测数据已提交", null, null, ct));
        Expect(await contracts.MilestoneAsync(enterprise, contract, 0, MilestoneAction.Accept, null, null, null, ct));
        Expect(await contracts.ConfirmAsync(admin, contract, new ConfirmationInput(LedgerEventKind.Settlement, 0, "DEMO-ESCROW-0002"), ct));
        return ids.Count;
    }

    private static T Expect<T>(WriteResult<T> result) where T : class =>
        result.Status == WriteStatus.Ok ? result.Value! : throw new InvalidOperationException($"Challenge demo: {result.Status} {result.Errors}");
}
