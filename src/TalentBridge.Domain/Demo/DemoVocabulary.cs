namespace TalentBridge.Domain.Demo;

// Curated word lists for the demo-data generator. Chinese appears only in data strings.

/// <summary>A catalogue subtree an occupation is drawn from; titles, when given, name positions in it.</summary>
internal sealed record RootSpec(string Code, double Weight, string[]? Titles = null, string[]? Skills = null);

/// <summary>A family of related occupations sharing skills, education, majors and pay.</summary>
internal sealed class JobFamily
{
    public required string Key { get; init; }
    public required double LishuiWeight { get; init; }
    public required double ProvinceWeight { get; init; }
    public required RootSpec[] Roots { get; init; }
    public required string[] Skills { get; init; }
    /// <summary>Weights over <see cref="EducationLevel"/> 0..7.</summary>
    public required double[] Education { get; init; }
    public required string[] Majors { get; init; }
    public required string[] Certificates { get; init; }
    /// <summary>Typical monthly pay (yuan) for someone with a few years' experience.</summary>
    public required int SalaryLow { get; init; }
    public required int SalaryHigh { get; init; }
    /// <summary>Generic titles used now and then instead of the occupation's own (e.g. 普工).</summary>
    public string[] GenericTitles { get; init; } = [];
    public required double MaleShare { get; init; }
}

/// <summary>A kind of enterprise: its industries, name words and the families it hires from.</summary>
internal sealed class Sector
{
    public required string Key { get; init; }
    public required double LishuiWeight { get; init; }
    public required double ProvinceWeight { get; init; }
    /// <summary>GB/T 4754 divisions or classes whose classes the enterprise's industry is drawn from.</summary>
    public required string[] IndustryRoots { get; init; }
    public required string[] Words { get; init; }
    public required (string Family, double Weight)[] Hires { get; init; }
    /// <summary>Counties (6 digits) where this sector is much more common, with the multiplier.</summary>
    public (string County, double Boost)[] Home { get; init; } = [];
    /// <summary>Share of enterprises registered as 农民专业合作社 (USCC category 3).</summary>
    public double CooperativeShare { get; init; }
    public required string Business { get; init; }
}

internal static class DemoVocabulary
{
    private static readonly double[] WorkerEducation = [0.01, 0.04, 0.30, 0.38, 0.22, 0.05, 0, 0];
    private static readonly double[] ServiceEducation = [0.005, 0.03, 0.25, 0.37, 0.26, 0.085, 0, 0];
    private static readonly double[] GraduateEducation = [0, 0, 0, 0.01, 0.24, 0.62, 0.12, 0.01];

