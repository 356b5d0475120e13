using TalentBridge.Domain.Normalisation;
using R = TalentBridge.Domain.Tests.Reference.Reference;

namespace TalentBridge.Domain.Tests.Normalisation;

public sealed class TitleClassifierTests
{
    private static readonly Lazy<TitleClassifier> Classifier = new(() => new TitleClassifier(R.Occupations));

    [Theory]
    [InlineData("抖音快手客服 不加班", "4-04-05-03")]
    [InlineData("抖音快手运营（郓城）", "4-13-01-05")]
    [InlineData("房产分析师/选房师+提成70% 月入3万", "4-06-02-01")]
    [InlineData("Java开发工程师", "2-02-10-03")]
    [InlineData("计算机软件工程技术人员", "2-02-10-03")]
    [InlineData("数控车床操作工", "6-18-01-01")]
    [InlineData("CNC操作员（长白班）", "6-18-01-07")]
    [InlineData("【丽水】急招普工 包吃住 月入6000+", "6-31-99-00")]
    [InlineData("A2货车司机", "4-02-02-02")]
    [InlineData("护士（丽水市中心医院）", "2-05-08-01")]
    [InlineData("幼儿园老师", "2-08-03-00")]
    [InlineData("淘宝美工", "4-01-06-01")]
    [InlineData("食用菌种植技术员", "5-01-02-03")]
    [InlineData("民宿管家", "4-14-06-02")]
    [InlineData("产品经理", "2-02-34-01")]
    [InlineData("ＨＲＢＰ", "2-06-08-01")]
    [InlineData("C++开发", "2-02-10-03")]
    [InlineData("技术总监", "2-02-00-00")]
    [InlineData("一级建造师", "6-29-00-00")]
    [InlineData("景区讲解员", "4-13-01-03")]
    [InlineData("辅警（城区派出所）", "3-02-02-02")]
    public void Noisy_job_board_titles_find_their_occupation(string title, string code) =>
        Assert.Equal(code, Classifier.Value.Classify(title).Value?.Code);

    [Theory]
    [InlineData("急招")]
    [InlineData("高薪诚聘 包吃住")]
    [InlineData("")]
    [InlineData(null)]
    public void A_title_without_an_occupation_gets_no_code(string? title)
    {
        var result = Classifier.Value.Classify(title);
        Assert.Null(result.Value);
        Assert.Equal(0, result.Confidence);
    }

    [Theory]
    [InlineData("菜鸟驿站店员", "4-02-07-11")]
    [InlineData("典当行业务员", "4-05-04-01")]
    [InlineData("木工 支模 工地", "6-29-01-00")]
    [InlineData("公关专员 政府关系", "3-01-02-03")]
    public void Between_equal_keywords_the_one_without_a_generic_head_wins(string title, string code) =>
        Assert.Equal(code, Classifier.Value.Classify(title).Value?.Code);

    [Theory]
    [InlineData("护士 口腔诊所", "2-05-08-07")]
    [InlineData("护士 内科病房", "2-05-08-01")]
    [InlineData("产科 护士", "2-05-08-08")]
    [InlineData("检验科 技师", "2-05-07-04")]
    [InlineData("康复科 治疗师", "2-05-07-13")]
    [InlineData("放射科 技术员", "2-05-07-01")]
    public void A_department_with_a_nurse_or_technician_head_names_that_staff(string title, string code) =>
        Assert.Equal(code, Classifier.Value.Classify(title).Value?.Code);

    [Theory]
    [InlineData("内科医生", "2-05-01-01")]
    [InlineData("检验科 医生", "2-05-01-24")]
    public void A_department_without_such_a_head_keeps_its_doctors(string title, string code) =>
        Assert.Equal(code, Classifier.Value.Classify(title).Value?.Code);

    [Theory]
    [InlineData("海运货代 销售", "4-02-05-03")]
    [InlineData("模特 服装拍摄", "4-07-07-03")]
    [InlineData("审计助理 会计师事务所", "2-06-04-00")]
    public void The_job_in_the_first_segment_outranks_an_equal_qualifier_after_it(string title, string code) =>
        Assert.Equal(code, Classifier.Value.Classify(title).Value?.Code);

