using System.Buffers;

namespace TalentBridge.Domain.Normalisation;

/// <summary>
/// Finds the skills of a <see cref="SkillVocabulary"/> in job descriptions and résumés.
/// <para>The text is folded (ASCII lower case, full-width forms to ASCII; offsets unchanged) and scanned left to
/// right; at each position the longest acceptable curated name wins and scanning resumes after it. Tail (THUOCL)
/// terms are only taken in the gaps the curated names leave.</para>
/// <para>Boundaries: an end of a name that is an ASCII letter or digit must not touch another ASCII letter or digit
/// ("go" is not found in "google", "java" not in "javascript"; "c++" and "c#" end in symbols and are found in
/// "c++11" or "c#开发"). Any other end is judged by the <see cref="Segmenter"/>: a curated name may start or end
/// inside a segmentation word, but not both, since a hit that cuts words at both ends is a coincidence of characters
/// (工会|计划 does not contain 会计, 完美|发挥 not 美发), while 会计 in 会计师事务所 or 模具 in 模具工 are real
/// prefixes and 美发 in 美容美发 a real suffix. Tail terms must start and end on word boundaries.</para>
/// Immutable and thread-safe; the segmentation is computed only for texts where a non-Latin end must be judged.
/// </summary>
public sealed class SkillExtractor(SkillVocabulary vocabulary)
{
    private readonly SkillVocabulary _vocabulary = vocabulary ?? throw new ArgumentNullException(nameof(vocabulary));
    private readonly Segmenter _segmenter = Segmenter.Load();

    /// <summary>Every skill mention in <paramref name="text"/>, in text order, without overlaps.</summary>
    public IReadOnlyList<SkillMention> Extract(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }
        var n = text.Length;
        var folded = ArrayPool<char>.Shared.Rent(n);
        var tailEnds = ArrayPool<int>.Shared.Rent(n);
        var tailNames = ArrayPool<int>.Shared.Rent(n);
        var context = new Context(_segmenter, folded, n);
        try
        {
            Segmenter.Fold(text, folded);
            var curated = new List<SkillMention>();
            var names = _vocabulary.Names;
            var hasTail = false;
            var i = 0;
            while (i < n)
            {
                tailEnds[i] = 0;
                if (char.IsAsciiLetterOrDigit(folded[i]) && i > 0 && char.IsAsciiLetterOrDigit(folded[i - 1]))
                {
                    i++;
                    continue;
                }
                int bestEnd = 0, bestName = -1, tailEnd = 0, tailName = -1;
                var node = 0;
                for (var j = i; j < n; j++)
                {
                    node = names.Child(node, folded[j]);
                    if (node < 0)
                    {
                        break;
                    }
                    var name = names.Value(node);
                    if (name < 0)
                    {
                        continue;
                    }
                    var tail = _vocabulary.IsTail(_vocabulary.SkillOfName(name));
                    if (context.Accepts(i, j + 1, tail))
                    {
                        if (tail)
                        {
                            tailEnd = j + 1;
                            tailName = name;
                        }
                        else
                        {
                            bestEnd = j + 1;
                            bestName = name;
                        }
                    }
                }
                if (bestName >= 0)
                {
                    curated.Add(Mention(text, i, bestEnd, bestName));
                    i = bestEnd;
                }
                else
                {
                    if (tailName >= 0)
                    {
                        tailEnds[i] = tailEnd;
                        tailNames[i] = tailName;
                        hasTail = true;
                    }
                    i++;
                }
            }
            return hasTail ? MergeTail(text, curated, tailEnds, tailNames) : curated;
        }
        finally
        {
            context.Dispose();
            ArrayPool<char>.Shared.Return(folded);
            ArrayPool<int>.Shared.Return(tailEnds);
            ArrayPool<int>.Shared.Return(tailNames);
        }
    }

    /// <summary>The distinct skills mentioned in <paramref name="text"/>, in order of first mention.</summary>
    public IReadOnlyList<Skill> Distinct(string? text)
    {
        var mentions = Extract(text);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var skills = new List<Skill>(mentions.Count);
        foreach (var mention in mentions)
        {
            if (seen.Add(mention.Skill.Id))
            {
                skills.Add(mention.Skill);
            }
        }
        return skills;
    }

    /// <summary>Adds the tail terms that fit in the gaps between curated mentions, keeping text order.</summary>
    private List<SkillMention> MergeTail(string text, List<SkillMention> curated, int[] tailEnds, int[] tailNames)
    {
        var merged = new List<SkillMention>(curated.Count + 4);
        var next = 0;
        var i = 0;
        while (i < text.Length)
        {
            var gapEnd = next < curated.Count ? curated[next].Start : text.Length;
            if (i >= gapEnd)
            {
                var mention = curated[next++];
                merged.Add(mention);
                i = mention.Start + mention.Length;
                continue;
            }
            var end = tailEnds[i];
            if (end > 0 && end <= gapEnd)
            {
                merged.Add(Mention(text, i, end, tailNames[i]));
                i = end;
            }
            else
            {
                i++;
            }
        }
        return merged;
    }

    private SkillMention Mention(string text, int start, int end, int name) =>
        new(_vocabulary.Skills[_vocabulary.SkillOfName(name)], start, end - start, text.Substring(start, end - start));

    /// <summary>Per-call state: the folded text and, once needed, its segmentation-word boundaries.</summary>
    private struct Context(Segmenter segmenter, char[] folded, int length) : IDisposable
    {
        private bool[]? _boundary;

        /// <summary>Whether the name found at [start, end) is taken (see the class remarks).</summary>
        public bool Accepts(int start, int end, bool tail)
        {
            bool startCut, endCut;
            if (char.IsAsciiLetterOrDigit(folded[start]))
            {
                // Already checked by the caller: the previous character is not a Latin letter or digit.
                startCut = false;
            }
            else
            {
                startCut = !IsBoundary(start);
                if (startCut && tail)
                {
                    return false;
                }
            }
            if (char.IsAsciiLetterOrDigit(folded[end - 1]))
            {
                if (end < length && char.IsAsciiLetterOrDigit(folded[end]))
                {
                    return false;
                }
                endCut = false;
            }
            else
            {
                if (!tail && !startCut)
                {
                    return true;
                }
                endCut = !IsBoundary(end);
            }
            return !(startCut && endCut) && !(tail && endCut);
        }

        private bool IsBoundary(int position)
        {
            if (position == 0 || position == length)
            {
                return true;
            }
            _boundary ??= Segment();
            return _boundary[position];
        }

        private readonly bool[] Segment()
        {
            var boundary = ArrayPool<bool>.Shared.Rent(length + 1);
            var starts = ArrayPool<int>.Shared.Rent(length);
            var lengths = ArrayPool<int>.Shared.Rent(length);
            try
            {
                Array.Fill(boundary, true, 0, length + 1);
                var count = segmenter.Tokenize(folded.AsSpan(0, length), starts, lengths);
                for (var k = 0; k < count; k++)
                {
                    for (var p = starts[k] + 1; p < starts[k] + lengths[k]; p++)
                    {
                        boundary[p] = false;
                    }
                }
                return boundary;
            }
            finally
            {
                ArrayPool<int>.Shared.Return(starts);
                ArrayPool<int>.Shared.Return(lengths);
            }
        }

        public readonly void Dispose()
        {
            if (_boundary is not null)
            {
                ArrayPool<bool>.Shared.Return(_boundary);
            }
        }
    }
}
