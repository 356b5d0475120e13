using static TalentBridge.Domain.Normalisation.RequirementText;

namespace TalentBridge.Domain.Normalisation;

/// <summary>
/// Normalisers for the short requirement fields of job postings: education level, years of experience
/// and headcount. Pure and allocation-light (one result object per call; the text is folded into a stack
/// buffer and scanned once), so they are fit for millions of rows.
/// </summary>
/// <remarks>
/// Input is folded first: full-width digits, letters and punctuation become ASCII, dashes become '-',
/// wave dashes '~', letters are lowered and white space is dropped (kept only between two ASCII words).
/// Confidence: explicit forms 0.95 or more; several levels / ranges without a unit around 0.8-0.9;
/// guesses (bare numbers, "college", "大学", preferred-only levels) 0.6-0.8; nothing found 0.
/// </remarks>
public static partial class RequirementNormaliser
{
    private const int NoneExplicit = 10;
    private const int NoneGeneric = 11;
    private const int PreferredMarker = 12;
    private const int UpperMarker = 13;
    private const double Weak = 0.8;

    /// <summary>
    /// Minimum education level. The shape is <c>Normalised&lt;EducationLevel?&gt;</c> because
    /// <c>Normalised&lt;T&gt;.Value</c> is <c>T?</c>, which for an unconstrained value type is just
    /// <c>T</c>: with <c>EducationLevel?</c> a null Value means "nothing recognisable", while
    /// <see cref="EducationLevel.None"/> means "no requirement" ("学历不限", "不限"). Alternatives hold the
    /// other levels mentioned (never null), in ascending order.
    /// </summary>
    /// <remarks>
    /// Chinese: 博士(后) → Doctorate; 硕士, 研究生 → Master; 本科, 学士, 大学本科, 专升本 → Bachelor; 大专,
    /// 专科, 大学专科, 高职, 高专 → Associate; 高中, 中专, 中技, 中职, 技校, 技工学校, 职高, 职校 → SeniorHigh;
    /// 初中 → JuniorHigh; 小学 → Primary; 学历不限, 不限学历, 无学历要求 → None (0.98); 不限, 无要求 → None
    /// (0.95) when no level is named. Qualifiers such as 统招, 全日制, 及以上, 以上 are ignored (a level is
    /// always a minimum). Several levels ("本科/硕士") → the lowest, the rest as alternatives (0.9). A level
    /// followed by 优先 / "preferred" is a preference, not a minimum ("本科及以上，硕士优先" → Bachelor with
    /// Master as alternative); a preferred-only text gives that level at 0.7. "高中以下" → None (0.7) with
    /// the level as alternative. "大学" alone → Bachelor (0.75).
    /// English: PhD, Doctor(ate) → Doctorate; Master('s), MBA, EMBA, MSc, MEng, MPhil, postgraduate → Master;
    /// Bachelor('s), BSc, BEng, undergraduate → Bachelor; associate → Associate; high school, secondary →
    /// SeniorHigh; junior high, middle school → JuniorHigh; primary, elementary → Primary; any, none,
    /// unlimited, no requirement, not required → None. Guesses: "college" → Associate (0.7, since in Chinese
    /// postings it usually renders 大专, though in US usage it may mean a bachelor's degree), "university"
    /// → Bachelor (0.75), "degree" alone → Bachelor (0.6), "graduate degree" → Master (0.75).
    /// </remarks>
    public static Normalised<EducationLevel?> Education(string? text)
    {
        var source = text.AsSpan().Trim();
        if (source.IsEmpty)
        {
            return new(null, 0, [], "empty");
        }

        Span<char> buffer = source.Length <= StackLimit ? stackalloc char[StackLimit] : new char[source.Length];
        ReadOnlySpan<char> t = buffer[..Fold(source, buffer)];

        Span<double> confidence = stackalloc double[8];
        int required = 0, preferred = 0, upper = 0;
        bool noneExplicit = false, noneGeneric = false, college = false;
        int pendingLevel = -1, pendingKind = 0;
        var i = 0;
        while (i < t.Length)
        {
            var code = MatchEducation(t, i, out var length, out var conf);
            if (code < 0)
            {
                i++;
                continue;
            }

            i += length;
            switch (code)
            {
                case NoneExplicit:
                    noneExplicit = true;
                    break;
                case NoneGeneric:
                    noneGeneric = true;
                    break;
                case PreferredMarker:
                    if (pendingLevel >= 0)
                    {
                        pendingKind = 1;
                    }

                    break;
                case UpperMarker:
                    if (pendingLevel >= 0)
                    {
                        pendingKind = 2;
                    }

                    break;
                default:
                    Flush(pendingLevel, pendingKind, ref required, ref preferred, ref upper);
                    pendingLevel = code;
                    pendingKind = 0;
                    confidence[code] = Math.Max(confidence[code], conf);
                    college |= code == (int)EducationLevel.Associate && conf < Weak;
                    break;
            }
        }

        Flush(pendingLevel, pendingKind, ref required, ref preferred, ref upper);

        // Guesses ("degree", "大学", "college") give way when a clear level is named.
        var weakMask = 0;
        var strongMask = 0;
        for (var level = 0; level < 8; level++)
        {
            if (confidence[level] > 0)
            {
                if (confidence[level] < Weak)
                {
                    weakMask |= 1 << level;
                }
                else
                {
                    strongMask |= 1 << level;
                }
            }
        }

        if (strongMask != 0)
        {
            required &= ~weakMask | strongMask;
            preferred &= ~weakMask | strongMask;
            upper &= ~weakMask | strongMask;
        }

        var all = required | preferred | upper;
        if (noneExplicit)
        {
            return all == 0
                ? new(EducationLevel.None, 0.98, [], "no education requirement")
                : new(EducationLevel.None, 0.85, Levels(all, -1), "no requirement stated; other levels mentioned");
        }

        if (required != 0)
        {
            var min = LowestBit(required);
            var conf = confidence[min];
            string? note = null;
            if ((required & (required - 1)) != 0)
            {
                conf = Math.Min(conf, 0.9);
                note = "several levels: the lowest is the minimum";
            }
            else if (all != required)
            {
                note = "other levels mentioned as preferred";
            }

            if (college && min == (int)EducationLevel.Associate)
            {
                note = "'college' read as 大专 (Associate); in US usage it may mean a bachelor's degree";
            }

            return new((EducationLevel)min, conf, Levels(all, min), note);
        }

        if (preferred != 0)
        {
            if (noneGeneric)
            {
                return new(EducationLevel.None, 0.85, Levels(all, -1), "no requirement; a level is preferred");
            }

            var min = LowestBit(preferred);
            return new((EducationLevel)min, Math.Min(confidence[min], 0.7), Levels(all, min), "only a preferred level");
        }

        if (upper != 0)
        {
            return new(EducationLevel.None, 0.7, Levels(all, -1), "only an upper bound");
        }

        return noneGeneric
            ? new(EducationLevel.None, 0.95, [], "no requirement")
            : new(null, 0, [], "no education level found");
    }