    [Theory]
    [InlineData("单片机开发工程师", "2-02-10-06")]
    [InlineData("拼多多运营", "4-01-06-01")]
    [InlineData("香菇种植 基地工人", "5-01-02-03")]
    public void Role_words_like_development_operations_and_growing_take_the_trade_from_their_modifier(string title, string code) =>
        Assert.Equal(code, Classifier.Value.Classify(title).Value?.Code);

    [Theory]
    [InlineData("主持人 婚庆", "4-13-01-02")]
    [InlineData("电气工程师 PLC", "2-02-07-07")]
    [InlineData("花艺师 花店", "4-09-10-05")]
    [InlineData("保育员 幼儿园", "4-10-01-03")]
    public void A_keyword_in_another_segment_qualifies_the_head(string title, string code) =>
        Assert.Equal(code, Classifier.Value.Classify(title).Value?.Code);

    [Theory]
    [InlineData("研发工程师 化工", "2-02-06-03")]
    [InlineData("工艺工程师 注塑", "2-02-36-05")]
    [InlineData("环保工程师 污水处理", "2-02-27-02")]
    [InlineData("电力工程师 光伏电站", "2-02-12-01")]
    [InlineData("热处理工程师 渗碳", "2-02-07-08")]
    public void An_engineer_of_a_trade_is_that_trades_engineering_occupation(string title, string code) =>
        Assert.Equal(code, Classifier.Value.Classify(title).Value?.Code);

    [Theory]
    [InlineData("项目工程师 汽车零部件", "2-02-30-04")]
    [InlineData("测试工程师 化工", "4-04-05-02")]
    [InlineData("化工 操作工", "6-11-01-02")]
    public void An_engineer_keyword_or_a_title_without_engineer_keeps_its_occupation(string title, string code) =>
        Assert.Equal(code, Classifier.Value.Classify(title).Value?.Code);

    [Theory]
    [InlineData("研发工程师 食品", "2-02-24-00")]
    [InlineData("化工工艺工程师", "2-02-06-03")]
    public void An_engineer_of_a_coarse_workplace_or_named_field_is_that_engineer(string title, string code) =>
        Assert.Equal(code, Classifier.Value.Classify(title).Value?.Code);

    [Theory]
    [InlineData("叉车兼仓管", "6-30-05-01")]
    [InlineData("出纳兼行政", "2-06-03-00")]
    public void Of_two_jobs_joined_by_jian_the_first_is_the_job(string title, string code) =>
        Assert.Equal(code, Classifier.Value.Classify(title).Value?.Code);

    [Theory]
    [InlineData("食品厂普工 分拣包装", "6-02-00-00")]
    [InlineData("包装工 计件", "6-31-05-00")]
    public void A_process_word_names_the_job_unless_a_workplace_names_the_trade(string title, string code) =>
        Assert.Equal(code, Classifier.Value.Classify(title).Value?.Code);

    [Fact]
    public void A_head_beats_a_workplace_that_names_only_a_major_group() =>
        Assert.Equal("4-08-10-00", Classifier.Value.Classify("技术员 工厂 倒班").Value?.Code);

    [Fact]
    public void A_digit_before_a_letter_is_part_of_the_word() =>
        Assert.Equal("6-18-01-13", Classifier.Value.Classify("3D打印 操作员").Value?.Code);

    [Theory]
    [InlineData("Sales Manager", "2-06-07-02")]
    [InlineData("Recruiter", "4-07-03-08")]
    public void English_titles_match_whole_words(string title, string code) =>
        Assert.Equal(code, Classifier.Value.Classify(title).Value?.Code);

    [Fact]
    public void A_word_marked_as_no_occupation_gives_no_code() =>
        Assert.Null(Classifier.Value.Classify("高薪招聘 长期有效").Value);

    [Fact]
    public void Latin_words_separated_by_a_space_match_a_keyword_with_that_space() =>
        Assert.Equal("2-02-10-02", Classifier.Value.Classify("PCB Layout工程师（急招）").Value?.Code);

    [Fact]
    public void A_generic_head_word_gives_way_to_the_trade_before_it()
    {
        var result = Classifier.Value.Classify("注塑机操作工");
        Assert.Equal("6-14-02-00", result.Value?.Code);
    }

