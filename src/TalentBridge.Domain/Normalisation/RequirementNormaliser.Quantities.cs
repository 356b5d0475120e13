using static TalentBridge.Domain.Normalisation.RequirementText;

namespace TalentBridge.Domain.Normalisation;

public static partial class RequirementNormaliser
{
    private enum Unit
    {
        None,
        Year,
        Month,
        Measure,
    }

    private enum Bound
    {
        Bare,
        Min,
        Max,
        About,
    }

    /// <summary>
    /// Years of experience as a range. Value is null when nothing is recognised.
    /// </summary>
    /// <remarks>
    /// Ranges "3-5年", "3~5年", "3至5年", "三到五年", "3年-5年", "1-3年经验", "2-3 years", "3 to 5 years"
    /// (0.97; 0.8 without a unit). Minimums "3年以上", "3年及以上", "三年以上", "十年以上", "3+ years",
    /// "至少3年", "不少于3年", "超过3年", "at least 3 years", "over 5 years", "5 years or more" (0.95).
    /// Maximums "1年以下", "一年以内", "不超过1年", "less than 1 year", "within 1 year" → (0, n) (0.95).
    /// "3年左右" → (3, 3) (0.8). A bare "3年" → (3, null) (0.85); a bare number → (n, null) (0.6).
    /// Months and halves are widened to whole years ("6个月以上" → (0, null), "一年半以上" → (1, null), 0.9).
    /// Chinese numerals 零 to 九十九 with 两 and 半. Numbers before 岁, 届, 级, 人, 名 and years above 60
    /// (calendar years, ages) are skipped. "经验不限", "不限", "无经验", "无需经验", "接受小白", "0经验",
    /// "no experience", "not required", "entry level" → (0, null) NoRequirement (0.95);
    /// "应届", "应届毕业生", "2025届", "fresh graduate" → (0, 0) Graduate; "在校生", "实习", "学生",
    /// "intern", "student" → (0, 0) Student (0.95). A number followed by 优先 / "preferred" is a preference:
    /// with a no-requirement word it gives (0, null) NoRequirement with the range as alternative (0.85),
    /// otherwise the range at 0.7. Graduate / Student flags are kept alongside a range ("应届生或1年以内").
    /// </remarks>
    public static Normalised<ExperienceRequirement> Experience(string? text)
    {
        var source = text.AsSpan().Trim();
        if (source.IsEmpty)
        {
            return new(null, 0, [], "empty");
        }

        Span<char> buffer = source.Length <= StackLimit ? stackalloc char[StackLimit] : new char[source.Length];
        ReadOnlySpan<char> t = buffer[..Fold(source, buffer)];

        var noRequirement = Has(t, "不限") || Has(t, "无经验") || Has(t, "无需经验") || Has(t, "无工作经验")
            || Has(t, "无需工作经验") || Has(t, "不需要经验") || Has(t, "无要求") || Has(t, "不要求") || Has(t, "零经验")
            || Has(t, "0经验") || Has(t, "小白") || Has(t, "零基础") || Has(t, "no experience") || Has(t, "not required")
            || Has(t, "no requirement") || Has(t, "entry level") || Has(t, "entry-level") || HasWord(t, "any")
            || HasWord(t, "none") || HasWord(t, "unlimited");
        var graduate = Has(t, "应届") || Has(t, "届") || Has(t, "毕业生") || HasWord(t, "graduate")
            || HasWord(t, "graduates") || HasWord(t, "grad") || HasWord(t, "grads");
        var student = Has(t, "在校") || Has(t, "实习") || Has(t, "学生") || HasWord(t, "intern") || HasWord(t, "interns")
            || HasWord(t, "internship") || HasWord(t, "student") || HasWord(t, "students");

        if (TryQuantity(t, forHeadcount: false, out var q))
        {
            var minimum = (int)Math.Floor(q.Low);
            int? maximum = q.High is { } high ? (int)Math.Ceiling(high) : null;
            if (q.Bound == Bound.Max)
            {
                maximum = (int)Math.Ceiling(q.Low);
                minimum = 0;
            }

            var openZero = q.Low == 0 && maximum is null;
            var range = new ExperienceRequirement(minimum, maximum, openZero, graduate, student);
            if (q.Preferred)
            {
                return noRequirement
                    ? new(new ExperienceRequirement(0, null, true, graduate, student), 0.85, [range], "no requirement; experience preferred")
                    : new(range, 0.7, [], "experience is only preferred");
            }

            return new(range, q.Confidence, [], q.Note);
        }

        if (student || graduate)
        {
            return new(new ExperienceRequirement(0, noRequirement ? null : 0, noRequirement, graduate, student), 0.95, [],
                student ? "students or interns" : "fresh graduates");
        }

        return noRequirement
            ? new(new ExperienceRequirement(0, null, true, false, false), 0.95, [], "no experience required")
            : new(null, 0, [], "no experience requirement found");
    }

