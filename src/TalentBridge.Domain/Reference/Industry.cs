namespace TalentBridge.Domain.Reference;

/// <summary>An entry of the industrial classification GB/T 4754-2017 国民经济行业分类.</summary>
/// <param name="Code">"C" (section 门类, level 1), "13" (division 大类, 2), "131" (group 中类, 3), "1311" (class 小类, 4).</param>
/// <param name="Level">1 to 4, see <paramref name="Code"/>.</param>
/// <param name="Name">The official name.</param>
/// <param name="Section">The section letter, for sections the code itself.</param>
/// <param name="ParentCode">
/// The enclosing entry; null for sections. A class whose group has only that class (e.g. 0190) has the
/// division as parent, because the standard does not list such groups separately.
/// </param>
public sealed record Industry(string Code, int Level, string Name, string Section, string? ParentCode);
