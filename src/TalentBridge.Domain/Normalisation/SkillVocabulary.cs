using System.Globalization;
using System.Text;

namespace TalentBridge.Domain.Normalisation;

/// <summary>
/// The skills TalentBridge recognises, with every name they go by. Two layers:
/// <list type="number">
/// <item>the curated list <c>data/reference/skills/skills.tsv</c> (id, name, category, synonyms separated by |):
/// ids are lower-case ASCII kebab-case slugs;</item>
/// <item>a lower-priority tail of IT terms from THUOCL (<c>THUOCL_IT.txt</c>): terms that contain a Han character,
/// have at least <see cref="TailMinimumLength"/> characters and a document frequency of at least
/// <see cref="TailMinimumFrequency"/>, are not stop words, not in <c>thuocl-exclusions.txt</c> and not already a
/// curated name. Their id is <c>term:</c> + the folded term, their category "it-term".</item>
/// </list>
/// Names are folded (ASCII lower case, full-width forms to ASCII) and must map to one skill only; a single
/// Latin letter is never a name ("c" alone is not a skill, "c语言" is). Immutable and thread-safe.
/// </summary>
public sealed class SkillVocabulary
{
    /// <summary>Minimum THUOCL document frequency for a tail term.</summary>
    public const int TailMinimumFrequency = 2000;

    /// <summary>Minimum length of a tail term.</summary>
    public const int TailMinimumLength = 2;

    /// <summary>Category of the THUOCL tail.</summary>
    public const string TailCategory = "it-term";

    private const string CuratedResource = "reference/skills/skills.tsv";
    private const string TailResource = "reference/skills/THUOCL_IT.txt";
    private const string ExclusionsResource = "reference/skills/thuocl-exclusions.txt";
    private const string StopWordsResource = "reference/segmentation/stop_words.utf8";

    private static readonly Lazy<SkillVocabulary> Default = new(
        () => new SkillVocabulary(
            ReadLines(CuratedResource),
            ReadLines(TailResource),
            ReadLines(ExclusionsResource).Concat(ReadLines(StopWordsResource))),
        LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Skill[] _skills;
    private readonly Dictionary<string, int> _byId = new(StringComparer.Ordinal);
    private readonly int[] _nameSkill;

    /// <summary>Builds a vocabulary from the lines of the curated TSV, the THUOCL list and the terms to leave out of the tail.</summary>
    internal SkillVocabulary(IEnumerable<string> curatedLines, IEnumerable<string> tailLines, IEnumerable<string> tailExclusions)
    {
        var skills = new List<Skill>();
        var names = new List<string>();
        var nameSkill = new List<int>();
        var nameIndex = new Dictionary<string, int>(StringComparer.Ordinal);

        var lineNumber = 0;
        foreach (var line in curatedLines)
        {
            lineNumber++;
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var fields = line.Split('\t');
            if (fields.Length is < 3 or > 4)
            {
                throw new InvalidDataException($"skills.tsv:{lineNumber}: expected id, name, category and synonyms separated by tabs.");
            }
            var id = fields[0].Trim();
            if (!IsSlug(id))
            {
                throw new InvalidDataException($"skills.tsv:{lineNumber}: id '{id}' is not a lower-case ASCII kebab-case slug.");
            }
            var skill = new Skill(id, fields[1].Trim(), fields[2].Trim());
            var index = Add(skill, lineNumber);
            AddName(skill.Name, index, lineNumber, curated: true);
            if (fields.Length == 4)
            {
                foreach (var synonym in fields[3].Split('|'))
                {
                    AddName(synonym, index, lineNumber, curated: true);
                }
            }
        }
        CuratedCount = skills.Count;

        var excluded = new HashSet<string>(tailExclusions
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => Segmenter.Fold(l.Trim())), StringComparer.Ordinal);
        lineNumber = 0;
        foreach (var line in tailLines)
        {
            lineNumber++;
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab <= 0)
            {
                continue;
            }
            var term = line[..tab].Trim();
            if (!int.TryParse(line.AsSpan(tab + 1).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var frequency))
            {
                throw new InvalidDataException($"THUOCL_IT.txt:{lineNumber}: expected 'term<TAB>frequency'.");
            }
            var folded = Segmenter.Fold(term);
            if (frequency < TailMinimumFrequency || term.Length < TailMinimumLength || !term.Any(IsHan)
                || excluded.Contains(folded) || nameIndex.ContainsKey(folded))
            {
                continue;
            }
            var index = Add(new Skill("term:" + folded, term, TailCategory), lineNumber);
            AddName(folded, index, lineNumber, curated: false);
        }