    private static void Flush(int level, int kind, ref int required, ref int preferred, ref int upper)
    {
        if (level < 0)
        {
            return;
        }

        switch (kind)
        {
            case 1:
                preferred |= 1 << level;
                break;
            case 2:
                upper |= 1 << level;
                break;
            default:
                required |= 1 << level;
                break;
        }
    }

    private static int LowestBit(int mask) => System.Numerics.BitOperations.TrailingZeroCount(mask);

    private static EducationLevel?[] Levels(int mask, int except)
    {
        mask &= except >= 0 ? ~(1 << except) : ~0;
        if (mask == 0)
        {
            return [];
        }

        var result = new EducationLevel?[System.Numerics.BitOperations.PopCount((uint)mask)];
        var n = 0;
        for (var level = 0; level < 8; level++)
        {
            if ((mask & (1 << level)) != 0)
            {
                result[n++] = (EducationLevel)level;
            }
        }

        return result;
    }

    /// <summary>Level (0-7) or marker code of the keyword at <paramref name="i"/>, or -1.</summary>
    private static int MatchEducation(ReadOnlySpan<char> t, int i, out int length, out double confidence)
    {
        length = 2;
        confidence = 0.95;
        var c = t[i];
        if (char.IsAsciiLetter(c))
        {
            return i > 0 && char.IsAsciiLetter(t[i - 1]) ? -1 : MatchEnglishEducation(t, i, out length, out confidence);
        }

        switch (c)
        {
            case '博' when At(t, i, "博士后"):
                length = 3;
                return (int)EducationLevel.Doctorate;
            case '博' when At(t, i, "博士"):
                return (int)EducationLevel.Doctorate;
            case '硕' when At(t, i, "硕士"):
                return (int)EducationLevel.Master;
            case '研' when At(t, i, "研究生"):
                length = 3;
                return (int)EducationLevel.Master;
            case '本' when At(t, i, "本科"):
                return (int)EducationLevel.Bachelor;
            case '学' when At(t, i, "学历不限"):
                length = 4;
                return NoneExplicit;
            case '学' when At(t, i, "学历无要求"):
                length = 5;
                return NoneExplicit;
            case '学' when At(t, i, "学士"):
                return (int)EducationLevel.Bachelor;
            case '大' when At(t, i, "大学专科"):
                length = 4;
                return (int)EducationLevel.Associate;
            case '大' when At(t, i, "大学本科"):
                length = 4;
                return (int)EducationLevel.Bachelor;
            case '大' when At(t, i, "大专"):
                return (int)EducationLevel.Associate;
            case '大' when At(t, i, "大学"):
                confidence = 0.75;
                return (int)EducationLevel.Bachelor;
            case '专' when At(t, i, "专升本"):
                length = 3;
                confidence = 0.9;
                return (int)EducationLevel.Bachelor;
            case '专' when At(t, i, "专科"):
                return (int)EducationLevel.Associate;
            case '高' when At(t, i, "高中"):
                return (int)EducationLevel.SeniorHigh;
            case '高' when At(t, i, "高职") || At(t, i, "高专"):
                confidence = 0.9;
                return (int)EducationLevel.Associate;
            case '中' when At(t, i, "中专") || At(t, i, "中技") || At(t, i, "中职"):
                return (int)EducationLevel.SeniorHigh;
            case '技' when At(t, i, "技工学校"):
                length = 4;
                return (int)EducationLevel.SeniorHigh;
            case '技' when At(t, i, "技校"):
                return (int)EducationLevel.SeniorHigh;
            case '职' when At(t, i, "职高"):
                return (int)EducationLevel.SeniorHigh;
            case '职' when At(t, i, "职校"):
                confidence = 0.85;
                return (int)EducationLevel.SeniorHigh;
            case '初' when At(t, i, "初中"):
                return (int)EducationLevel.JuniorHigh;
            case '小' when At(t, i, "小学"):
                return (int)EducationLevel.Primary;
            case '不' when At(t, i, "不限学历"):
                length = 4;
                return NoneExplicit;
            case '不' when At(t, i, "不限"):
                return NoneGeneric;
            case '不' when At(t, i, "不要求"):
                length = 3;
                return NoneGeneric;
            case '无' when At(t, i, "无学历要求"):
                length = 5;
                return NoneExplicit;
            case '无' when At(t, i, "无要求") || At(t, i, "无限制"):
                length = 3;
                return NoneGeneric;
            case '优' when At(t, i, "优先"):
                return PreferredMarker;
            case '以' when At(t, i, "以下"):
                return UpperMarker;
            default:
                return -1;
        }
    }

