using System.Globalization;
using Dapper;
using MathNet.Numerics.Statistics;
using TalentBridge.Domain;
using TalentBridge.Domain.Analytics;
using TalentBridge.Domain.Indices;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Indices;

/// <summary>
/// The indicators the platform computes itself (<see cref="PlatformMeasure"/>) for the children of a region in a year,
/// as figures of an index dataset: one query per family for all children at once.
/// <list type="bullet">
/// <item>Registrations, people sought and applications: the analytics facts (<c>analytics_cells</c>, ADR 0016) of the
/// year's months, summed per child by code prefix.</item>
/// <item>Agreement inflow and outflow: agreements signed in the year (China dates) whose position lies in the child and
/// whose talent lives outside it, and the reverse; a talent counts at the place of residence recorded now.</item>
/// <item>Median monthly wage: the weighted median (<see cref="WagePercentiles"/>) of the year's wage observations.</item>
/// <item>Shared-pool response hours: the median hours from an order to its first proposal, orders placed in the year.</item>
/// </list>
/// A child without the activity a measure needs (no wage observation, no answered order, no application) has no figure
/// for it: missing, never zero. Counts are zero when nothing happened.
/// </summary>
public sealed class IndexMeasures(Database db, ReferenceData reference)
{
    public async Task<IndexDataset> ForRegionAsync(IndexTree tree, string region, int year, CancellationToken ct)
    {
        var children = reference.Regions.Children(region);
        var units = children.Select(c => new IndexUnit(c.Code, c.Name,
            c.Level == RegionLevel.City ? UnitKind.City : c.Level == RegionLevel.County ? UnitKind.County : UnitKind.Other, region)).ToList();
        var measured = tree.Indicators.Where(i => i.Measure is not null).ToList();
        if (children.Count == 0 || measured.Count == 0)
        {
            return new IndexDataset(units, []);
        }
        var (lo, hi) = RegionCatalogue.SubtreeRange(region);
        var length = children[0].Code.Length;
        string? ChildOf(string code) => code.Length >= length && children.Any(c => code.StartsWith(c.Code, StringComparison.Ordinal)) ? code[..length] : null;
        var figures = new Dictionary<(string Child, PlatformMeasure Measure), double>();
        var period = year.ToString(CultureInfo.InvariantCulture);
        var from = new DateTimeOffset(new DateTime(year, 1, 1), ChinaTime.Offset).ToUniversalTime();
        var until = new DateTimeOffset(new DateTime(year + 1, 1, 1), ChinaTime.Offset).ToUniversalTime();
        var args = new { lo, hi, length, from, until, fromMonth = $"{year:D4}-01", toMonth = $"{year:D4}-12" };
        var needs = measured.Select(m => m.Measure!.Value).ToHashSet();
        await using var c = await db.OpenAsync(ct);

        if (needs.Contains(PlatformMeasure.Registrations) || needs.Contains(PlatformMeasure.SoughtPerApplication))
        {
            foreach (var child in children)
            {
                figures[(child.Code, PlatformMeasure.Registrations)] = 0;
            }
            var rows = await c.QueryAsync<(string Child, long Registered, long Sought, long Applications)>(new CommandDefinition(
                "SELECT substr(region_code, 1, @length), sum(talents_new), sum(headcount_sought), sum(applications) FROM analytics_cells " +
                "WHERE period BETWEEN @fromMonth AND @toMonth AND region_code BETWEEN @lo AND @hi GROUP BY substr(region_code, 1, @length)",
                args, cancellationToken: ct));
            foreach (var row in rows)
            {
                if (ChildOf(row.Child) is { } child)
                {
                    figures[(child, PlatformMeasure.Registrations)] = row.Registered;
                    if (row.Applications > 0)
                    {
                        figures[(child, PlatformMeasure.SoughtPerApplication)] = (double)row.Sought / row.Applications;
                    }
                }
            }
        }

        if (needs.Overlaps([PlatformMeasure.AgreementInflow, PlatformMeasure.AgreementOutflow, PlatformMeasure.NetAgreementInflow]))
        {
            var inflow = children.ToDictionary(ch => ch.Code, _ => 0, StringComparer.Ordinal);
            var outflow = children.ToDictionary(ch => ch.Code, _ => 0, StringComparer.Ordinal);
            var rows = await c.QueryAsync<(string Position, string Talent)>(new CommandDefinition(
                "SELECT g.region_code, t.residence_region_code FROM agreements g JOIN talents t ON t.id = g.talent_id " +
                "WHERE g.signed_at >= @from AND g.signed_at < @until AND (g.region_code BETWEEN @lo AND @hi OR t.residence_region_code BETWEEN @lo AND @hi)",
                args, cancellationToken: ct));
            foreach (var (position, talent) in rows)
            {
                var (at, home) = (ChildOf(position), ChildOf(talent));
                if (at == home)
                {
                    continue;
                }
                if (at is not null)
                {
                    inflow[at]++;
                }
                if (home is not null)
                {
                    outflow[home]++;
                }
            }
            foreach (var child in children)
            {
                figures[(child.Code, PlatformMeasure.AgreementInflow)] = inflow[child.Code];
                figures[(child.Code, PlatformMeasure.AgreementOutflow)] = outflow[child.Code];
                figures[(child.Code, PlatformMeasure.NetAgreementInflow)] = inflow[child.Code] - outflow[child.Code];
            }
        }

        if (needs.Contains(PlatformMeasure.MedianMonthlyWage))
        {
            var rows = await c.QueryAsync<(string Region, long Wage, int Weight, string Employer)>(new CommandDefinition(
                "SELECT region_code, monthly_wage, weight, employer_key FROM wage_observations " +
                "WHERE period BETWEEN @fromMonth AND @toMonth AND region_code BETWEEN @lo AND @hi",
                args, cancellationToken: ct));
            foreach (var group in rows.GroupBy(r => ChildOf(r.Region)).Where(g => g.Key is not null))
            {
                if (WagePercentiles.Summarise(group.Select(r => new WageObservation(r.Wage, r.Weight, r.Employer))).P50 is { } median)
                {
                    figures[(group.Key!, PlatformMeasure.MedianMonthlyWage)] = median;
                }
            }
        }

        if (needs.Contains(PlatformMeasure.SharedPoolResponseHours))
        {
            var rows = await c.QueryAsync<(string Region, long Seconds)>(new CommandDefinition(
                "SELECT region_code, response_seconds FROM demand_orders " +
                "WHERE placed_at >= @from AND placed_at < @until AND response_seconds IS NOT NULL AND region_code BETWEEN @lo AND @hi",
                args, cancellationToken: ct));
            foreach (var group in rows.GroupBy(r => ChildOf(r.Region)).Where(g => g.Key is not null))
            {
                figures[(group.Key!, PlatformMeasure.SharedPoolResponseHours)] = group.Select(r => r.Seconds / 3600.0).Median();
            }
        }

        var observations = new List<IndexObservation>();
        foreach (var indicator in measured)
        {
            foreach (var child in children)
            {
                if (figures.TryGetValue((child.Code, indicator.Measure!.Value), out var value))
                {
                    observations.Add(new IndexObservation(child.Code, period, indicator.Code, value));
                }
            }
        }
        return new IndexDataset(units, observations);
    }
}