    /// <summary>
    /// Number of people to hire. Value is null when nothing is recognised.
    /// </summary>
    /// <remarks>
    /// "招3人", "3人", "3名", "3位", "招聘5名", "两名", "十人", "二十五人", "招１０人", "5 people", "3 positions"
    /// → (n, n) (0.95); a bare "3" → (3, 3) (0.85). Ranges "1-2人", "3~5名", "三至五人", "2-3 people"
    /// (0.95). Minimums "招10人以上", "10人及以上", "10+", "at least 3" → (n, null); maximums "3人以内",
    /// "不超过3人", "up to 5" → (1, n). "5人左右" → (5, 5) (0.8). "若干", "若干名", "不限" → (null, null)
    /// Unspecified (0.95); "不定", "待定" (0.9); "数名", "多名", "多人" (0.85); "several", "multiple", "many",
    /// "TBD" (0.8). Zero, fractions, ages, dates and amounts ("30岁", "8千", "5k") are not headcounts.
    /// </remarks>
    public static Normalised<HeadcountRequirement> Headcount(string? text)
    {
        var source = text.AsSpan().Trim();
        if (source.IsEmpty)
        {
            return new(null, 0, [], "empty");
        }

        Span<char> buffer = source.Length <= StackLimit ? stackalloc char[StackLimit] : new char[source.Length];
        ReadOnlySpan<char> t = buffer[..Fold(source, buffer)];

        if (TryQuantity(t, forHeadcount: true, out var q))
        {
            var low = (int)q.Low;
            var value = q.Bound switch
            {
                Bound.Min => new HeadcountRequirement(low, null, false),
                Bound.Max => new HeadcountRequirement(1, low, false),
                _ => new HeadcountRequirement(low, q.High is { } high ? (int)high : low, false),
            };
            return new(value, q.Confidence, [], q.Note);
        }

        var confidence = Has(t, "若干") || Has(t, "不限") ? 0.95
            : Has(t, "不定") || Has(t, "待定") ? 0.9
            : Has(t, "数名") || Has(t, "数人") || Has(t, "数位") || Has(t, "多名") || Has(t, "多人") || Has(t, "多位")
                || Has(t, "几名") || Has(t, "几人") ? 0.85
            : HasWord(t, "several") || HasWord(t, "multiple") || HasWord(t, "many") || HasWord(t, "various")
                || HasWord(t, "tbd") || HasWord(t, "unlimited") ? 0.8
            : 0;
        return confidence > 0
            ? new(new HeadcountRequirement(null, null, true), confidence, [], "headcount not specified")
            : new(null, 0, [], "no headcount found");
    }

    private readonly record struct Quantity(double Low, double? High, Bound Bound, double Confidence, bool Preferred, string? Note);

    /// <summary>Finds the first number in <paramref name="t"/> that reads as a year count or a headcount.</summary>
    private static bool TryQuantity(ReadOnlySpan<char> t, bool forHeadcount, out Quantity quantity)
    {
        var i = 0;
        while (i < t.Length)
        {
            if (!TryReadNumber(t, i, out _, out var end, out _))
            {
                i++;
                continue;
            }

            if (TryQuantityAt(t, i, forHeadcount, out quantity))
            {
                return true;
            }

            i = Math.Max(end, i + 1);
        }

        quantity = default;
        return false;
    }

