using System.Text;
using System.Data.Common;
using Dapper;
using TalentBridge.Domain;
using TalentBridge.Domain.Reference;
using TalentBridge.Domain.Search;

namespace TalentBridge.Platform.Storage;

/// <summary>Filters, sort and page shared by the three pool lists (pages and API).</summary>
public sealed record ListQuery
{
    public const int MaxPageSize = 100;

    /// <summary>Deep offsets get slow and nobody reads page 10,001; narrow the filters instead.</summary>
    public const int MaxPage = 10_000;

    /// <summary>Region code: the list shows this region's subtree.</summary>
    public string? Region { get; init; }
    /// <summary>Occupation code or prefix ("2-02", "2-02-10-03").</summary>
    public string? Occupation { get; init; }
    /// <summary>Industry section, division, group or class ("C", "13", "1311").</summary>
    public string? Industry { get; init; }
    public EducationLevel? Education { get; init; }
    /// <summary>Words that must each match (positions and talents: the text search of ADR 0009; enterprises: name or description contains it).</summary>
    public string? Text { get; init; }
    /// <summary>Positions of one enterprise.</summary>
    public long? EnterpriseId { get; init; }
    /// <summary>Only urgently needed (急需紧缺) positions.</summary>
    public bool? Urgent { get; init; }
    public PositionStatus? Status { get; init; }
    /// <summary>Positions paying at least this much a month at the top of their range (what a job seeker asks for).</summary>
    public int? MinSalary { get; init; }
    /// <summary>Positions offering this engagement mode (one of full-time, part-time, project, shared).</summary>
    public EngagementModes? Mode { get; init; }
    /// <summary>A sort key of the list, "-" in front for descending ("-postedOn").</summary>
    public string? Sort { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 20;

    public ValidationErrors Validate(ReferenceData reference, IReadOnlyCollection<string> sortKeys)
    {
        var errors = new ValidationErrors()
            .When(Page is < 1 or > MaxPage, "page", $"must be between 1 and {MaxPage}")
            .When(PageSize is < 1 or > MaxPageSize, "pageSize", $"must be between 1 and {MaxPageSize}")
            .Optional(Text, "text", 100)
            .When(Text?.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length > TextSearch.MaxWords, "text",
                $"must have at most {TextSearch.MaxWords} words separated by spaces");
        errors.When(Region is not null && reference.Regions.Find(Region) is null, "region", "must be a known region code");
        errors.When(Occupation is not null && reference.Occupations.Find(Occupation) is null
                && reference.Occupations.Find(PadOccupation(Occupation)) is null, "occupation", "must be an occupation code or prefix such as 2-02 or 2-02-10-03");
        errors.When(Industry is not null && reference.Industries.Find(Industry) is null, "industry", "must be a GB/T 4754-2017 code");
        errors.When(Education is { } e && !Enum.IsDefined(e), "education", "is not a valid EducationLevel");
        errors.When(MinSalary is < 0 or > 1_000_000, "minSalary", "must be between 0 and 1000000");
        errors.When(Mode is { } m && (m == EngagementModes.None || !Enum.IsDefined(m)), "mode", "must be one of FullTime, PartTime, Project, Shared");
        errors.When(Sort is not null && !sortKeys.Contains(Sort.TrimStart('-')), "sort", $"must be one of {string.Join(", ", sortKeys)} (prefix - for descending)");
        return errors;
    }

    /// <summary>"2-02" → "2-02-00-00"; full codes unchanged.</summary>
    public static string PadOccupation(string code)
    {
        var parts = code.Split('-');
        return parts.Length switch
        {
            1 => $"{parts[0]}-00-00-00",
            2 => $"{parts[0]}-{parts[1]}-00-00",
            3 => $"{parts[0]}-{parts[1]}-{parts[2]}-00",
            _ => code,
        };
    }
}

public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int PageNumber, int PageSize)
{
    public int PageCount => Total == 0 ? 1 : (Total + PageSize - 1) / PageSize;
}

/// <summary>Builds a parameterised WHERE clause; every value goes through a parameter.</summary>
internal sealed class Where
{
    private readonly List<string> _clauses = [];
    public DynamicParameters Parameters { get; } = new();

    public Where Add(string clause, string? name = null, object? value = null)
    {
        _clauses.Add(clause);
        if (name is not null)
        {
            Parameters.Add(name, value);
        }
        return this;
    }