    private static int MatchEnglishEducation(ReadOnlySpan<char> t, int i, out int length, out double confidence)
    {
        Span<char> buffer = stackalloc char[24];
        var word = ReadWord(t, i, buffer, out var end);
        var next = SkipSpaces(t, end);
        length = end - i;
        confidence = 0.9;
        if (word.StartsWith("phd", StringComparison.Ordinal) || word.StartsWith("doctor", StringComparison.Ordinal))
        {
            return (int)EducationLevel.Doctorate;
        }

        if (word.StartsWith("master", StringComparison.Ordinal) || word.StartsWith("postgrad", StringComparison.Ordinal)
            || Is(word, "mba") || Is(word, "emba") || Is(word, "msc") || Is(word, "meng") || Is(word, "mphil"))
        {
            return (int)EducationLevel.Master;
        }

        if (word.StartsWith("bachelor", StringComparison.Ordinal) || word.StartsWith("undergrad", StringComparison.Ordinal)
            || Is(word, "bsc") || Is(word, "beng"))
        {
            return (int)EducationLevel.Bachelor;
        }

        if (word.StartsWith("associate", StringComparison.Ordinal))
        {
            return (int)EducationLevel.Associate;
        }

        if (word.StartsWith("college", StringComparison.Ordinal))
        {
            confidence = 0.7;
            return (int)EducationLevel.Associate;
        }

        if (Is(word, "high") && At(t, next, "school"))
        {
            length = next + 6 - i;
            return (int)EducationLevel.SeniorHigh;
        }

        if (Is(word, "secondary"))
        {
            confidence = 0.8;
            return (int)EducationLevel.SeniorHigh;
        }

        if ((Is(word, "junior") && (At(t, next, "high") || At(t, next, "middle"))) || (Is(word, "middle") && At(t, next, "school")))
        {
            length = next + 6 - i;
            return (int)EducationLevel.JuniorHigh;
        }

        if (Is(word, "primary") || Is(word, "elementary"))
        {
            confidence = 0.85;
            return (int)EducationLevel.Primary;
        }

        if (word.StartsWith("universit", StringComparison.Ordinal))
        {
            confidence = 0.75;
            return (int)EducationLevel.Bachelor;
        }

        if (Is(word, "graduate") && At(t, next, "degree"))
        {
            length = next + 6 - i;
            confidence = 0.75;
            return (int)EducationLevel.Master;
        }

        if (word.StartsWith("degree", StringComparison.Ordinal))
        {
            confidence = 0.6;
            return (int)EducationLevel.Bachelor;
        }

        if (Is(word, "any") || Is(word, "none") || Is(word, "unlimited")
            || (Is(word, "no") && (At(t, next, "requirement") || At(t, next, "degree") || At(t, next, "limit")))
            || (Is(word, "not") && At(t, next, "required")))
        {
            return NoneGeneric;
        }

        if (word.StartsWith("prefer", StringComparison.Ordinal) || Is(word, "plus"))
        {
            return PreferredMarker;
        }

        if (Is(word, "below") || Is(word, "lower"))
        {
            return UpperMarker;
        }

        return -1;
    }