    public static readonly JobFamily[] Families =
    [
        new()
        {
            Key = "manufacturing", LishuiWeight = 24, ProvinceWeight = 27, MaleShare = 0.62,
            Roots =
            [
                new("6-18-01-00", 3, Skills: ["数控车床", "CNC编程", "机床操作", "识图", "铣削", "磨削", "量具使用"]), new("6-18-02-00", 2, Skills: ["焊接", "氩弧焊", "二氧化碳保护焊", "铸造", "锻造", "识图", "安全生产"]), new("6-18-03-00", 0.5, Skills: ["喷涂", "电镀", "抛光", "安全生产"]), new("6-18-04-00", 1, Skills: ["模具维修", "模具装配", "钳工", "CNC编程", "识图"]),
                new("6-19-01-00", 1, Skills: ["冲压", "装配", "抛光", "质量检验", "6S管理"]), new("6-20-01-00", 1.5, Skills: ["钳工", "装配", "识图", "设备调试", "质量检验"]), new("6-20-05-00", 1, Skills: ["装配", "钳工", "试压检测", "数控车床", "质量检验"]), new("6-22-01-00", 1.5, Skills: ["装配", "冲压", "焊接", "质量检验", "6S管理"]),
                new("6-24-02-00", 0.6, Skills: ["电工", "电气装配", "接线", "PLC", "质量检验"]), new("6-25-04-00", 1, Skills: ["SMT贴片", "电子焊接", "电子装配", "测试调试", "静电防护"]), new("6-05-01-00", 1.2, Skills: ["缝纫", "平车", "裁剪", "整烫", "质量检验"]), new("6-04-03-00", 0.5, Skills: ["织布", "挡车", "设备维护", "质量检验"]),
                new("6-06-03-00", 0.8, Skills: ["木工", "雕刻机操作", "油漆", "砂光", "装配"]), new("6-14-01-00", 0.3, Skills: ["注塑", "橡胶硫化", "模具维修", "安全生产"]), new("6-31-01-00", 1.5, Skills: ["电工", "设备维护", "PLC", "钳工", "液压维修"]), new("6-31-03-00", 1, Skills: ["质量检验", "量具使用", "理化检测", "6S管理"]),
                new("6-31-07-00", 0.3, Skills: ["工业机器人编程", "PLC", "设备维护", "识图"]), new("6-02-06-00", 0.5, Skills: ["茶叶加工", "酿酒", "食品安全", "设备操作"]), new("6-11-01-00", 0.3, Skills: ["化工操作", "DCS操作", "安全生产", "设备巡检"]),
            ],
            GenericTitles = ["普工", "操作工", "生产线操作员", "学徒工"],
            Skills = ["焊接", "数控车床", "CNC编程", "钳工", "装配", "质量检验", "叉车驾驶", "PLC", "电工", "模具维修", "机床操作", "识图", "设备维护", "缝纫", "注塑", "冲压", "6S管理", "安全生产"],
            Education = WorkerEducation,
            Majors = ["数控技术", "机电一体化技术", "模具设计与制造", "焊接技术与自动化", "电气自动化技术", "机械制造与自动化", "工业机器人技术", "服装设计与工艺"],
            Certificates = ["焊工证（特种作业操作证）", "低压电工作业证", "叉车司机证（N1）", "车工职业技能等级证书", "数控车工职业技能等级证书"],
            SalaryLow = 4_800, SalaryHigh = 7_800,
        },
        new()
        {
            Key = "craft", LishuiWeight = 2, ProvinceWeight = 0.4, MaleShare = 0.6,
            Roots = [new("6-09-03-00", 3, Skills: ["石雕", "木雕", "宝剑锻造", "工艺设计", "手绘"]), new("6-15-05-00", 2, Skills: ["青瓷拉坯", "青瓷施釉", "青瓷烧制", "修坯", "刻花"]), new("4-08-10-01", 0.6, ["陶瓷工艺师", "青瓷工艺师"], ["青瓷拉坯", "青瓷施釉", "工艺设计", "刻花"]), new("4-08-08-13", 0.4, ["陶瓷产品设计师"], ["工艺设计", "手绘", "三维建模"])],
            Skills = ["青瓷拉坯", "青瓷施釉", "青瓷烧制", "石雕", "宝剑锻造", "木雕", "工艺设计", "手绘", "修坯", "刻花"],
            Education = [0, 0.02, 0.25, 0.35, 0.23, 0.15, 0, 0],
            Majors = ["陶瓷设计与工艺", "工艺美术", "雕塑", "美术学", "产品设计"],
            Certificates = ["工艺美术师", "陶瓷工艺师职业技能等级证书", "浙江省工艺美术大师"],
            SalaryLow = 4_500, SalaryHigh = 11_000,
        },
        new()
        {
            Key = "sales", LishuiWeight = 14, ProvinceWeight = 15, MaleShare = 0.45,
            Roots =
            [
                new("4-01-02-00", 4, ["销售代表", "销售专员", "业务员", "导购", "门店店长", "区域销售经理"], ["销售谈判", "客户开发", "市场营销", "客户服务", "CRM"]),
                new("4-01-06-00", 2.2, ["电商运营专员", "直播带货主播", "网店客服", "互联网营销师", "短视频运营", "电商美工"], ["电商运营", "直播", "短视频剪辑", "淘宝运营", "抖音运营", "数据分析", "Photoshop"]),
                new("4-01-03-00", 0.6, ["外贸业务员", "采购专员", "跟单员"], ["外贸英语", "客户开发", "销售谈判", "跟单"]),
            ],
            Skills = ["销售谈判", "客户开发", "电商运营", "直播", "短视频剪辑", "淘宝运营", "抖音运营", "客户服务", "外贸英语", "市场营销", "数据分析", "CRM", "Photoshop"],
            Education = [0, 0.01, 0.12, 0.33, 0.35, 0.18, 0.01, 0],
            Majors = ["市场营销", "电子商务", "国际经济与贸易", "商务英语", "工商管理", "视觉传达设计"],
            Certificates = ["电子商务师职业技能等级证书", "互联网营销师职业技能等级证书", "外贸业务员证书"],
            SalaryLow = 4_500, SalaryHigh = 9_500,
        },
        new()
        {
            Key = "hospitality", LishuiWeight = 9, ProvinceWeight = 7, MaleShare = 0.4,
            Roots =
            [
                new("4-03-02-00", 3, Skills: ["中式烹饪", "面点制作", "茶艺", "餐饮服务", "收银"]), new("4-03-01-00", 2, ["前台接待", "客房服务员", "酒店大堂经理"], ["客房服务", "前台接待", "酒店管理", "收银"]),
                new("4-14-06-02", 1, Skills: ["民宿运营", "客房服务", "前台接待", "活动策划", "茶艺"]), new("4-07-04-00", 1.5, Skills: ["导游讲解", "活动策划", "旅游线路设计", "普通话"]),
            ],
            Skills = ["中式烹饪", "面点制作", "茶艺", "客房服务", "前台接待", "导游讲解", "民宿运营", "酒店管理", "餐饮服务", "活动策划", "收银"],
            Education = [0, 0.03, 0.30, 0.35, 0.25, 0.07, 0, 0],
            Majors = ["旅游管理", "酒店管理", "烹饪工艺与营养", "茶艺与茶文化", "休闲服务与管理"],
            Certificates = ["导游资格证", "中式烹调师职业技能等级证书", "茶艺师职业技能等级证书", "健康证"],
            SalaryLow = 4_000, SalaryHigh = 7_000,
        },
        new()
        {
            Key = "agriculture", LishuiWeight = 7, ProvinceWeight = 2.5, MaleShare = 0.6,
            Roots =
            [
                new("5-01-02-00", 3, Skills: ["茶叶种植", "食用菌栽培", "果蔬种植", "病虫害防治", "有机农业", "植保无人机"]), new("5-01-01-00", 0.4, Skills: ["育苗", "良种繁育", "病虫害防治"]), new("5-02-00-00", 1, Skills: ["林下经济", "育苗造林", "油茶种植", "竹林培育"]), new("5-03-02-00", 0.8, Skills: ["畜禽养殖", "疫病防控", "饲料配制"]),
                new("5-04-02-00", 0.5, Skills: ["稻鱼共生养殖", "水产养殖", "疫病防控"]), new("5-05-01-00", 1, Skills: ["农机操作", "植保无人机", "农产品电商", "病虫害防治"]), new("6-02-06-10", 1.5, Skills: ["茶叶加工", "炒茶", "茶叶审评"]), new("6-02-06-11", 0.3, Skills: ["茶叶审评", "茶叶加工", "茶艺"]),
            ],
            GenericTitles = ["种植技术员", "农场工人", "茶园管理员"],
            Skills = ["茶叶种植", "茶叶加工", "食用菌栽培", "果蔬种植", "稻鱼共生养殖", "畜禽养殖", "农机操作", "植保无人机", "农产品电商", "林下经济", "病虫害防治", "有机农业"],
            Education = [0.01, 0.10, 0.40, 0.30, 0.14, 0.05, 0, 0],
            Majors = ["园艺技术", "茶树栽培与茶叶加工", "作物生产技术", "畜牧兽医", "林学", "农业经济管理"],
            Certificates = ["农业经理人职业技能等级证书", "植保无人机驾驶证", "评茶员职业技能等级证书", "新型职业农民证书"],
            SalaryLow = 3_800, SalaryHigh = 6_500,
        },
        new()
        {
            Key = "engineering", LishuiWeight = 6, ProvinceWeight = 8, MaleShare = 0.78,
            Roots =
            [
                new("2-02-07-00", 4, ["机械设计工程师", "工艺工程师", "设备工程师", "模具设计师", "结构工程师"], ["CAD", "SolidWorks", "UG", "机械设计", "工艺设计", "有限元分析", "项目管理"]),
                new("2-02-11-00", 2, ["电气工程师", "自动化工程师", "PLC工程师"], ["PLC", "电气设计", "自动化控制", "CAD", "EPLAN"]),
                new("2-02-29-00", 1.5, ["质量工程师", "品质主管", "体系工程师"], ["质量管理", "ISO9001", "六西格玛", "FMEA", "SPC"]),
                new("2-02-30-00", 1, ["生产主管", "精益工程师", "生产计划工程师"], ["精益生产", "生产计划", "ERP", "项目管理"]),
                new("2-02-09-00", 1, ["电子工程师", "硬件工程师"], ["电路设计", "单片机", "Altium Designer", "嵌入式开发"]),
                new("2-02-06-00", 0.5, ["化工工艺工程师"], ["化工工艺", "安全生产", "DCS操作"]),
                new("2-02-34-00", 0.5, ["工业设计师", "产品设计师"], ["工业设计", "三维建模", "手绘", "SolidWorks"]),
                new("2-02-27-00", 0.5, ["环保工程师", "环境检测工程师"], ["环境监测", "环境影响评价", "污水处理"]),
                new("2-02-28-00", 0.5, ["安全工程师", "安全主管"], ["安全管理", "安全生产", "应急管理"]),
            ],
            Skills = ["CAD", "SolidWorks", "UG", "PLC", "机械设计", "工艺设计", "质量管理", "ISO9001", "六西格玛", "精益生产", "电气设计", "自动化控制", "FMEA", "项目管理", "有限元分析"],
            Education = GraduateEducation,
            Majors = ["机械设计制造及其自动化", "电气工程及其自动化", "自动化", "材料成型及控制工程", "测控技术与仪器", "工业设计", "化学工程与工艺", "安全工程", "环境工程"],
            Certificates = ["注册安全工程师", "六西格玛绿带", "ISO9001内审员证书", "机械工程师资格证书"],
            SalaryLow = 7_000, SalaryHigh = 14_000,
        },
        new()
        {
            Key = "it", LishuiWeight = 5, ProvinceWeight = 8, MaleShare = 0.72,
            Roots =
            [
                new("2-02-10-00", 5, ["Java开发工程师", "软件测试工程师", "运维工程师", "前端开发工程师", "网络工程师", "嵌入式软件工程师", "信息安全工程师", "系统架构师"], ["Java", "Python", "C++", "JavaScript", "Vue", "MySQL", "Linux", "Spring Boot", "软件测试", "网络安全", "嵌入式开发", "Go"]),
                new("2-02-38-00", 2, ["大数据工程师", "数据分析师", "人工智能工程师", "算法工程师", "物联网工程师", "云计算工程师"], ["Python", "数据分析", "机器学习", "Spark", "SQL", "深度学习", "物联网"]),
                new("4-04-05-00", 1.5, ["实施工程师", "IT技术支持", "数据标注员", "网站运维专员"], ["系统实施", "数据标注", "IT运维", "SQL"]),
                new("4-04-02-00", 0.5, ["网络维护员", "宽带装维工程师"], ["网络维护", "光纤熔接", "宽带装维"]),
            ],
            Skills = ["Java", "Python", "C++", "JavaScript", "Vue", "React", "MySQL", "Linux", "Spring Boot", "数据分析", "机器学习", "Docker", "Kubernetes", "网络安全", "软件测试", "嵌入式开发", "Go", "微信小程序开发"],
            Education = [0, 0, 0, 0.01, 0.22, 0.64, 0.12, 0.01],
            Majors = ["计算机科学与技术", "软件工程", "网络工程", "信息安全", "数据科学与大数据技术", "电子信息工程", "通信工程", "人工智能"],
            Certificates = ["软件设计师（中级）", "系统架构设计师（高级）", "网络工程师（中级）", "华为HCIP认证", "PMP项目管理认证"],
            SalaryLow = 8_000, SalaryHigh = 17_000,
        },
        new()
        {
            Key = "health", LishuiWeight = 6, ProvinceWeight = 6, MaleShare = 0.15,
            Roots =
            [
                new("2-05-08-00", 4, Skills: ["护理", "急救技能", "静脉输液", "健康宣教"]), new("2-05-01-00", 2, Skills: ["临床诊疗", "急救技能", "病历书写"]), new("2-05-02-00", 0.7, Skills: ["中医诊疗", "中医推拿", "针灸"]), new("2-05-06-00", 1, Skills: ["药学服务", "药品管理", "处方审核"]),
                new("2-05-07-00", 1, Skills: ["医学影像", "检验技术", "医疗设备操作"]), new("4-10-01-05", 2, Skills: ["养老护理", "康复护理", "生活照料"]), new("4-14-01-02", 1, Skills: ["护理", "生活照料", "急救技能"]), new("4-14-01-03", 0.5, Skills: ["健康管理", "养老护理", "康复护理"]),
            ],
            Skills = ["护理", "临床诊疗", "康复治疗", "药学服务", "养老护理", "急救技能", "医学影像", "检验技术", "中医推拿", "健康管理"],
            Education = [0, 0.01, 0.08, 0.12, 0.34, 0.38, 0.06, 0.01],
            Majors = ["护理学", "临床医学", "中医学", "药学", "医学影像技术", "医学检验技术", "康复治疗技术", "老年服务与管理"],
            Certificates = ["护士执业证书", "执业医师资格证书", "执业药师资格证书", "养老护理员职业技能等级证书"],
            SalaryLow = 5_000, SalaryHigh = 11_000,
        },
        new()
        {
            Key = "teaching", LishuiWeight = 5, ProvinceWeight = 5, MaleShare = 0.25,
            Roots =
            [
                new("2-08-02-00", 4, ["小学语文教师", "小学数学教师", "初中英语教师", "高中物理教师", "中学数学教师", "中职专业课教师"], ["教学设计", "班级管理", "课件制作", "英语教学", "数学教学", "普通话"]),
                new("2-08-03-00", 2, ["幼儿教师", "幼儿园保教老师"], ["幼儿教育", "钢琴", "舞蹈", "班级管理"]),
                new("2-08-01-00", 0.4, ["高校讲师", "高职专业教师"], ["教学设计", "科研项目申报", "课件制作"]),
                new("2-08-99-00", 1.5, ["培训讲师", "职业技能培训师", "早教老师", "美术老师"], ["职业技能培训", "课件制作", "美术", "心理辅导"]),
            ],
            Skills = ["教学设计", "班级管理", "课件制作", "英语教学", "数学教学", "幼儿教育", "心理辅导", "普通话", "钢琴", "职业技能培训"],
            Education = [0, 0, 0, 0.01, 0.20, 0.65, 0.13, 0.01],
            Majors = ["汉语言文学", "数学与应用数学", "英语", "学前教育", "小学教育", "物理学", "音乐学", "美术学", "心理学"],
            Certificates = ["教师资格证", "普通话二级甲等证书", "心理咨询师", "职业培训师证书"],
            SalaryLow = 5_500, SalaryHigh = 10_500,
        },
        new()
        {
            Key = "office", LishuiWeight = 10, ProvinceWeight = 10, MaleShare = 0.35,
            Roots =
            [
                new("3-01-02-00", 3, ["行政专员", "文员", "前台", "办公室主任", "行政助理"], ["行政管理", "公文写作", "档案管理", "Excel"]),
                new("2-06-03-00", 3, ["会计", "出纳", "财务主管", "成本会计", "税务会计"], ["财务核算", "会计", "出纳", "税务申报", "用友", "金蝶", "Excel"]),
                new("2-06-08-00", 1.5, ["人事专员", "招聘专员", "HRBP", "薪酬绩效专员"], ["招聘", "薪酬绩效", "人力资源", "Excel"]),
                new("2-06-07-00", 1, ["商务专员", "采购经理", "项目经理"], ["商务谈判", "采购管理", "项目管理", "Excel"]),
                new("2-06-09-00", 0.5, ["客户经理", "信贷专员"], ["信贷业务", "客户开发", "金融产品营销", "Excel"]),
                new("2-06-04-00", 0.4, ["审计专员", "内审主管"], ["审计", "财务核算", "Excel"]),
            ],
            Skills = ["财务核算", "会计", "出纳", "Excel", "税务申报", "用友", "金蝶", "行政管理", "人力资源", "招聘", "薪酬绩效", "公文写作", "档案管理", "商务谈判"],
            Education = [0, 0, 0.03, 0.15, 0.38, 0.40, 0.04, 0],
            Majors = ["会计学", "财务管理", "人力资源管理", "行政管理", "工商管理", "金融学", "审计学", "汉语言文学"],
            Certificates = ["初级会计专业技术资格", "中级会计专业技术资格", "注册会计师", "人力资源管理师", "税务师"],
            SalaryLow = 4_500, SalaryHigh = 9_000,
        },
        new()
        {
            Key = "logistics", LishuiWeight = 6, ProvinceWeight = 7, MaleShare = 0.85,
            Roots = [new("4-02-02-00", 3, Skills: ["驾驶（C1）", "驾驶（A2）", "道路货运", "车辆保养"]), new("4-02-06-00", 3, Skills: ["仓储管理", "WMS系统", "叉车驾驶", "分拣", "盘点"]), new("4-02-07-00", 2, Skills: ["配送", "分拣", "驾驶（C1）"]), new("4-02-05-00", 1, Skills: ["装卸搬运", "叉车驾驶", "分拣"])],
            GenericTitles = ["货车司机", "仓管员", "快递员", "配送员"],
            Skills = ["驾驶（C1）", "驾驶（A2）", "仓储管理", "叉车驾驶", "物流调度", "WMS系统", "分拣", "配送", "货运代理"],
            Education = [0.01, 0.05, 0.40, 0.35, 0.16, 0.03, 0, 0],
            Majors = ["物流管理", "现代物流管理", "汽车运用与维修技术", "供应链管理"],
            Certificates = ["机动车驾驶证（A2）", "道路运输从业资格证", "叉车司机证（N1）"],
            SalaryLow = 4_800, SalaryHigh = 8_500,
        },
        new()
        {
            Key = "construction", LishuiWeight = 6, ProvinceWeight = 6, MaleShare = 0.9,
            Roots =
            [
                new("6-29-01-00", 2, Skills: ["钢筋绑扎", "砌筑", "模板支护", "混凝土浇筑"]), new("6-29-03-00", 1.5, Skills: ["水电安装", "管道安装", "电工"]), new("6-29-04-00", 1.5, Skills: ["室内装修", "油漆", "瓷砖铺贴", "木工"]),
                new("2-02-18-00", 2, ["施工员", "造价工程师", "土建工程师", "项目经理", "监理工程师"], ["施工管理", "工程造价", "CAD", "BIM", "测量放线", "安全管理"]),
            ],
            Skills = ["施工管理", "工程造价", "CAD", "钢筋绑扎", "砌筑", "水电安装", "室内装修", "BIM", "测量放线", "安全管理"],
            Education = [0, 0.02, 0.33, 0.30, 0.22, 0.12, 0.01, 0],
            Majors = ["土木工程", "工程造价", "建筑工程技术", "建筑装饰工程技术", "给排水科学与工程", "工程管理"],
            Certificates = ["二级建造师", "一级建造师", "造价工程师", "施工员岗位证书", "高处作业证"],
            SalaryLow = 5_500, SalaryHigh = 10_500,
        },
    ];

