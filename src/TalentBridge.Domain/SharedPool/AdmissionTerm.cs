namespace TalentBridge.Domain.SharedPool;

/// <summary>Where an admission stands on a given day.</summary>
public enum AdmissionTermState
{
    Active = 1,
    /// <summary>Still admitted, but within the reconfirmation window: the expert is asked to reconfirm.</summary>
    ReconfirmDue = 2,
    Expired = 3,
}

/// <summary>
/// The term of one admission, fixed at the decision from the standard it was made under: a later standard with
/// another validity does not move it. It expires on <see cref="ExpiresOn"/> (that day is no longer covered) and
/// asks the expert to reconfirm from <see cref="ReconfirmFrom"/>.
/// </summary>
public sealed record AdmissionTerm(DateOnly DecidedOn, int ValidityMonths, int ReconfirmDaysBefore)
{
    public DateOnly ExpiresOn => DecidedOn.AddMonths(ValidityMonths);

    public DateOnly ReconfirmFrom => ExpiresOn.AddDays(-ReconfirmDaysBefore);

    public AdmissionTermState StateOn(DateOnly today) =>
        today >= ExpiresOn ? AdmissionTermState.Expired
        : today >= ReconfirmFrom ? AdmissionTermState.ReconfirmDue
        : AdmissionTermState.Active;
}