        _skills = [.. skills];
        _nameSkill = [.. nameSkill];
        Names = CharTrie.Build(names);
        Skills = Array.AsReadOnly(_skills);

        int Add(Skill skill, int line)
        {
            if (!_byId.TryAdd(skill.Id, skills.Count))
            {
                throw new InvalidDataException($"skills line {line}: duplicate id '{skill.Id}'.");
            }
            skills.Add(skill);
            return skills.Count - 1;
        }

        void AddName(string name, int skill, int line, bool curated)
        {
            var folded = Segmenter.Fold(name.Trim());
            if (folded.Length == 0)
            {
                return;
            }
            if (folded.Length == 1 && char.IsAsciiLetter(folded[0]))
            {
                throw new InvalidDataException($"skills.tsv:{line}: a single Latin letter ('{name}') is not a skill name.");
            }
            if (nameIndex.TryGetValue(folded, out var known))
            {
                if (nameSkill[known] != skill && curated)
                {
                    throw new InvalidDataException(
                        $"skills.tsv:{line}: '{name}' already names {skills[nameSkill[known]].Id}, cannot also name {skills[skill].Id}.");
                }
                return;
            }
            nameIndex[folded] = names.Count;
            names.Add(folded);
            nameSkill.Add(skill);
        }
    }

    /// <summary>The vocabulary of the embedded curated list and THUOCL tail (built once, on first use).</summary>
    public static SkillVocabulary Load() => Default.Value;

    /// <summary>Number of skills, curated and tail.</summary>
    public int Count => _skills.Length;

    /// <summary>Number of curated skills; they come first in <see cref="Skills"/>.</summary>
    public int CuratedCount { get; }

    /// <summary>All skills: the curated ones in file order, then the tail.</summary>
    public IReadOnlyList<Skill> Skills { get; }

    /// <summary>Folded names (names and synonyms) in a trie; the value of a name indexes <see cref="SkillOfName"/>.</summary>
    internal CharTrie Names { get; }

    /// <summary>Index in <see cref="Skills"/> of the skill a name (trie value) belongs to.</summary>
    internal int SkillOfName(int name) => _nameSkill[name];

    /// <summary>Whether the skill at <paramref name="index"/> belongs to the lower-priority tail.</summary>
    internal bool IsTail(int index) => index >= CuratedCount;

    /// <summary>The skill with this id, or the skill one of whose names equals <paramref name="idOrName"/> (folded, trimmed).</summary>
    public Skill? Find(string idOrName)
    {
        if (string.IsNullOrWhiteSpace(idOrName))
        {
            return null;
        }
        var key = idOrName.Trim();
        if (_byId.TryGetValue(key, out var index))
        {
            return _skills[index];
        }
        var name = Names.Find(Segmenter.Fold(key));
        return name < 0 ? null : _skills[_nameSkill[name]];
    }

    private static bool IsSlug(string id)
    {
        if (id.Length == 0 || id[0] == '-' || id[^1] == '-' || id.Contains("--", StringComparison.Ordinal))
        {
            return false;
        }
        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsHan(char c) => c is >= '\u4E00' and <= '\u9FFF';

    private static List<string> ReadLines(string logicalName)
    {
        using var stream = typeof(SkillVocabulary).Assembly.GetManifestResourceStream(logicalName)
            ?? throw new InvalidOperationException($"Embedded resource '{logicalName}' is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }
        return lines;
    }
}