    [Theory]
    [InlineData("渣土车司机（缙云）", "4-02-02-02")]
    [InlineData("汽车吊司机 25吨", "6-30-05-02")]
    [InlineData("出租车司机", "4-02-02-01")]
    [InlineData("凉菜师傅", "4-03-02-01")]
    [InlineData("缙云烧饼师傅 学徒可", "4-03-02-02")]
    [InlineData("电子厂普工", "6-25-00-00")]
    [InlineData("电子厂质检", "6-31-03-05")]
    [InlineData("KTV服务员", "4-14-05-04")]
    [InlineData("小学语文老师", "2-08-02-04")]
    [InlineData("钢琴老师", "2-08-99-00")]
    [InlineData("急诊科护士", "2-05-08-03")]
    [InlineData("平安保险 客户经理", "4-05-03-01")]
    [InlineData("区域销售经理", "2-06-07-02")]
    public void A_generic_head_takes_its_occupation_from_the_modifier(string title, string code) =>
        Assert.Equal(code, Classifier.Value.Classify(title).Value?.Code);

    [Fact]
    public void Only_a_generic_word_is_classified_with_low_confidence()
    {
        var result = Classifier.Value.Classify("操作工");
        Assert.NotNull(result.Value);
        Assert.True(result.Confidence <= 0.6);
    }

    [Fact]
    public void Wording_close_to_an_occupation_name_falls_back_with_low_confidence()
    {
        // "宠物" is now a workplace keyword (宠物店 staff), so the fallback is shown on a title without one.
        var result = Classifier.Value.Classify("驯导员");
        Assert.Equal("4-10-07-02", result.Value?.Code);
        Assert.True(result.Confidence < 0.6);
    }

    [Fact]
    public void Noise_and_brackets_are_removed_before_matching()
    {
        Assert.Equal("选房师", TitleClassifier.Segments(TitleClassifier.Clean("房产分析师/选房师+提成70% 月入3万"))[^1]);
        Assert.DoesNotContain("郓城", TitleClassifier.Clean("抖音快手运营（郓城）"), StringComparison.Ordinal);
    }

    // Issue 5, item 19: error classes seen on real job-board titles. Each case below was wrong with the
    // classifier of round 7 (the comment says what it answered).

    [Theory]
    [InlineData("资产保全专员", "4-05-01-02")] // 4-05-03-02 保险保全员: 保全 inside 资产保全
    public void A_keyword_inside_a_longer_word_with_another_meaning_does_not_match(string title, string code) =>
        Assert.Equal(code, Classifier.Value.Classify(title).Value?.Code);

    [Theory]
    [InlineData("技术经理", "2-02-00-00")] // not 技术经理人
    [InlineData("电销", "4-01-02-01")]     // not 电工
    [InlineData("美术指导", "4-08-08-08")] // not 职业指导师
    public void False_friends_named_in_the_issue_stay_apart(string title, string code) =>
        Assert.Equal(code, Classifier.Value.Classify(title).Value?.Code);

    [Theory]
    [InlineData("汽修学徒 美容", "4-12-01-01")]    // 4-10-03-01 美容师
    [InlineData("石油大学 送餐员", "4-10-08-01")]  // 2-08-01-01 university teacher
    [InlineData("送餐员-石油大学", "4-10-08-01")]  // 2-08-01-01
    [InlineData("水管试压员", "6-29-03-04")]       // 6-16-02-05 水下钻井设备操作工 (shared wording only)
    public void The_job_word_wins_over_a_workplace_or_a_later_trade(string title, string code) =>
        Assert.Equal(code, Classifier.Value.Classify(title).Value?.Code);

    [Theory]
    [InlineData("客服/销售助理", "4-04-05-03")]                     // 3-01-02-02: the later job won
    [InlineData("市场拓展经理", "2-06-07-02")]                      // 4-01-02-01: a sales word with a manager head
    [InlineData("人事部经理", "2-06-08-01")]                        // 4-07-03-04
    [InlineData("诚聘储备干部 周末双休工资待遇好", "8-00-00-00")]   // 2-02-28-05: 储备 was removed as noise
    [InlineData("司 机", "4-02-02-01")]                              // none: letter-spaced title
    [InlineData("办 公 文 员", "3-01-02-02")]                        // none
    public void Job_board_conventions_hold(string title, string code) =>
        Assert.Equal(code, Classifier.Value.Classify(title).Value?.Code);

    // Issue 10, item 19 (round 8): general causes of the misses on the board development sets. Each case was
    // wrong before its rule (the comment says what it answered).