    /// <summary>
    /// Keyword search: <paramref name="text"/> anywhere in any of <paramref name="columns"/>, with the
    /// LIKE wildcards in the text matched literally.
    /// </summary>
    public Where Text(string likeOperator, string text, params string[] columns)
    {
        var escaped = text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);
        Parameters.Add("text", $"%{escaped}%");
        _clauses.Add("(" + string.Join(" OR ", columns.Select(c => $"{c} {likeOperator} @text ESCAPE '\\'")) + ")");
        return this;
    }

    /// <summary>Codes stored padded to 12 digits: a subtree is the range [prefix000…, prefix999…].</summary>
    public Where RegionSubtree(string column, string regionCode, string name)
    {
        var (lo, hi) = RegionCatalogue.SubtreeRange(regionCode);
        Parameters.Add(name + "Lo", lo);
        Parameters.Add(name + "Hi", hi);
        _clauses.Add($"{column} BETWEEN @{name}Lo AND @{name}Hi");
        return this;
    }

    /// <summary>Hierarchical text codes ("2-02-10-03", "1311"): a prefix is the range [prefix, prefix~).</summary>
    public Where CodePrefix(string column, string prefix, string name)
    {
        Parameters.Add(name + "Lo", prefix);
        Parameters.Add(name + "Hi", prefix + "~");
        _clauses.Add($"{column} >= @{name}Lo AND {column} < @{name}Hi");
        return this;
    }

    public override string ToString()
    {
        if (_clauses.Count == 0)
        {
            return "";
        }
        var sb = new StringBuilder(" WHERE ");
        sb.AppendJoin(" AND ", _clauses);
        return sb.ToString();
    }
}

/// <summary>
/// The text search of a list (ADR 0009): every word must match, in the record's terms, the terms of a joined record
/// (a position's enterprise), its occupation (the word's synonyms) or its region (the word's region names). The
/// relevance is the sum over the words of the weights of what matched, in portable SQL, so both engines give the
/// same rows in the same order.
/// </summary>
internal static class TextMatch
{
    /// <summary>
    /// Adds one condition per word to <paramref name="where"/> (any of its <paramref name="parts"/> matches) and returns
    /// the relevance ORDER BY, with <paramref name="fallback"/> breaking ties.
    /// </summary>
    public static string Apply(Database db, Where where, IReadOnlyList<SearchWord> words, Func<WordSql, WordPart?[]> parts, string fallback)
    {
        var scores = new List<string>();
        for (var n = 0; n < words.Count; n++)
        {
            var matched = parts(new WordSql(db, where, words[n], $"w{n}")).OfType<WordPart>().ToList();
            where.Add("(" + string.Join(" OR ", matched.Select(p => p.Condition)) + ")");
            scores.AddRange(matched.Select(p => p.Score));
        }
        return $" ORDER BY {string.Join(" + ", scores)} DESC, {fallback}";
    }
}

/// <summary>One place a word may match: the condition that filters (set-based, for the index), the score that ranks.</summary>
internal sealed record WordPart(string Condition, string Score);

/// <summary>SQL pieces of one query word; every value goes through a parameter named after the word.</summary>
internal sealed class WordSql
{
    private readonly Database _db;
    private readonly SearchWord _word;
    private readonly string _name;
    private readonly Where _where;

    public WordSql(Database db, Where where, SearchWord word, string name)
    {
        (_db, _where, _word, _name) = (db, where, word, name);
        where.Parameters.Add(name, word.Term);
    }

    /// <summary>
    /// The word among the terms of record <paramref name="id"/> in <paramref name="table"/>, scoring the term's weight, one
    /// of <paramref name="weights"/>. Both are uncorrelated sets (each computed once per query), not a look-up per row: a
    /// per-row subquery makes PostgreSQL's planner expect a costly query and compile it (JIT), which alone takes 30 ms.
    /// </summary>
    public WordPart Terms(string table, string key, string id, params int[] weights)
    {
        var matches = $"{id} IN (SELECT {key} FROM {table} WHERE term = @{_name}";
        var cases = weights.OrderDescending().SkipLast(1).Select(w => $"WHEN {matches} AND weight = {w}) THEN {w} ");
        return new WordPart(matches + ")", $"CASE {string.Concat(cases)}WHEN {matches}) THEN {weights.Min()} ELSE 0 END");
    }