    private static bool Is(ReadOnlySpan<char> word, string value) => word.Equals(value, StringComparison.Ordinal);

    /// <summary>Reads an ASCII word at <paramref name="i"/>, dropping inner '.' and '\'' ("Ph.D." → "phd", "master's" → "masters").</summary>
    private static ReadOnlySpan<char> ReadWord(ReadOnlySpan<char> t, int i, Span<char> buffer, out int end)
    {
        var n = 0;
        var j = i;
        while (j < t.Length)
        {
            var c = t[j];
            if (char.IsAsciiLetter(c))
            {
                if (n < buffer.Length)
                {
                    buffer[n++] = c;
                }
            }
            else if (!(c is '.' or '\'' or '\u2019' && j + 1 < t.Length && char.IsAsciiLetter(t[j + 1])))
            {
                break;
            }

            j++;
        }

        end = j;
        return buffer[..n];
    }

    private static bool HasWord(ReadOnlySpan<char> t, string word)
    {
        var from = 0;
        while (from < t.Length)
        {
            var k = t[from..].IndexOf(word, StringComparison.Ordinal);
            if (k < 0)
            {
                return false;
            }

            k += from;
            var after = k + word.Length;
            if ((k == 0 || !char.IsAsciiLetter(t[k - 1])) && (after >= t.Length || !char.IsAsciiLetter(t[after])))
            {
                return true;
            }

            from = k + 1;
        }

        return false;
    }
}