    public static readonly Sector[] Sectors =
    [
        new()
        {
            Key = "machinery", LishuiWeight = 14, ProvinceWeight = 16,
            IndustryRoots = ["33", "34", "35", "36"],
            Words = ["机械", "机械制造", "精密机械", "汽摩配件", "阀门", "五金", "机电", "轴承", "工具", "智能装备"],
            Hires = [("manufacturing", 55), ("engineering", 16), ("sales", 8), ("office", 8), ("logistics", 5), ("it", 2)],
            Home = [("331122", 3), ("331102", 1.5), ("331181", 1.3)],
            Business = "机械零部件的研发、生产和销售",
        },
        new()
        {
            Key = "electrical", LishuiWeight = 6, ProvinceWeight = 10,
            IndustryRoots = ["38", "39", "40"],
            Words = ["电器", "电子", "电气", "光电", "照明", "电机", "半导体"],
            Hires = [("manufacturing", 50), ("engineering", 20), ("it", 6), ("sales", 8), ("office", 8), ("logistics", 4)],
            Home = [("331102", 1.8)],
            Business = "电气电子产品的研发、生产和销售",
        },
        new()
        {
            Key = "textile", LishuiWeight = 4, ProvinceWeight = 8,
            IndustryRoots = ["17", "18", "19"],
            Words = ["服饰", "纺织", "鞋业", "针织", "制衣"],
            Hires = [("manufacturing", 60), ("sales", 14), ("engineering", 6), ("office", 8), ("logistics", 5)],
            Business = "纺织服装的设计、生产和销售",
        },
        new()
        {
            Key = "wood", LishuiWeight = 5, ProvinceWeight = 3,
            IndustryRoots = ["20", "21", "2452", "2459", "2439"],
            Words = ["木业", "竹木", "家具", "玩具", "竹业"],
            Hires = [("manufacturing", 58), ("sales", 14), ("engineering", 6), ("office", 8), ("logistics", 6), ("craft", 3)],
            Home = [("331125", 8), ("331126", 3), ("331181", 2)],
            Business = "木制玩具、竹木制品的设计、生产和销售",
        },
        new()
        {
            Key = "celadon", LishuiWeight = 1.5, ProvinceWeight = 0.2,
            IndustryRoots = ["3074", "3075"],
            Words = ["青瓷", "瓷业", "窑业", "青瓷文化"],
            Hires = [("craft", 55), ("manufacturing", 10), ("sales", 18), ("office", 6), ("hospitality", 4)],
            Home = [("331181", 25)],
            Business = "龙泉青瓷的研发、烧制和销售",
        },
        new()
        {
            Key = "sword", LishuiWeight = 0.8, ProvinceWeight = 0.1,
            IndustryRoots = ["3324"],
            Words = ["宝剑", "剑业", "刀剑"],
            Hires = [("craft", 45), ("manufacturing", 25), ("sales", 18), ("office", 6)],
            Home = [("331181", 30)],
            Business = "龙泉宝剑、刀剑工艺品的锻造和销售",
        },
        new()
        {
            Key = "stone", LishuiWeight = 0.8, ProvinceWeight = 0.1,
            IndustryRoots = ["2431"],
            Words = ["石雕", "石艺", "雕刻艺术"],
            Hires = [("craft", 60), ("sales", 20), ("office", 6)],
            Home = [("331121", 30)],
            Business = "青田石雕工艺品的创作和销售",
        },
        new()
        {
            Key = "food", LishuiWeight = 6, ProvinceWeight = 5,
            IndustryRoots = ["13", "14", "15"],
            Words = ["茶业", "食品", "农产品", "菌业", "酒业", "生物科技"],
            Hires = [("manufacturing", 35), ("agriculture", 20), ("sales", 20), ("office", 8), ("logistics", 8), ("engineering", 4)],
            Home = [("331124", 3), ("331123", 2), ("331126", 2.5), ("331127", 1.5)],
            Business = "茶叶、食用菌等农产品的加工和销售",
        },
        new()
        {
            Key = "farming", LishuiWeight = 8, ProvinceWeight = 3,
            IndustryRoots = ["0142", "0164", "0141", "0151", "0152", "02", "03", "0412", "05"],
            Words = ["农业开发", "生态农业", "茶叶", "香菇", "果蔬", "家庭农场", "林业开发"],
            Hires = [("agriculture", 65), ("sales", 15), ("office", 6), ("logistics", 5), ("hospitality", 4)],
            Home = [("331124", 2), ("331126", 2), ("331123", 1.6), ("331127", 1.6), ("331121", 1.3)],
            CooperativeShare = 0.35,
            Business = "农产品的种植、养殖和销售",
        },
        new()
        {
            Key = "trade", LishuiWeight = 12, ProvinceWeight = 12,
            IndustryRoots = ["51", "52"],
            Words = ["贸易", "商贸", "电子商务", "进出口", "供应链", "百货"],
            Hires = [("sales", 55), ("office", 15), ("logistics", 15), ("it", 4)],
            Home = [("331121", 2.2), ("331102", 1.3)],
            Business = "商品批发零售和网络销售",
        },
        new()
        {
            Key = "tourism", LishuiWeight = 9, ProvinceWeight = 6,
            IndustryRoots = ["61", "62", "7861", "7862", "7869"],
            Words = ["旅游开发", "民宿", "酒店管理", "餐饮管理", "文化旅游", "农家乐"],
            Hires = [("hospitality", 65), ("sales", 12), ("office", 10), ("agriculture", 3)],
            Home = [("331127", 2.5), ("331123", 2), ("331124", 1.8), ("331125", 1.8), ("331122", 1.6)],
            Business = "文化旅游、住宿和餐饮服务",
        },
        new()
        {
            Key = "software", LishuiWeight = 4, ProvinceWeight = 8,
            IndustryRoots = ["63", "64", "65"],
            Words = ["网络科技", "信息技术", "软件", "数字科技", "智能科技", "数据科技"],
            Hires = [("it", 60), ("sales", 14), ("office", 12), ("engineering", 6)],
            Home = [("331102", 2.5), ("330106", 3), ("330108", 3), ("330110", 2)],
            Business = "软件开发、信息系统集成和数字化服务",
        },
        new()
        {
            Key = "building", LishuiWeight = 7, ProvinceWeight = 6,
            IndustryRoots = ["47", "48", "49", "50"],
            Words = ["建设", "建筑工程", "装饰工程", "市政工程", "水电安装"],
            Hires = [("construction", 70), ("engineering", 6), ("office", 12), ("logistics", 5)],
            Business = "建筑施工、装饰装修和市政工程",
        },
        new()
        {
            Key = "logistics", LishuiWeight = 4, ProvinceWeight = 5,
            IndustryRoots = ["54", "58", "59", "60"],
            Words = ["物流", "供应链管理", "运输", "快递服务"],
            Hires = [("logistics", 70), ("office", 12), ("sales", 10), ("it", 3)],
            Business = "道路货物运输、仓储和配送服务",
        },
        new()
        {
            Key = "health", LishuiWeight = 4, ProvinceWeight = 4,
            IndustryRoots = ["8415", "8425", "8512", "8514", "8416"],
            Words = ["健康管理", "医疗科技", "康复", "养老服务", "护理服务"],
            Hires = [("health", 75), ("office", 12), ("hospitality", 6)],
            Business = "医疗健康、康复护理和养老服务",
        },
        new()
        {
            Key = "education", LishuiWeight = 3, ProvinceWeight = 3,
            IndustryRoots = ["8391", "8393", "8394", "8399"],
            Words = ["教育科技", "职业技能培训", "文化传播", "教育咨询"],
            Hires = [("teaching", 70), ("office", 14), ("sales", 10), ("it", 3)],
            Business = "职业技能培训和教育咨询服务",
        },
        new()
        {
            Key = "services", LishuiWeight = 5, ProvinceWeight = 6,
            IndustryRoots = ["72", "73", "75"],
            Words = ["企业管理咨询", "人力资源", "财务咨询", "科技服务", "知识产权代理"],
            Hires = [("office", 55), ("sales", 20), ("it", 8), ("engineering", 8)],
            Business = "企业管理、人力资源和科技咨询服务",
        },
        new()
        {
            Key = "materials", LishuiWeight = 3.5, ProvinceWeight = 7,
            IndustryRoots = ["26", "27", "29", "30"],
            Words = ["新材料", "化工", "塑业", "制药", "生物科技", "合成革"],
            Hires = [("manufacturing", 48), ("engineering", 22), ("sales", 10), ("office", 8), ("logistics", 6), ("health", 1)],
            Home = [("331102", 1.8), ("331123", 1.3)],
            Business = "新材料和化工产品的研发、生产和销售",
        },
    ];

