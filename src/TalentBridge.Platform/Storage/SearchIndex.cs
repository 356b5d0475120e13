using System.Data.Common;
using Dapper;
using TalentBridge.Domain.Pools;
using TalentBridge.Domain.Search;

namespace TalentBridge.Platform.Storage;

/// <summary>
/// The text-search index in the database (ADR 0009): tables <c>position_terms</c>, <c>talent_terms</c> and
/// <c>enterprise_terms</c>, one row per record and term with the weight of its best field. The stores call
/// <c>WriteAsync</c> in the transaction of each create and update (a delete takes the rows with it), so a
/// saved record is found at once, on every node. <see cref="IndexMissingAsync"/> indexes records written without
/// terms (demo bulk loads, rows from before migration 0014) at start-up.
/// </summary>
public sealed class SearchIndex(Database db, TextSearch search)
{
    /// <summary>Field weights: a word in the title (a talent's name, skills) counts more than one in the description.</summary>
    public const int TitleWeight = 4, OccupationWeight = 3, SkillWeight = 3, NameWeight = 2, EnterpriseWeight = 2, DescriptionWeight = 1, RegionWeight = 1;

    private const int Batch = 2_000;

    private static readonly (string Table, string Key) Positions = ("position_terms", "position_id");
    private static readonly (string Table, string Key) Talents = ("talent_terms", "talent_id");
    private static readonly (string Table, string Key) Enterprises = ("enterprise_terms", "enterprise_id");

    private sealed record TermRow(long Id, string Term, int Weight);

    private static string InsertTerm((string Table, string Key) kind) => $"INSERT INTO {kind.Table} ({kind.Key}, term, weight) VALUES (@Id, @Term, @Weight)";

    private Dictionary<string, int> PositionTerms(string title, string? description)
    {
        var terms = new Dictionary<string, int>(StringComparer.Ordinal);
        search.AddTerms(terms, title, TitleWeight);
        search.AddTerms(terms, description, DescriptionWeight);
        return terms;
    }

    private Dictionary<string, int> TalentTerms(string name, string? major, IEnumerable<string> skills, IEnumerable<string> certificates)
    {
        var terms = new Dictionary<string, int>(StringComparer.Ordinal);
        search.AddName(terms, name, TitleWeight);
        foreach (var skill in skills)
        {
            search.AddTerms(terms, skill, SkillWeight);
        }
        search.AddTerms(terms, major, NameWeight);
        foreach (var certificate in certificates)
        {
            search.AddTerms(terms, certificate, NameWeight);
        }
        return terms;
    }

    private Dictionary<string, int> EnterpriseTerms(string name)
    {
        var terms = new Dictionary<string, int>(StringComparer.Ordinal);
        search.AddTerms(terms, name, EnterpriseWeight);
        return terms;
    }

    /// <summary>The words of a list's text filter, the first <see cref="TextSearch.MaxWords"/> of them; null without text.</summary>
    public IReadOnlyList<SearchWord>? Words(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : search.Parse(text).Take(TextSearch.MaxWords).ToList();

    internal Task WriteAsync(DbConnection c, DbTransaction tx, long id, Position p, CancellationToken ct) =>
        WriteAsync(c, tx, Positions, id, PositionTerms(p.Title, p.Description), ct);

    internal Task WriteAsync(DbConnection c, DbTransaction tx, long id, Talent t, CancellationToken ct) =>
        WriteAsync(c, tx, Talents, id, TalentTerms(t.Name, t.Major, t.Skills.Select(s => s.Name), t.Certificates), ct);

    internal Task WriteAsync(DbConnection c, DbTransaction tx, long id, Enterprise e, CancellationToken ct) =>
        WriteAsync(c, tx, Enterprises, id, EnterpriseTerms(e.Name), ct);

    /// <summary>Replaces the terms of one record inside the caller's transaction.</summary>
    private static async Task WriteAsync(DbConnection c, DbTransaction tx, (string Table, string Key) kind, long id, Dictionary<string, int> terms, CancellationToken ct)
    {
        await c.ExecuteAsync(new CommandDefinition($"DELETE FROM {kind.Table} WHERE {kind.Key} = @id", new { id }, tx, cancellationToken: ct));
        await BulkInsert.WriteAsync(c, tx, InsertTerm(kind),
            Rows(id, terms), ct);
    }

    private static IEnumerable<TermRow> Rows(long id, Dictionary<string, int> terms) =>
        terms.Select(t => new TermRow(id, t.Key, t.Value)).Append(new TermRow(id, TextSearch.IndexedMarker, 0));

    /// <summary>Indexes every record that has no terms yet, in batches of one transaction each; returns how many.</summary>
    public async Task<long> IndexMissingAsync(CancellationToken ct)
    {
        var positions = await IndexKindAsync(Positions,
            "SELECT id, title, description FROM positions x", r => PositionTerms(r.GetString(1), r.NullableString(2)), ct);
        var talents = await IndexKindAsync(Talents,
            "SELECT id, name, major, skills, certificates FROM talents x", r => TalentTerms(r.GetString(1), r.NullableString(2),
                r.FromJson<List<TalentSkill>>(3).Select(s => s.Name), r.FromJson<List<string>>(4)), ct);
        var enterprises = await IndexKindAsync(Enterprises,
            "SELECT id, name FROM enterprises x", r => EnterpriseTerms(r.GetString(1)), ct);
        return positions + talents + enterprises;
    }

    private async Task<long> IndexKindAsync((string Table, string Key) kind, string select,
        Func<DbDataReader, Dictionary<string, int>> terms, CancellationToken ct)
    {
        long done = 0;
        long after = 0;
        while (true)
        {
            var count = await db.InTransactionAsync(async (c, tx) =>
            {
                var rows = new List<(long Id, Dictionary<string, int> Terms)>();
                await using (var reader = await c.ExecuteReaderAsync(new CommandDefinition(
                    $"{select} WHERE x.id > @after AND NOT EXISTS (SELECT 1 FROM {kind.Table} t WHERE t.{kind.Key} = x.id AND t.term = @marker) " +
                    "ORDER BY x.id LIMIT @take", new { after, marker = TextSearch.IndexedMarker, take = Batch }, tx, cancellationToken: ct)))
                {
                    while (await reader.ReadAsync(ct))
                    {
                        rows.Add((reader.Long(0), terms(reader)));
                    }
                }
                if (rows.Count == 0)
                {
                    return 0;
                }
                var ids = rows.Select(r => r.Id).ToArray();
                await c.ExecuteAsync(new CommandDefinition($"DELETE FROM {kind.Table} WHERE {ListSql.InList(db, kind.Key, "ids")}", new { ids }, tx, cancellationToken: ct));
                await BulkInsert.WriteAsync(c, tx, InsertTerm(kind),
                    rows.SelectMany(r => Rows(r.Id, r.Terms)), ct);
                after = ids[^1];
                return rows.Count;
            }, ct);
            if (count == 0)
            {
                return done;
            }
            done += count;
        }
    }
}
