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

    public static EnterpriseInput From(Enterprise e) => new()
    {
        Name = e.Name,
        Uscc = e.Uscc,
        IndustryCode = e.IndustryCode,
        RegionCode = e.RegionCode,
        SizeClass = e.SizeClass.ToString(),
        Tier = e.Tier.ToString(),
        Headcount = e.Headcount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Description = e.Description,
    };

    /// <summary>The parsed enterprise and what could not be parsed; the domain rules are checked by <see cref="Pools.EnterpriseWrites"/>.</summary>
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
}

/// <summary>What the shared form partial shows.</summary>
public sealed record EnterpriseFormView(EnterpriseInput Input, ValidationErrors? Errors, IReadOnlyList<Region> Regions, string CancelUrl);
