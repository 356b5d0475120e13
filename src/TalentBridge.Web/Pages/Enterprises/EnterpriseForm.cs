using TalentBridge.Domain;
using TalentBridge.Domain.Pools;
using TalentBridge.Domain.Reference;

namespace TalentBridge.Web.Pages.Enterprises;

/// <summary>The enterprise form as posted: every value a string, so a bad number becomes a field error.</summary>
public sealed class EnterpriseInput
{
    public string? Name { get; set; }
    public string? Uscc { get; set; }
    public string? IndustryCode { get; set; }
    public string? RegionCode { get; set; }
    public string? SizeClass { get; set; } = nameof(EnterpriseSize.Small);
    public string? Tier { get; set; } = nameof(EnterpriseTier.None);
    public string? Headcount { get; set; }
    public string? Description { get; set; }

    /// <summary>The version the form was opened at (hidden); a change saved since makes the save a conflict.</summary>
    public string? Version { get; set; }

    public static EnterpriseInput From(Enterprise e) => new()
    {
        Version = e.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Name = e.Name,
        Uscc = e.Uscc,
        IndustryCode = e.IndustryCode,
        RegionCode = e.RegionCode,
        SizeClass = e.SizeClass.ToString(),
        Tier = e.Tier.ToString(),
        Headcount = e.Headcount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Description = e.Description,
    };

    /// <summary>The parsed enterprise and what could not be parsed; the domain rules are checked by <see cref="TalentBridge.Platform.Pools.EnterpriseWrites"/>.</summary>
    public (Enterprise Enterprise, ValidationErrors ParseErrors) Read()
    {
        var reader = new FormReader();
        var enterprise = new Enterprise
        {
            Name = Name?.Trim() ?? "",
            Uscc = Uscc?.Trim().ToUpperInvariant() ?? "",
            IndustryCode = IndustryCode?.Trim() ?? "",
            RegionCode = FormReader.Region(RegionCode),
            SizeClass = reader.Enum<EnterpriseSize>(SizeClass, "sizeClass"),
            Tier = reader.Enum<EnterpriseTier>(Tier, "tier"),
            Headcount = reader.Number(Headcount, "headcount"),
            Description = FormReader.Trimmed(Description),
        };
        return (enterprise, reader.Errors);
    }

    /// <summary>
    /// The industry choices grouped by section: each division, then its classes indented (a group is shown only when it
    /// is the current value); the current value comes first on its own when it is not a division, group or class.
    /// </summary>
    public static IReadOnlyList<SelectOption> IndustryOptions(ReferenceData reference, string? current)
    {
        var options = new List<SelectOption>();
        if (!string.IsNullOrEmpty(current) && reference.Industries.Find(current) is null or { Level: 1 })
        {
            options.Add(new SelectOption(current, current));
        }
        foreach (var section in reference.Industries.Sections)
        {
            var group = section.Code + " " + section.Name;
            foreach (var division in reference.Industries.Children(section.Code))
            {
                options.Add(new SelectOption(division.Code, division.Code + " " + division.Name, group));
                foreach (var sub in reference.Industries.Children(division.Code))
                {
                    if (sub.Level == 3 && sub.Code == current)
                    {
                        options.Add(Indented(sub, group));
                    }
                    IReadOnlyList<Industry> classes = sub.Level == 3 ? reference.Industries.Children(sub.Code) : [sub];
                    options.AddRange(classes.Select(c => Indented(c, group)));
                }
            }
        }
        return options;
    }

    private static SelectOption Indented(Industry industry, string group) => new(industry.Code, "\u3000" + industry.Code + " " + industry.Name, group);
}

/// <summary>What the shared form partial shows.</summary>
/// <summary>The enterprise form; <c>CanClassify</c>: whether the user sets size class and tier (operators), otherwise they show fixed.</summary>
public sealed record EnterpriseFormView(EnterpriseInput Input, ValidationErrors? Errors, IReadOnlyList<Region> Regions, string CancelUrl, bool CanClassify);