    /// <summary>Zhejiang's cities weighted roughly by resident population (millions, 2020 census).</summary>
    public static readonly (string City, double Weight)[] ZhejiangCities =
    [
        ("3301", 11.9), ("3302", 9.4), ("3303", 9.6), ("3304", 5.4), ("3305", 3.4), ("3306", 5.3),
        ("3307", 7.1), ("3308", 2.3), ("3309", 1.2), ("3310", 6.6), ("3311", 2.5),
    ];

    /// <summary>Lishui's nine counties weighted by population and economy: 莲都 first, then 龙泉, 青田, 缙云.</summary>
    public static readonly (string County, double Weight)[] LishuiCounties =
    [
        ("331102", 30), ("331181", 14), ("331121", 13), ("331122", 12), ("331123", 7),
        ("331124", 7), ("331125", 6), ("331126", 6), ("331127", 5),
    ];

    /// <summary>Common surnames with Zhejiang-flavoured weights (per mille, approximate).</summary>
    public static readonly (string Surname, double Weight)[] Surnames =
    [
        ("王", 70), ("李", 50), ("张", 55), ("刘", 38), ("陈", 65), ("杨", 28), ("黄", 22), ("赵", 20), ("吴", 35), ("周", 24),
        ("徐", 24), ("孙", 14), ("马", 10), ("朱", 16), ("胡", 18), ("郭", 8), ("何", 12), ("高", 9), ("林", 16), ("罗", 7),
        ("郑", 15), ("梁", 6), ("谢", 8), ("宋", 6), ("唐", 6), ("许", 9), ("韩", 5), ("冯", 5), ("邓", 4), ("曹", 5),
        ("彭", 4), ("曾", 3), ("肖", 4), ("田", 4), ("董", 5), ("袁", 5), ("潘", 8), ("于", 3), ("蒋", 8), ("蔡", 6),
        ("余", 6), ("杜", 4), ("叶", 14), ("程", 5), ("苏", 4), ("魏", 4), ("吕", 5), ("丁", 5), ("任", 4), ("沈", 10),
        ("姚", 6), ("卢", 5), ("姜", 4), ("崔", 2), ("钟", 5), ("谭", 2), ("陆", 6), ("汪", 6), ("范", 4), ("金", 9),
        ("石", 3), ("廖", 2), ("贾", 2), ("夏", 4), ("方", 7), ("邹", 3), ("应", 4), ("毛", 5), ("雷", 3), ("蓝", 0.8),
        ("季", 2), ("柳", 1.5), ("鲍", 1.5), ("项", 2.5), ("留", 0.8), ("钱", 5), ("楼", 2), ("施", 3), ("邵", 3), ("欧阳", 0.4),
    ];