    private static bool TryQuantityAt(ReadOnlySpan<char> t, int start, bool forHeadcount, out Quantity quantity)
    {
        quantity = default;
        TryReadNumber(t, start, out var low, out var j, out var chinese);
        var plus = false;
        j = SkipSpaces(t, j);
        if (j < t.Length && t[j] == '+')
        {
            plus = true;
            j++;
        }

        var unit = ReadUnit(t, ref j, forHeadcount, ref low);
        if (!plus && j < t.Length && t[j] == '+')
        {
            plus = true;
            j++;
        }

        var rejected = unit == Unit.None && Rejected(t, j);
        double? high = null;
        var rangeUnit = unit;
        if (!plus)
        {
            var k = ReadRangeSeparator(t, j);
            if (k >= 0 && TryReadNumber(t, k, out var second, out var m, out var chinese2))
            {
                var secondUnit = ReadUnit(t, ref m, forHeadcount, ref second);
                if (secondUnit == Unit.None && Rejected(t, m))
                {
                    return false;
                }

                rangeUnit = secondUnit != Unit.None ? secondUnit : unit;
                if (rangeUnit == Unit.None && (chinese || chinese2))
                {
                    return false;
                }

                high = secondUnit == Unit.Month || (secondUnit == Unit.None && unit == Unit.Month) ? second / 12 : second;
                if (unit == Unit.Month || (unit == Unit.None && secondUnit == Unit.Month))
                {
                    low /= 12;
                }

                j = m;
            }
        }

        if (rejected && high is null)
        {
            return false;
        }

        if (high is null && chinese && unit == Unit.None && !(forHeadcount && j >= t.Length))
        {
            return false;
        }

        if (high is null && unit == Unit.Month)
        {
            low /= 12;
        }

        // Calendar years, ages and implausible numbers are not requirements.
        var limit = forHeadcount ? 100_000 : 60;
        if (low > limit || high > limit)
        {
            return false;
        }

        var rounded = unit == Unit.Month || rangeUnit == Unit.Month;
        if (forHeadcount && (low != Math.Floor(low) || (high is { } h && h != Math.Floor(h))))
        {
            return false;
        }

        rounded |= low != Math.Floor(low) || (high is { } hh && hh != Math.Floor(hh));
        var q = SkipFillers(t, j);
        var bound = Bound.Bare;
        if (high is null)
        {
            bound = plus || AtAny(t, q, MinSuffixes) ? Bound.Min
                : AtAny(t, q, MaxSuffixes) ? Bound.Max
                : AtAny(t, q, AboutSuffixes) ? Bound.About
                : EndsBeforeAny(t, start, MinPrefixes) ? Bound.Min
                : EndsBeforeAny(t, start, MaxPrefixes) ? Bound.Max
                : Bound.Bare;
        }

        if (forHeadcount && low <= 0)
        {
            return false;
        }

        var hasUnit = unit != Unit.None || rangeUnit != Unit.None;
        double confidence;
        string? note = null;
        if (high is not null)
        {
            confidence = hasUnit ? (forHeadcount ? 0.95 : 0.97) : (forHeadcount && HeadcountContext(t) ? 0.9 : 0.8);
            if (high < low)
            {
                (low, high) = (high.Value, low);
                confidence = 0.8;
                note = "range given high to low";
            }
        }
        else if (bound == Bound.About)
        {
            confidence = 0.8;
            note = "approximate";
            high = low;
        }
        else if (forHeadcount)
        {
            confidence = hasUnit || HeadcountContext(t) ? 0.95
                : j >= t.Length && start == 0 ? 0.85
                : bound != Bound.Bare ? 0.85
                : 0.75;
        }
        else if (bound == Bound.Bare)
        {
            confidence = hasUnit ? 0.85 : 0.6;
            note = "single number read as a minimum";
            bound = Bound.Min;
        }
        else
        {
            confidence = hasUnit ? 0.95 : 0.7;
        }

        if (rounded)
        {
            confidence = Math.Min(confidence, 0.9);
            note ??= "widened to whole years";
        }

        if (bound == Bound.Min)
        {
            high = null;
        }

        var rest = t[q..];
        var stop = rest.IndexOfAny(',', ';', '/');
        if (stop >= 0)
        {
            rest = rest[..stop];
        }

        var preferred = Has(rest, "优先") || Has(rest, "prefer");
        quantity = new Quantity(low, high, bound, confidence, preferred, note);
        return true;
    }

    private static bool HeadcountContext(ReadOnlySpan<char> t) =>
        Has(t, "招") || Has(t, "需") || Has(t, "名额") || Has(t, "人数") || Has(t, "hir") || Has(t, "need") || Has(t, "opening");

    /// <summary>Characters after a unit-less number that show it is something else (age, cohort, money, date).</summary>
    private static bool Rejected(ReadOnlySpan<char> t, int j)
    {
        j = SkipSpaces(t, j);
        if (j >= t.Length)
        {
            return false;
        }

        return t[j] is '岁' or '届' or '级' or '万' or '千' or '元' or '块' or '%' or '号' or '日' or '天' or '点' or '周'
            or 'k' or 'w' or '年' or '月' or '人' or '名' or '位' or '个' or '.' or ':' || char.IsAsciiLetter(t[j]);
    }

