namespace TalentBridge.Domain.Normalisation;

/// <summary>
/// One skill of the <see cref="SkillVocabulary"/>. <see cref="Id"/> is stable: curated skills have a lower-case
/// ASCII kebab-case slug ("java", "cnc-programming", "licence-c1"); terms of the THUOCL IT tail have
/// <c>term:</c> followed by the folded term ("term:多线程"). <see cref="Category"/> is a short lower-case
/// word ("it", "manufacturing", "care", … and "it-term" for the tail).
/// </summary>
public sealed record Skill(string Id, string Name, string Category);

/// <summary>A skill found in a text: where (UTF-16 offset and length in the original text) and as what text.</summary>
public sealed record SkillMention(Skill Skill, int Start, int Length, string Text);
