using System.Globalization;
using TalentBridge.Domain;
using TalentBridge.Domain.Competitions;

namespace TalentBridge.Web.Pages.Competitions;

/// <summary>
/// A track's fields as its forms post and show them (adding one on the manage page, changing one on the track page):
/// criteria one a line, "name points" ("工艺方案 30"); awards as typed.
/// </summary>
public sealed record TrackFields(string? Name, string? Description, string? Criteria, string? Gold, string? Silver, string? Bronze)
{
    /// <summary>The errors shown at the fields (set when the form is shown again).</summary>
    public ValidationErrors? Errors { get; init; }

    /// <summary>An empty form: one award of each.</summary>
    public static TrackFields New { get; } = new(null, null, null, "1", "1", "1");

    public static TrackFields Of(Track track)
    {
        ArgumentNullException.ThrowIfNull(track);
        return new(track.Name, track.Description, string.Join("\n", track.Criteria.Select(k => $"{k.Name} {k.MaxPoints}")),
            Number(track.Gold), Number(track.Silver), Number(track.Bronze));
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The track the fields describe; a value that does not parse is an error of <paramref name="reader"/>.</summary>
    public Track Read(FormReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new Track
        {
            Name = Name?.Trim() ?? "", Description = FormReader.Trimmed(Description), Criteria = ReadCriteria(reader),
            Gold = reader.OptionalInt(Gold, "gold") ?? 0, Silver = reader.OptionalInt(Silver, "silver") ?? 0, Bronze = reader.OptionalInt(Bronze, "bronze") ?? 0,
        };
    }

    /// <summary>One criterion a line, "name points"; a line without its points at the end is a field error.</summary>
    private List<Criterion> ReadCriteria(FormReader reader)
    {
        var list = new List<Criterion>();
        foreach (var line in (Criteria ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var cut = line.LastIndexOfAny([' ', '\t', ':', '：']);
            if (cut <= 0 || !int.TryParse(line[(cut + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var points))
            {
                reader.Errors.Add("criteria", "each line must be a criterion's name and its maximum points");
                continue;
            }
            list.Add(new Criterion(line[..cut].Trim(), points));
        }
        return list;
    }
}
