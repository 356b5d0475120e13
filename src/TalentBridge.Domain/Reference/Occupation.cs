namespace TalentBridge.Domain.Reference;

/// <summary>An entry of the occupational classification 职业分类大典 (2022).</summary>
/// <param name="Code">The code <c>d-dd-dd-dd</c>, e.g. 2-02-10-03.</param>
/// <param name="Level">1 大类 (major group), 2 中类, 3 小类, 4 细类 (occupation).</param>
/// <param name="Name">The name without the S / L / L/S marker.</param>
/// <param name="IsDigital">Marked S: a digital occupation (数字职业).</param>
/// <param name="IsGreen">Marked L: a green occupation (绿色职业).</param>
/// <param name="Definition">The official definition; null for groups.</param>
/// <param name="Tasks">The main tasks as one text; null for groups.</param>
/// <param name="Aliases">Job-board titles mapped to this entry, without the name itself and without duplicates.</param>
public sealed record Occupation(
    string Code,
    int Level,
    string Name,
    bool IsDigital,
    bool IsGreen,
    string? Definition,
    string? Tasks,
    IReadOnlyList<string> Aliases)
{
    /// <summary>
    /// The code of the enclosing group: "2-02-10-03" -> "2-02-10-00", "1-01-00-01" -> "1-01-00-00",
    /// "1-02-01-00" (an occupation that is its own 小类) -> "1-02-00-00"; null for major groups. The source
    /// lacks four 小类 (1-06-01, 2-01-04, 2-02-32, 5-02-03); the catalogue sets the parent of their
    /// occupations to the enclosing 中类, so that the parent can always be found.
    /// </summary>
    public string? ParentCode { get; internal init; } = OccupationCatalogue.ParentOf(Code);

    /// <summary>The code without dashes, e.g. 2021003.</summary>
    public string CodeNumber => Code.Replace("-", string.Empty, StringComparison.Ordinal);
}