    /// <summary>
    /// <paramref name="condition"/>, given "a code column is one of the word's occupations", scoring <paramref name="weight"/>;
    /// null when the word names no occupation.
    /// </summary>
    public WordPart? Occupation(Func<Func<string, string>, string> condition, int weight)
    {
        if (_word.OccupationCodes.Count == 0)
        {
            return null;
        }
        _where.Parameters.Add(_name + "occ", _word.OccupationCodes.ToArray());
        var sql = condition(column => ListSql.InList(_db, column, _name + "occ"));
        return new WordPart(sql, $"CASE WHEN {sql} THEN {weight} ELSE 0 END");
    }

    /// <summary><paramref name="column"/> (a stored region code) in a region the word names, scoring <paramref name="weight"/>; null when it names none.</summary>
    public WordPart? Region(string column, int weight)
    {
        if (_word.RegionCodes.Count == 0)
        {
            return null;
        }
        var ranges = new List<string>();
        for (var i = 0; i < _word.RegionCodes.Count; i++)
        {
            var (lo, hi) = RegionCatalogue.SubtreeRange(_word.RegionCodes[i]);
            _where.Parameters.Add($"{_name}r{i}Lo", lo);
            _where.Parameters.Add($"{_name}r{i}Hi", hi);
            ranges.Add($"{column} BETWEEN @{_name}r{i}Lo AND @{_name}r{i}Hi");
        }
        var sql = "(" + string.Join(" OR ", ranges) + ")";
        return new WordPart(sql, $"CASE WHEN {sql} THEN {weight} ELSE 0 END");
    }
}

internal static class Sorting
{
    /// <summary>Maps an API sort key to an ORDER BY clause from a whitelist; the id breaks ties.</summary>
    public static string OrderBy(string? sort, IReadOnlyDictionary<string, string> columns, string fallback, string idColumn = "id")
    {
        if (string.IsNullOrEmpty(sort))
        {
            return $" ORDER BY {fallback}";
        }
        var descending = sort.StartsWith('-');
        var column = columns[sort.TrimStart('-')];
        var direction = descending ? "DESC" : "ASC";
        return $" ORDER BY {column} {direction}, {idColumn} {direction}";
    }
}

internal static class ListSql
{
    /// <summary>"column is one of @parameter" (an array parameter): = ANY on PostgreSQL, Dapper's IN expansion on SQLite.</summary>
    public static string InList(Database db, string column, string parameter) =>
        db.Engine == DatabaseEngine.Postgres ? $"{column} = ANY(@{parameter})" : $"{column} IN @{parameter}";

    /// <summary>A section ("C") covers a contiguous run of divisions; anything finer is a code prefix.</summary>
    public static void IndustryFilter(Where where, ReferenceData reference, string column, string code)
    {
        var industry = reference.Industries.Find(code);
        if (industry is { Level: 1 })
        {
            var divisions = reference.Industries.Children(industry.Code);
            where.Add($"{column} >= @industryLo AND {column} < @industryHi", "industryLo", divisions[0].Code);
            where.Parameters.Add("industryHi", divisions[^1].Code + "~");
        }
        else
        {
            where.CodePrefix(column, code, "industry");
        }
    }

    /// <summary>
    /// Counts the filtered rows and reads one page of them. <c>countFrom</c> is a cheaper FROM for the
    /// count when joined tables do not filter (null: the same as <c>table</c>).
    /// </summary>
    public static async Task<Page<T>> PageAsync<T>(Database db, string table, string columns, Where where, string orderBy,
        ListQuery query, Func<DbDataReader, T> read, string? countFrom, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var total = await connection.ExecuteScalarAsync<long>(
            new CommandDefinition($"SELECT count(*) FROM {countFrom ?? table}{where}", where.Parameters, cancellationToken: ct));
        where.Parameters.Add("take", query.PageSize);
        where.Parameters.Add("skip", (long)(query.Page - 1) * query.PageSize);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT {columns} FROM {table}{where}{orderBy} LIMIT @take OFFSET @skip", where.Parameters, cancellationToken: ct));
        var items = new List<T>(query.PageSize);
        while (await reader.ReadAsync(ct))
        {
            items.Add(read(reader));
        }
        return new Page<T>(items, (int)total, query.Page, query.PageSize);
    }
}