    /// <summary>Extra weight for Lishui surnames: 叶 is very common there, 雷 蓝 钟 are 畲族 surnames.</summary>
    public static readonly (string Surname, double Factor, double JingningFactor)[] LishuiSurnameBoost =
    [
        ("叶", 4, 3), ("吴", 1.6, 1.3), ("毛", 2.5, 1.5), ("雷", 4, 25), ("蓝", 6, 60), ("钟", 2.5, 18),
        ("季", 2.5, 1), ("项", 2, 1), ("留", 4, 2), ("潘", 1.5, 1.5), ("周", 1.2, 1), ("刘", 0.8, 1), ("李", 0.8, 0.8),
    ];

    public static readonly string[] MaleOlder = ["建国", "建华", "国强", "志强", "建军", "卫东", "伟", "强", "军", "勇", "斌", "明", "刚", "平", "华", "国", "文", "志", "海", "峰", "林", "荣", "根", "福", "德", "忠", "庆", "春", "立", "新", "民", "兴", "金", "土", "水", "良", "永", "有", "松"];
    public static readonly string[] MaleYounger = ["伟", "磊", "杰", "涛", "超", "鹏", "辉", "飞", "鑫", "波", "宇", "浩", "凯", "健", "俊", "帆", "旭", "宁", "龙", "阳", "晨", "博", "轩", "睿", "泽", "宏", "毅", "豪", "航", "哲", "瑞", "锋", "晟", "昊", "铭", "楠", "彬", "逸", "天", "子"];
    public static readonly string[] FemaleOlder = ["秀英", "桂英", "红梅", "丽华", "美芳", "芳", "敏", "静", "丽", "艳", "娟", "霞", "燕", "玲", "红", "梅", "琴", "云", "英", "华", "兰", "凤", "萍", "秀", "珍", "月", "素", "菊", "彩", "春"];
    public static readonly string[] FemaleYounger = ["婷", "雪", "慧", "莹", "倩", "琳", "颖", "佳", "欣", "悦", "怡", "蕾", "洁", "晶", "璐", "瑶", "雯", "思", "雨", "嘉", "诗", "梦", "涵", "萱", "琪", "妍", "蕊", "晓", "丹", "露", "娜", "静", "敏", "芸", "彤", "可", "馨", "语", "依", "若"];