    private static Unit ReadUnit(ReadOnlySpan<char> t, ref int j, bool forHeadcount, ref double value)
    {
        var k = SkipSpaces(t, j);
        if (forHeadcount)
        {
            if (k < t.Length && t[k] is '人' or '名' or '位' or '个')
            {
                j = k + 1;
                if (j < t.Length && t[j] is '人' or '名')
                {
                    j++;
                }

                return Unit.Measure;
            }

            foreach (var word in HeadcountWords)
            {
                if (AtWord(t, k, word))
                {
                    j = k + word.Length;
                    return Unit.Measure;
                }
            }

            return Unit.None;
        }

        if (At(t, k, "周年"))
        {
            j = k + 2;
        }
        else if (At(t, k, "年"))
        {
            j = k + 1;
        }
        else if (At(t, k, "个半月"))
        {
            value += 0.5;
            j = k + 3;
            return Unit.Month;
        }
        else if (At(t, k, "个月") || At(t, k, "月"))
        {
            j = k + (t[k] == '个' ? 2 : 1);
            return Unit.Month;
        }
        else
        {
            foreach (var word in YearWords)
            {
                if (AtWord(t, k, word))
                {
                    j = k + word.Length;
                    return Unit.Year;
                }
            }

            foreach (var word in MonthWords)
            {
                if (AtWord(t, k, word))
                {
                    j = k + word.Length;
                    return Unit.Month;
                }
            }

            return Unit.None;
        }

        if (j < t.Length && t[j] == '半')
        {
            value += 0.5;
            j++;
        }

        return Unit.Year;
    }

    private static readonly string[] YearWords = ["years", "year", "yrs", "yr"];
    private static readonly string[] MonthWords = ["months", "month", "mos"];
    private static readonly string[] HeadcountWords =
        ["people", "persons", "person", "positions", "position", "openings", "opening", "vacancies", "vacancy", "heads", "headcount", "hc", "pax", "hires"];
    private static readonly string[] Fillers = ["工作", "相关", "行业", "经验", "的"];
    private static readonly string[] MinSuffixes =
        ["及以上", "或以上", "以上", "起", "或更多", "or more", "or above", "and above", "and up", "plus", "+"];
    private static readonly string[] MaxSuffixes =
        ["及以下", "或以下", "以下", "以内", "之内", "内", "or less", "or fewer", "or below", "and below", "and under"];
    private static readonly string[] AboutSuffixes = ["左右", "上下", "around", "approx"];
    private static readonly string[] MinPrefixes =
        ["至少", "最少", "不少于", "不低于", "超过", "大于", "多于", "满", "at least", "more than", "over", "minimum", "min", "min.", "above"];
    private static readonly string[] MaxPrefixes =
        ["不超过", "不多于", "不到", "少于", "小于", "低于", "最多", "less than", "under", "up to", "within", "below", "max", "maximum", "at most"];

    private static int SkipFillers(ReadOnlySpan<char> t, int j)
    {
        j = SkipSpaces(t, j);
        var moved = true;
        while (moved && j < t.Length)
        {
            moved = false;
            foreach (var filler in Fillers)
            {
                if (At(t, j, filler))
                {
                    j = SkipSpaces(t, j + filler.Length);
                    moved = true;
                }
            }
        }

        return j;
    }

    private static bool AtAny(ReadOnlySpan<char> t, int j, string[] values)
    {
        foreach (var value in values)
        {
            if (At(t, j, value))
            {
                return true;
            }
        }

        return false;
    }

    private static bool EndsBeforeAny(ReadOnlySpan<char> t, int end, string[] values)
    {
        foreach (var value in values)
        {
            if (EndsBefore(t, end, value))
            {
                var head = t[..end].TrimEnd(' ');
                var before = head.Length - value.Length - 1;
                // "over" must be a word, not the end of "turnover"; "超过" is not the end of "不超过".
                if (before < 0 || (char.IsAsciiLetter(value[0]) ? !char.IsAsciiLetter(head[before]) : value[0] == '不' || head[before] != '不'))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool AtWord(ReadOnlySpan<char> t, int k, string word) =>
        At(t, k, word) && (k + word.Length >= t.Length || !char.IsAsciiLetter(t[k + word.Length]));
}
