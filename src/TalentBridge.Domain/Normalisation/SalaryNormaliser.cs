namespace TalentBridge.Domain.Normalisation;

/// <summary>
/// Reads Chinese job-posting salary text (<c>15-20K·14薪</c>, <c>年薪30万</c>, <c>200元/天</c>, <c>面议</c>) into
/// monthly yuan. One hand-written pass over the text, no regular expressions, no allocations beyond the result
/// for texts up to <see cref="StackLimit"/> characters.
/// </summary>
/// <remarks>
/// The first amount (or amount range) in the text is the salary; later numbers are ignored except a
/// months-paid count (<c>14薪</c>, <c>十四薪</c>). Annual amounts are divided by 12 whatever the months count,
/// daily amounts multiplied by 21.75 working days and hourly amounts by 8 × 21.75 hours.
/// </remarks>
public static class SalaryNormaliser
{
    private const double WorkingDaysPerMonth = 21.75;
    private const double WorkingHoursPerMonth = 8 * WorkingDaysPerMonth;
    private const int StackLimit = 256;
    private const int PlausibleMin = 500;
    private const int PlausibleMax = 500_000;

    private static readonly SalaryRange[] NoAlternatives = [];

    /// <summary>Normalises one salary text; never throws.</summary>
    public static Normalised<SalaryRange> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new(null, 0, NoAlternatives, "empty text");
        }

        Span<char> buffer = text.Length <= StackLimit ? stackalloc char[StackLimit] : new char[text.Length];
        var length = Compact(text, buffer);
        var reading = Scan(buffer[..length]);
        return Interpret(in reading);
    }

    /// <summary>What the scanner found, before units and periods are applied.</summary>
    private struct Reading
    {
        public double N1, N2;      // the amounts as written
        public double M1, M2;      // their multipliers: 0 none written, 1 元, 1000 K/千, 10000 W/万
        public int Count;          // amounts found: 0, 1 or 2
        public SalaryPeriod Period;
        public int Months;
        public bool AtLeast, AtMost, Base, Negotiable, Commission;
    }

    /// <summary>
    /// Folds full-width forms and dash variants to ASCII and drops white space, keeping a single space only
    /// where it separates two digits (so <c>3000 5000</c> does not become one number).
    /// </summary>
    private static int Compact(string text, Span<char> buffer)
    {
        var n = 0;
        var pendingSpace = false;
        foreach (var raw in text)
        {
            var c = Fold(raw);
            if (c == ' ')
            {
                pendingSpace = n > 0;
                continue;
            }

            if (pendingSpace && IsDigit(c) && IsDigit(buffer[n - 1]))
            {
                buffer[n++] = ' ';
            }

            pendingSpace = false;
            buffer[n++] = c;
        }

        return n;
    }

    private static char Fold(char c)
    {
        if (c < '\u0080')
        {
            return c switch
            {
                '\t' or '\r' or '\n' or '\v' or '\f' => ' ',
                '~' => '-',
                _ => c,
            };
        }

        if (c is >= '\uFF01' and <= '\uFF5E')
        {
            // Full-width ASCII: '１' → '1', 'Ｋ' → 'K', '－' → '-', '～' → '~' → '-'.
            c = (char)(c - 0xFEE0);
            return c == '~' ? '-' : c;
        }

        return c switch
        {
            '\u3000' or '\u00A0' or (>= '\u2000' and <= '\u200B') or '\u202F' or '\u205F' or '\uFEFF' => ' ',
            (>= '\u2010' and <= '\u2015') or '\u2212' or '\u301C' or '\u223C' or '至' or '到' => '-',
            '\u3001' => ',',
            _ => c,
        };
    }

    private static bool IsDigit(char c) => (uint)(c - '0') <= 9;

    private static Reading Scan(ReadOnlySpan<char> s)
    {
        var r = new Reading { Months = 12 };
        var stage = 0; // 0 before the first amount, 1 after it, 2 after a separator, 3 after the second, 4 closed
        var last = 0;  // which amount (1 or 2) a following unit, 以上 or 以下 belongs to; 0 none
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (IsDigit(c))
            {
                var end = ParseNumber(s, i, out var value);
                var next = end < s.Length ? s[end] : '\0';
                if (next == '薪')
                {
                    SetMonths(ref r, value);
                    i = end + 1;
                    last = 0;
                    continue;
                }

                if (IsOtherQuantity(s, end))
                {
                    // 3-5年经验, 18岁, 8小时, 5%: not money. A half-read range before it is dropped.
                    if (stage == 2)
                    {
                        stage = 0;
                        r.Count = 0;
                        r.M1 = 0;
                    }

                    i = end;
                    last = 0;
                    continue;
                }

                switch (stage)
                {
                    case 0:
                        r.N1 = value;
                        r.Count = 1;
                        stage = 1;
                        last = 1;
                        break;
                    case 2:
                        r.N2 = value;
                        r.Count = 2;
                        stage = 3;
                        last = 2;
                        break;
                    default:
                        stage = 4;
                        last = 0;
                        break;
                }

                i = end;
                continue;
            }

            var next1 = i + 1 < s.Length ? s[i + 1] : '\0';
            switch (c)
            {
                case 'k' or 'K' or '千':
                    SetUnit(ref r, last, 1000);
                    i++;
                    continue;
                case 'w' or 'W' or '万':
                    SetUnit(ref r, last, 10000);
                    i = TrailingThousands(s, i + 1, last, ref r);
                    continue;
                case '元' or '块':
                    SetUnit(ref r, last, 1);
                    i++;
                    continue;
                case '-':
                    if (stage == 1)
                    {
                        stage = 2;
                    }

                    last = 0;
                    i++;
                    continue;
                case '+':
                    if (last == 1 && stage == 1)
                    {
                        r.AtLeast = true;
                    }

                    last = 0;
                    i++;
                    continue;
                case '起':
                    if (last == 1 && stage == 1)
                    {
                        r.AtLeast = true;
                    }

                    last = 0;
                    i++;
                    continue;
                case '/' or '每':
                    {
                        var length = PeriodAt(s, i + 1, out var period);
                        if (length > 0)
                        {
                            r.Period = period;
                            i += 1 + length; // keep `last`: 3000元/月以上
                            continue;
                        }

                        break;
                    }
                case '以':
                    if (next1 is '上' or '下' or '内')
                    {
                        if (last == 1 && stage == 1)
                        {
                            r.AtLeast |= next1 == '上';
                            r.AtMost |= next1 != '上';
                        }

                        last = 0;
                        i += 2;
                        continue;
                    }

                    break;
                case '月' or '年' or '日' or '时' or '底' when next1 == '薪' || (c == '日' && next1 == '结'):
                    if (c == '底')
                    {
                        r.Base = true;
                    }
                    else
                    {
                        r.Period = c switch { '月' => SalaryPeriod.Month, '年' => SalaryPeriod.Year, '日' => SalaryPeriod.Day, _ => SalaryPeriod.Hour };
                    }

                    last = 0;
                    i += 2;
                    continue;
                case '面' when next1 is '议' or '谈':
                case '可' when next1 == '议':
                case '协' when next1 == '商':
                    r.Negotiable = true;
                    last = 0;
                    i += 2;
                    continue;
                case '提' when next1 == '成':
                case '计' when next1 == '件':
                case '按' when next1 == '件':
                case '佣' when next1 == '金':
                    r.Commission = true;
                    last = 0;
                    i += 2;
                    continue;
                default:
                    if (ChineseDigit(c) >= 0)
                    {
                        i = ChineseMonths(s, i, ref r);
                        last = 0;
                        continue;
                    }

                    break;
            }

            last = 0;
            i++;
        }

        return r;
    }

    /// <summary>Reads digits, thousands commas (<c>10,000</c>) and one decimal part; returns the index after the number.</summary>
    private static int ParseNumber(ReadOnlySpan<char> s, int start, out double value)
    {
        double mantissa = 0;
        var k = start;
        while (k < s.Length)
        {
            var c = s[k];
            if (IsDigit(c))
            {
                mantissa = (mantissa * 10) + (c - '0');
                k++;
            }
            else if (c == ',' && k + 3 < s.Length && IsDigit(s[k + 1]) && IsDigit(s[k + 2]) && IsDigit(s[k + 3])
                     && (k + 4 >= s.Length || !IsDigit(s[k + 4])))
            {
                k++;
            }
            else
            {
                break;
            }
        }

        double scale = 1;
        if (k + 1 < s.Length && s[k] == '.' && IsDigit(s[k + 1]))
        {
            k++;
            while (k < s.Length && IsDigit(s[k]))
            {
                mantissa = (mantissa * 10) + (s[k] - '0');
                scale *= 10;
                k++;
            }
        }

        value = mantissa / scale;
        return k;
    }

    /// <summary>A number followed by one of these counts something other than money.</summary>
    private static bool IsOtherQuantity(ReadOnlySpan<char> s, int k)
    {
        if (k >= s.Length)
        {
            return false;
        }

        return s[k] switch
        {
            '年' => k + 1 >= s.Length || s[k + 1] != '薪',
            '岁' or '个' or '人' or '名' or '号' or '点' or '周' or '次' or '届' or '险' or '%' => true,
            '小' => k + 1 < s.Length && s[k + 1] == '时',
            _ => false,
        };
    }

    /// <summary>The period word at <paramref name="k"/> after '/' or 每; returns its length, 0 when there is none.</summary>
    private static int PeriodAt(ReadOnlySpan<char> s, int k, out SalaryPeriod period)
    {
        period = SalaryPeriod.Unknown;
        if (k >= s.Length)
        {
            return 0;
        }

        var next = k + 1 < s.Length ? s[k + 1] : '\0';
        switch (s[k])
        {
            case '月':
                period = SalaryPeriod.Month;
                return 1;
            case '个' when next == '月':
                period = SalaryPeriod.Month;
                return 2;
            case '年':
                period = SalaryPeriod.Year;
                return 1;
            case '天' or '日':
                period = SalaryPeriod.Day;
                return 1;
            case '小' when next == '时':
                period = SalaryPeriod.Hour;
                return 2;
            case '时' or 'h' or 'H':
                period = SalaryPeriod.Hour;
                return 1;
            default:
                return 0;
        }
    }

    private static void SetUnit(ref Reading r, int last, double unit)
    {
        if (last == 1 && r.M1 == 0)
        {
            r.M1 = unit;
        }
        else if (last == 2 && r.M2 == 0)
        {
            r.M2 = unit;
        }
    }

    /// <summary>
    /// Reads the spoken form <c>1万5</c> (1.5万) or <c>1万5千</c>: one digit straight after 万 is thousands.
    /// Returns the index to continue from.
    /// </summary>
    private static int TrailingThousands(ReadOnlySpan<char> s, int k, int last, ref Reading r)
    {
        if (last == 0 || k >= s.Length || !IsDigit(s[k]))
        {
            return k;
        }

        var after = k + 1 < s.Length ? s[k + 1] : '\0';
        if (IsDigit(after) || after is '.' or ',' or '薪' or '天' or ' ' || IsOtherQuantity(s, k + 1)
            || (last == 1 ? r.M1 : r.M2) != 10000)
        {
            return k;
        }

        var thousands = (s[k] - '0') / 10.0;
        if (last == 1)
        {
            r.N1 += thousands;
        }
        else
        {
            r.N2 += thousands;
        }

        return after == '千' ? k + 2 : k + 1;
    }

    private static void SetMonths(ref Reading r, double value)
    {
        if (value is >= 10 and <= 24 && value == Math.Floor(value))
        {
            r.Months = (int)value;
        }
    }

    private static int ChineseDigit(char c) => c switch
    {
        '一' => 1,
        '二' or '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        '十' => 10,
        _ => -1,
    };

    /// <summary>Reads <c>十四薪</c>-style counts at <paramref name="start"/>; returns the index to continue from.</summary>
    private static int ChineseMonths(ReadOnlySpan<char> s, int start, ref Reading r)
    {
        var k = start;
        var total = 0;
        var current = 0;
        while (k < s.Length && k - start < 3)
        {
            var d = ChineseDigit(s[k]);
            if (d < 0)
            {
                break;
            }

            if (d == 10)
            {
                total += (current == 0 ? 1 : current) * 10;
                current = 0;
            }
            else
            {
                current = d;
            }

            k++;
        }

        if (k < s.Length && s[k] == '薪')
        {
            SetMonths(ref r, total + current);
            return k + 1;
        }

        return start + 1;
    }

    private static double Factor(SalaryPeriod period) => period switch
    {
        SalaryPeriod.Hour => WorkingHoursPerMonth,
        SalaryPeriod.Day => WorkingDaysPerMonth,
        SalaryPeriod.Year => 1.0 / 12,
        _ => 1,
    };

    private static Normalised<SalaryRange> Interpret(in Reading r)
    {
        if (r.Count == 0)
        {
            if (r.Negotiable)
            {
                return new(new SalaryRange(null, null, r.Months, r.Period, true, r.Commission), 0.95, NoAlternatives, "negotiable, no amount given");
            }

            if (r.Commission)
            {
                return new(new SalaryRange(null, null, r.Months, r.Period, false, true), 0.3, NoAlternatives, "commission or piece rate, no amount given");
            }

            return new(null, 0, NoAlternatives, "no salary amount found");
        }

        var range = r.Count == 2;
        var lo = r.N1;
        var hi = range ? r.N2 : r.N1;
        var m1 = r.M1;
        var m2 = range ? r.M2 : r.M1;
        var confidence = 0.95;
        string? note = null;

        if (range && m1 == 0 && m2 != 0)
        {
            // 0.8-1万, 15-20K, 200-300元: the unit after the second amount applies to both, unless the first is
            // already a plausible yuan amount larger than the second (8000-1.2万).
            if (lo > hi && lo >= 100 && m2 > 1)
            {
                m1 = 1;
                confidence = 0.9;
            }
            else
            {
                m1 = m2;
            }
        }
        else if (range && m1 != 0 && m2 == 0)
        {
            // 8K-12 reads as 8K-12K; 8K-12000 and 8000元-12000 as yuan.
            m2 = m1 > 1 && hi >= 100 ? 1 : m1;
            confidence = 0.9;
        }

        var period = r.Period;
        var bareTop = Math.Max(lo, hi);
        var alternative = false;
        if (m1 == 0)
        {
            // No unit anywhere: decide by size and period.
            if (period is SalaryPeriod.Hour or SalaryPeriod.Day)
            {
                m1 = 1;
            }
            else if (period == SalaryPeriod.Year)
            {
                if (bareTop < 1000)
                {
                    m1 = 10000;
                    confidence = 0.6;
                    note = "bare annual amount read as 万";
                }
                else
                {
                    m1 = 1;
                }
            }
            else if (bareTop < 100)
            {
                m1 = 1000;
                confidence = range ? 0.6 : 0.5;
                note = "bare amount read as thousands (K)";
                alternative = period == SalaryPeriod.Unknown;
            }
            else if (bareTop < 1000)
            {
                m1 = 1;
                if (period == SalaryPeriod.Unknown)
                {
                    period = SalaryPeriod.Day;
                    confidence = 0.4;
                    note = "bare amount under 1000 read as yuan per day";
                }
                else
                {
                    confidence = 0.6;
                }
            }
            else
            {
                m1 = 1;
                if (period == SalaryPeriod.Unknown)
                {
                    confidence = 0.85;
                }
            }

            m2 = m1;
        }

        var low = lo * m1;
        var high = hi * m2;
        if (low > high)
        {
            (low, high) = (high, low);
            (lo, hi) = (hi, lo);
            confidence = Math.Min(confidence - 0.25, 0.6);
            note = Append(note, "inverted range swapped");
        }

        var factor = Factor(period);
        var open = OpenEnds(in r);
        if (Math.Max(low, high) * factor > int.MaxValue)
        {
            return new(null, 0, NoAlternatives, "amount too large");
        }

        var min = open.NoMin ? null : (int?)Round(low * factor);
        var max = open.NoMax ? null : (int?)Round(high * factor);
        if (r.Commission)
        {
            confidence = Math.Min(confidence, 0.9);
        }

        if (min is < PlausibleMin or > PlausibleMax || max is < PlausibleMin or > PlausibleMax)
        {
            confidence = Math.Min(confidence, 0.3);
            note = Append(note, "monthly amount outside 500–500,000 yuan");
        }

        var value = new SalaryRange(min, max, r.Months, period, r.Negotiable, r.Commission);
        IReadOnlyList<SalaryRange> alternatives = NoAlternatives;
        if (alternative)
        {
            // 15-20 with no unit could also be an hourly wage in yuan.
            alternatives =
            [
                value with
                {
                    MonthlyMin = open.NoMin ? null : Round(lo * WorkingHoursPerMonth),
                    MonthlyMax = open.NoMax ? null : Round(hi * WorkingHoursPerMonth),
                    Period = SalaryPeriod.Hour,
                },
            ];
        }

        return new(value, confidence, alternatives, note);
    }

    private static (bool NoMin, bool NoMax) OpenEnds(in Reading r)
    {
        if (r.Count == 2)
        {
            return (false, false);
        }

        if (r.AtMost)
        {
            return (true, false);
        }

        // 3000以上, 4000+, 底薪4000+提成: a floor, not a fixed amount.
        return (false, r.AtLeast || r.Base || r.Commission);
    }

    private static int Round(double value) => (int)Math.Round(value, MidpointRounding.AwayFromZero);

    private static string Append(string? note, string more) => note is null ? more : note + "; " + more;
}