    /// <summary>Two-character brand words for enterprise names.</summary>
    public static readonly string[] BrandWords =
    [
        "瓯江", "括苍", "百山", "仙都", "卓信", "凤阳", "龙腾", "华鑫", "恒信", "宏达", "金润", "瑞丰", "盛源", "东方", "天成", "博远",
        "卓越", "新锐", "鼎盛", "永安", "嘉禾", "绿谷", "秀山", "青山", "碧湖", "丰源", "明德", "信达", "众诚", "聚力", "合创", "康达",
        "长荣", "泰和", "汇通", "润泽", "锦程", "金瓯", "华东", "中联", "立信", "伟业", "宇航", "星辰", "山海", "云峰", "松鹤", "金穗",
        "南明", "白云", "紫金", "景和", "欧亚", "侨乡", "万象", "凯盛", "正泰", "德力", "精工", "恒远", "骏马", "锐进", "启航", "同心",
    ];

    public static readonly string[] Benefits = ["五险一金", "包吃住", "年终奖", "带薪年假", "节日福利", "班车接送", "餐补", "住房补贴", "定期体检", "技能培训", "绩效奖金", "双休"];

    /// <summary>Real mainland mobile prefixes (China Mobile, Unicom, Telecom, Broadnet).</summary>
    public static readonly string[] MobilePrefixes =
    [
        "134", "135", "136", "137", "138", "139", "147", "150", "151", "152", "157", "158", "159", "172", "178", "182", "183", "184",
        "187", "188", "195", "198", "130", "131", "132", "155", "156", "166", "175", "176", "185", "186", "196", "133", "149", "153",
        "173", "177", "180", "181", "189", "190", "191", "193", "199", "192",
    ];

    public static string EducationName(EducationLevel level) => level switch
    {
        EducationLevel.None or EducationLevel.Primary => "学历不限",
        EducationLevel.JuniorHigh => "初中",
        EducationLevel.SeniorHigh => "高中/中专",
        EducationLevel.Associate => "大专",
        EducationLevel.Bachelor => "本科",
        EducationLevel.Master => "硕士",
        _ => "博士",
    };
}
