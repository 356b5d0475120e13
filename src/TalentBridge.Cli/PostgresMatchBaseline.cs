using Npgsql;
using NpgsqlTypes;
using TalentBridge.Domain.Matching;

namespace TalentBridge.Cli;

/// <summary>
/// The benchmark's PostgreSQL baseline: the same talents, compacted into one table of a scratch schema
/// (arrays of encoded occupations, skills and work regions; a GIN index on the work regions), and the
/// pair score of <see cref="MatchScoring"/> written as one SQL query with inlinable SQL functions. The
/// client passes the region keys that overlap the position (it knows the region tree), so the query
/// filters by the GIN index and scores only the region's talents, as the in-memory index does before pruning.
/// </summary>
internal sealed class PostgresMatchBaseline : IAsyncDisposable
{
    private const string Schema = "bench_match";
    private readonly NpgsqlDataSource _source;

    private PostgresMatchBaseline(NpgsqlDataSource source) => _source = source;

    public static async Task<PostgresMatchBaseline> CreateAsync(string connectionString, IEnumerable<TalentProfile> talents)
    {
        var source = NpgsqlDataSource.Create(connectionString);
        await using (var setup = source.CreateCommand(SetupSql))
        {
            await setup.ExecuteNonQueryAsync();
        }
        await using (var connection = await source.OpenConnectionAsync())
        await using (var copy = await connection.BeginBinaryImportAsync(
            $"COPY {Schema}.talents (id, occupations, occupation_years, skills, skill_levels, education, experience, title, skill_level, " +
            "expected_min, salary_strict, residence, work_regions, availability, status, visible, active_day) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var t in talents)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(t.Id, NpgsqlDbType.Bigint);
                await copy.WriteAsync(t.Occupations, NpgsqlDbType.Array | NpgsqlDbType.Integer);
                await copy.WriteAsync(t.OccupationYears.Select(y => (int)y).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Integer);
                await copy.WriteAsync(t.Skills, NpgsqlDbType.Array | NpgsqlDbType.Integer);
                await copy.WriteAsync(t.SkillLevels.Select(l => (int)l).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Integer);
                await copy.WriteAsync((int)t.Education, NpgsqlDbType.Integer);
                await copy.WriteAsync(t.ExperienceYears, NpgsqlDbType.Integer);
                await copy.WriteAsync((int)t.Title, NpgsqlDbType.Integer);
                await copy.WriteAsync((int)t.SkillLevel, NpgsqlDbType.Integer);
                await copy.WriteAsync(t.ExpectedSalaryMin, NpgsqlDbType.Integer);
                await copy.WriteAsync(t.SalaryStrict, NpgsqlDbType.Boolean);
                await copy.WriteAsync(t.Residence, NpgsqlDbType.Bigint);
                await copy.WriteAsync(t.WorkRegions, NpgsqlDbType.Array | NpgsqlDbType.Bigint);
                await copy.WriteAsync((int)t.Availability, NpgsqlDbType.Integer);
                await copy.WriteAsync((int)t.Status, NpgsqlDbType.Integer);
                await copy.WriteAsync(t.Visible, NpgsqlDbType.Boolean);
                await copy.WriteAsync(t.ActiveDay, NpgsqlDbType.Integer);
            }
            await copy.CompleteAsync();
        }
        await using (var index = source.CreateCommand(
            $"CREATE INDEX ON {Schema}.talents USING gin (work_regions); ANALYZE {Schema}.talents;"))
        {
            index.CommandTimeout = 0;
            await index.ExecuteNonQueryAsync();
        }
        return new PostgresMatchBaseline(source);
    }

