using System.Text;
using MiniExcelLibs;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Platform.Analytics;

/// <summary>
/// A publication's rows as CSV (UTF-8 with a byte-order mark, so that spreadsheet programs read the Chinese) and as an
/// Excel workbook: the rows the public sees, the columns of the page. A hidden wage cell has "—" for every figure and
/// says why in its disclosure column. <c>label</c> gives the text of a key: a column ("Pub.Col.p50"), a driver
/// ("ShortageDriver.FewApplicants") or a disclosure ("CellDisclosure.Secondary").
/// </summary>
public static class PublicationExport
{
    public const string Hidden = "—";

    private static readonly string[] ShortageColumns =
    [
        "occupationCode", "occupation", "regionCode", "region", "headcountSought", "applications", "agreements", "fillRate", "applicationsPerPerson",
        "wageGrowth", "index", "stars", "driver", "note",
    ];

    private static readonly string[] WageColumns =
    [
        "occupationCode", "occupation", "regionCode", "region", "observations", "employers", "p10", "p25", "p50", "p75", "p90", "mean", "previousP50",
        "p50Change", "disclosure", "note",
    ];

    public static byte[] Csv(Publication publication, ReferenceData reference, Func<string, string> label)
    {
        var (header, lines) = Table(publication, reference, label);
        var text = new StringBuilder().AppendLine(CsvText.Line(header));
        foreach (var line in lines)
        {
            text.AppendLine(CsvText.Line(line));
        }
        return CsvText.Bytes(text);
    }

    public static byte[] Excel(Publication publication, ReferenceData reference, Func<string, string> label)
    {
        var (header, lines) = Table(publication, reference, label);
        var rows = lines.Select(line => header.Zip(line).ToDictionary(p => p.First, p => p.Second)).ToList();
        using var stream = new MemoryStream();
        stream.SaveAs(rows);
        return stream.ToArray();
    }

    /// <summary>A file name such as <c>shortage-3311-2026-v2.csv</c> (a draft: <c>-draft12</c>).</summary>
    public static string FileName(Publication publication, string extension)
    {
        ArgumentNullException.ThrowIfNull(publication);
        var version = publication.PublishedVersion is { } v ? $"v{v}" : $"draft{publication.Id}";
        return $"{Publications.KindName(publication.Kind)}-{publication.RegionCode}-{publication.Period}-{version}.{extension}";
    }

    private static (string[] Header, IEnumerable<object?[]> Lines) Table(Publication publication, ReferenceData reference, Func<string, string> label)
    {
        ArgumentNullException.ThrowIfNull(publication);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(label);
        string Occupation(string code) => reference.Occupations.Find(ListQuery.PadOccupation(code))?.Name ?? code;
        string Region(string code) => reference.Regions.Find(code)?.Name ?? code;
        if (publication.Kind == PublicationKind.Shortage)
        {
            return ([.. ShortageColumns.Select(c => label("Pub.Col." + c))], publication.PublicShortageRows.Select(r => new object?[]
            {
                r.OccupationCode, Occupation(r.OccupationCode), r.RegionCode, Region(r.RegionCode), r.HeadcountSought, r.Applications, r.Agreements,
                Math.Round(r.FillRate, 4), Math.Round(r.ApplicationsPerPerson, 2), r.WageGrowth is { } g ? Math.Round(g, 4) : null,
                r.Index is { } i ? Math.Round(i, 1) : null, r.Stars, label("ShortageDriver." + r.Driver), r.Note,
            }));
        }
        return ([.. WageColumns.Select(c => label("Pub.Col." + c))], publication.PublicWageRows.Select(r =>
        {
            object? Figure(long? value) => r.IsPublished ? value : Hidden;
            return new object?[]
            {
                r.OccupationCode, Occupation(r.OccupationCode), r.RegionCode, Region(r.RegionCode), Figure(r.Observations), Figure(r.Employers),
                Figure(r.P10), Figure(r.P25), Figure(r.P50), Figure(r.P75), Figure(r.P90), Figure(r.Mean), Figure(r.PreviousP50),
                r.P50Change is { } c ? Math.Round(c, 4) : null, label("CellDisclosure." + r.Disclosure), r.Note,
            };
        }));
    }
}