    [Theory]
    [InlineData("冲压工/普工/产品设计工程师/模具钳工/注塑工", "6-18-01-12")]     // 2-02-34-01: an engineer listed later
    [InlineData("营销经理/业务员/文秘/主办会计/出纳/仓库管理员", "2-06-07-02")] // 2-06-03-00: 会计 has no head word
    [InlineData("车工 普铣工 数铣工 钳工 氩弧焊工 剪板折弯工", "6-18-01-01")]   // 6-18-02-04: later jobs with a head of their own
    [InlineData("电工兼机修", "6-31-01-03")]                                      // 6-31-01-02: 兼 lists a second job
    [InlineData("木工 支模 工地", "6-29-01-00")]                                  // unchanged: 支模 qualifies 木工
    public void A_title_that_names_several_jobs_is_about_the_first(string title, string code) =>
        Assert.Equal(code, Classifier.Value.Classify(title).Value?.Code);

    [Theory]
    [InlineData("金融销售人员", "2-06-11-04")]   // 4-01-02-01: 销售人员 inside 金融销售人员
    [InlineData("产品质量检验员", "6-31-03-05")] // unchanged: a one-character head may make another job
    public void A_head_word_does_not_displace_the_word_it_extends(string title, string code) =>
        Assert.Equal(code, Classifier.Value.Classify(title).Value?.Code);

    [Theory]
    [InlineData("招聘经理", "2-06-08-01")] // 4-07-03-08: the catalogue lists 招聘经理 as an alias of 招聘师
    [InlineData("厂长助理", "3-01-02-02")] // 1-06-01-02: the assistant of an enterprise's head
    public void A_manager_or_assistant_head_inside_the_keyword_counts(string title, string code) =>
        Assert.Equal(code, Classifier.Value.Classify(title).Value?.Code);

    [Theory]
    [InlineData("给你一份开心的工作")]       // 4-03-02-04 西式面点师 (shared wording only)
    [InlineData("退伍军人应届毕业生优先")]   // 5-05-01-03
    [InlineData("上海艺盛贸易有限公司")]     // 2-06-07-01: a company name only
    [InlineData("工资过万你值得选择")]
    public void Pay_praise_and_company_only_titles_get_no_code(string title)
    {
        var result = Classifier.Value.Classify(title);
        Assert.Null(result.Value);
        Assert.Equal(0, result.Confidence);
    }

    [Fact]
    public void Evaluation_counts_defensible_and_abstained_rows()
    {
        var rows = new[]
        {
            new TitleRow("电销", "4-01-02-01", []),
            new TitleRow("电销", "2-06-07-02", ["4-01-02-01"]),
            new TitleRow("电销", "6-31-01-03", []),
            new TitleRow("急招", "4-01-02-01", []),
            new TitleRow("急招", "", []),
        };
        var report = TitleEvaluation.Evaluate(Classifier.Value, R.Occupations, rows);
        Assert.Equal((2, 1, 1, 1), (report.Correct, report.Defensible, report.Wrong, report.Abstained));
        Assert.Equal(["4-01-02-01", "2-06-07-02"], TitleEvaluation.AlsoCodes("judgement: first job; also: 4-01-02-01, 2-06-07-02"));
    }

    [Fact]
    public void A_prediction_is_right_by_either_labeller_when_it_matches_the_first_or_the_second_label()
    {
        var rows = new[]
        {
            new TitleRow("a", "4-01-02-01", []),
            new TitleRow("b", "2-06-07-02", ["4-01-02-01"]),
            new TitleRow("c", "", []),
            new TitleRow("d", "6-31-01-03", []),
        };
        var second = new Dictionary<string, TitleRow>
        {
            ["b"] = new("b", "4-01-02-00", []), // the second labeller's coarser code accepts the prediction
            ["c"] = new("c", "4-01-02-01", []), // no occupation for one, a code for the other
            ["d"] = new("d", "2-06-07-02", []),
        };
        Assert.Equal(3, TitleEvaluation.RightByEither(_ => "4-01-02-01", R.Occupations, rows, second));
        Assert.Equal(2, TitleEvaluation.RightByEither(_ => null, R.Occupations, rows, new Dictionary<string, TitleRow> { ["a"] = new("a", "", []), ["c"] = new("c", "", []) }));
    }
}