    /// <summary>The best talents for a position by the same score, best first (ties by id).</summary>
    public async Task<List<(long Id, double Score)>> TalentsForAsync(PositionProfile p, long[] regionKeys, int day, int take)
    {
        await using var command = _source.CreateCommand(QuerySql);
        command.Parameters.AddWithValue("regions", regionKeys);
        command.Parameters.AddWithValue("mode", (int)p.EngagementMode);
        command.Parameters.AddWithValue("mandatory", p.RequirementsMandatory);
        command.Parameters.AddWithValue("minedu", (int)p.MinEducation);
        command.Parameters.AddWithValue("minexp", p.MinExperienceYears);
        command.Parameters.AddWithValue("reqtitle", (int)p.RequiredTitle);
        command.Parameters.AddWithValue("reqlevel", (int)p.RequiredSkillLevel);
        command.Parameters.AddWithValue("strict", p.SalaryStrict);
        command.Parameters.AddWithValue("salmax", p.SalaryMax);
        command.Parameters.AddWithValue("occ", p.Occupation);
        command.Parameters.AddWithValue("req", p.RequiredSkills);
        command.Parameters.AddWithValue("pref", p.PreferredSkills);
        command.Parameters.AddWithValue("day", day);
        command.Parameters.AddWithValue("posted", p.PostedDay);
        command.Parameters.AddWithValue("region", p.Region);
        command.Parameters.AddWithValue("take", take);
        var result = new List<(long, double)>(take);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            result.Add((reader.GetInt64(0), reader.GetDouble(1)));
        }
        return result;
    }

    public async ValueTask DisposeAsync()
    {
        await using (var drop = _source.CreateCommand($"DROP SCHEMA IF EXISTS {Schema} CASCADE"))
        {
            await drop.ExecuteNonQueryAsync();
        }
        await _source.DisposeAsync();
    }

    private const string SetupSql = $"""
        DROP SCHEMA IF EXISTS {Schema} CASCADE;
        CREATE SCHEMA {Schema};
        CREATE TABLE {Schema}.talents (
          id bigint PRIMARY KEY, occupations int[] NOT NULL, occupation_years int[] NOT NULL, skills int[] NOT NULL, skill_levels int[] NOT NULL,
          education int NOT NULL, experience int NOT NULL, title int NOT NULL, skill_level int NOT NULL, expected_min int NOT NULL,
          salary_strict boolean NOT NULL, residence bigint NOT NULL, work_regions bigint[] NOT NULL, availability int NOT NULL,
          status int NOT NULL, visible boolean NOT NULL, active_day int NOT NULL);
        CREATE FUNCTION {Schema}.proximity(a int, b int) RETURNS float8 LANGUAGE sql IMMUTABLE AS $$
          SELECT CASE WHEN a = b THEN 1.0
                      WHEN a / 100 = b / 100 THEN CASE WHEN a % 100 = 0 OR b % 100 = 0 THEN 1.0 ELSE 0.75 END
                      WHEN a / 10000 = b / 10000 THEN 0.45
                      WHEN a / 1000000 = b / 1000000 THEN 0.2 ELSE 0.0 END $$;
        CREATE FUNCTION {Schema}.step(margin int) RETURNS float8 LANGUAGE sql IMMUTABLE AS $$
          SELECT CASE WHEN margin >= 0 THEN 1.0 WHEN margin = -1 THEN 0.5 WHEN margin = -2 THEN 0.2 ELSE 0.0 END $$;
        CREATE FUNCTION {Schema}.decay(days int, fresh int, stale int, floor float8) RETURNS float8 LANGUAGE sql IMMUTABLE AS $$
          SELECT CASE WHEN days <= fresh THEN 1.0 WHEN days >= stale THEN floor
                      ELSE 1.0 - (1.0 - floor) * (days - fresh) / (stale - fresh) END $$;
        CREATE FUNCTION {Schema}.salary_fit(expected int, offered int) RETURNS float8 LANGUAGE sql IMMUTABLE AS $$
          SELECT CASE WHEN expected <= 0 THEN 0.75
                      WHEN offered::float8 / expected >= 1.2 THEN 1.0
                      WHEN offered::float8 / expected >= 1 THEN 0.8 + (offered::float8 / expected - 1)
                      WHEN offered::float8 / expected > 0.7 THEN 0.8 * (offered::float8 / expected - 0.7) / 0.3
                      ELSE 0.0 END $$;
        -- Region keys are value·100 + digit count; the prefix of length n is the value cut to n digits.
        CREATE FUNCTION {Schema}.cut(region bigint, n int) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
          SELECT CASE WHEN region % 100 <= n THEN region
                      ELSE (region / 100 / (10::bigint ^ (region % 100 - n))::bigint) * 100 + n END $$;
        CREATE FUNCTION {Schema}.place_fit(residence bigint, region bigint) RETURNS float8 LANGUAGE sql IMMUTABLE AS $$
          SELECT CASE WHEN least(residence % 100, region % 100) >= 6 AND {Schema}.cut(residence, 6) = {Schema}.cut(region, 6) THEN 1.0
                      WHEN least(residence % 100, region % 100) >= 4 AND {Schema}.cut(residence, 4) = {Schema}.cut(region, 4) THEN 0.6
                      WHEN least(residence % 100, region % 100) >= 2 AND {Schema}.cut(residence, 2) = {Schema}.cut(region, 2) THEN 0.3
                      ELSE 0.1 END $$;
        CREATE FUNCTION {Schema}.coverage(skills int[], levels int[], wanted int[]) RETURNS float8 LANGUAGE sql IMMUTABLE AS $$
          SELECT CASE WHEN cardinality(wanted) = 0 THEN 1.0
                      ELSE (SELECT coalesce(sum(least(1.0, 0.5 + 0.125 * l)), 0) FROM unnest(skills, levels) AS s(id, l) WHERE id = ANY(wanted))
                           / cardinality(wanted) END $$;
        """;

    private const string QuerySql = $"""
        SELECT id, 100 * (0.75 * least(pv, tv) + 0.25 * greatest(pv, tv)) AS score
        FROM (
          SELECT t.id,
            0.40 * o.proximity
            + 0.30 * (0.75 * {Schema}.coverage(t.skills, t.skill_levels, @req) + 0.25 * {Schema}.coverage(t.skills, t.skill_levels, @pref))
            + 0.10 * CASE WHEN @minexp <= 0 THEN 1.0 ELSE least(1.0, o.years / @minexp) END
            + 0.08 * {Schema}.step(t.education - @minedu)
            + 0.05 * CASE WHEN @reqtitle = 0 AND @reqlevel = 0 THEN 1.0
                          ELSE ((CASE WHEN @reqtitle > 0 THEN {Schema}.step(t.title - @reqtitle) ELSE 0 END)
                               + (CASE WHEN @reqlevel > 0 THEN {Schema}.step(t.skill_level - @reqlevel) ELSE 0 END))
                               / ((CASE WHEN @reqtitle > 0 THEN 1 ELSE 0 END) + (CASE WHEN @reqlevel > 0 THEN 1 ELSE 0 END)) END
            + 0.07 * {Schema}.decay(@day - t.active_day, 30, 365, 0.2) AS pv,
            0.45 * {Schema}.salary_fit(t.expected_min, @salmax)
            + 0.30 * {Schema}.place_fit(t.residence, @region)
            + 0.10 * ((((@mode & t.availability) & 1) + (((@mode & t.availability) >> 1) & 1) + (((@mode & t.availability) >> 2) & 1)
                       + (((@mode & t.availability) >> 3) & 1))::float8
                      / ((@mode & 1) + ((@mode >> 1) & 1) + ((@mode >> 2) & 1) + ((@mode >> 3) & 1)))
                   * CASE WHEN t.status = 0 THEN 1.0 ELSE 0.6 END
            + 0.15 * {Schema}.decay(@day - @posted, 7, 90, 0.3) AS tv
          FROM {Schema}.talents t
          CROSS JOIN LATERAL (
            SELECT max({Schema}.proximity(u.o, @occ)) AS proximity,
                   max(u.y * CASE WHEN {Schema}.proximity(u.o, @occ) >= 0.75 THEN 1.0 ELSE 0.5 END) AS years
            FROM unnest(t.occupations, t.occupation_years) AS u(o, y)) o
          WHERE t.work_regions && @regions
            AND t.visible AND t.status <> 2
            AND (t.availability & @mode) <> 0
            AND (NOT @mandatory OR (t.education >= @minedu AND t.experience >= @minexp AND t.title >= @reqtitle AND t.skill_level >= @reqlevel))
            AND NOT ((t.salary_strict OR @strict) AND t.expected_min > 0 AND @salmax < t.expected_min)
        ) scored
        ORDER BY score DESC, id
        LIMIT @take
        """;
}
