namespace TalentBridge.Domain.Normalisation;

/// <summary>
/// What a normaliser made of one free-text value: the value (null when nothing usable was found), how
/// sure it is (0 to 1), other readings worth showing an operator, and a short note on why.
/// </summary>
public sealed record Normalised<T>(T? Value, double Confidence, IReadOnlyList<T> Alternatives, string? Note = null);
