using TalentBridge.Domain.Flow;
using TalentBridge.Domain.Reference;

namespace TalentBridge.Domain.Tests.Flow;

public sealed class FlowRulesTests
{
    private static readonly ReferenceData Reference = ReferenceData.Load();

    [Fact]
    public void The_happy_path_of_an_application_runs_from_applied_to_signed()
    {
        var state = ApplicationState.Applied;
        foreach (var (action, actor) in new[]
        {
            (ApplicationAction.View, FlowActor.Enterprise), (ApplicationAction.Shortlist, FlowActor.Enterprise),
            (ApplicationAction.ScheduleInterview, FlowActor.Enterprise), (ApplicationAction.Offer, FlowActor.Enterprise), (ApplicationAction.Sign, FlowActor.Talent),
        })
        {
            var step = Flows.Application.Next(state, action, actor);
            Assert.True(step.Allowed, step.Error);
            state = step.To!.Value;
        }
        Assert.Equal(ApplicationState.Signed, state);
        Assert.False(Flows.IsOpen(state));
    }

    [Fact]
    public void An_illegal_step_names_the_state_and_the_action()
    {
        Assert.Equal("cannot sign an application that is shortlisted",
            Flows.Application.Next(ApplicationState.Shortlisted, ApplicationAction.Sign, FlowActor.Talent).Error);
        Assert.Equal("cannot schedule interview an application that is withdrawn: it is closed",
            Flows.Application.Next(ApplicationState.Withdrawn, ApplicationAction.ScheduleInterview, FlowActor.Enterprise).Error);
        Assert.Equal("only the talent may withdraw an application",
            Flows.Application.Next(ApplicationState.Applied, ApplicationAction.Withdraw, FlowActor.Enterprise).Error);
        Assert.Equal("only the enterprise may offer an application",
            Flows.Application.Next(ApplicationState.Interview, ApplicationAction.Offer, FlowActor.Talent).Error);
        Assert.False(Flows.Invitation.Next(InvitationState.Declined, InvitationAction.Accept, FlowActor.Talent).Allowed);
    }

    [Fact]
    public void Every_open_state_can_be_left_by_refusal_and_withdrawal_and_no_final_state_has_a_step()
    {
        foreach (var state in Enum.GetValues<ApplicationState>())
        {
            var actions = Flows.Application.Actions(state, FlowActor.Talent).Concat(Flows.Application.Actions(state, FlowActor.Enterprise)).ToList();
            if (Flows.IsOpen(state))
            {
                Assert.Contains(ApplicationAction.Refuse, actions);
                Assert.Contains(ApplicationAction.Withdraw, actions);
            }
            else
            {
                Assert.Empty(actions);
                Assert.Empty(Flows.Application.Actions(state, FlowActor.System));
            }
        }
        Assert.Equal([ApplicationAction.Expire], Flows.Application.Actions(ApplicationState.Offered, FlowActor.System));
    }

    private static OfferTerms Offer => new()
    {
        PositionTitle = "数控车工", OccupationCode = "6-18-01-01", MonthlySalary = 7500, MonthsPerYear = 13, StartOn = new DateOnly(2026, 12, 15),
        RegionCode = "331122", ProbationMonths = 2, SignBy = new DateOnly(2026, 12, 10),
    };

    [Fact]
    public void Offer_terms_are_checked_field_by_field()
    {
        var today = new DateOnly(2026, 12, 5);
        Assert.True(Offer.Validate(Reference, today).IsValid);
        var errors = (Offer with
        {
            MonthlySalary = 0, MonthsPerYear = 30, StartOn = today.AddDays(-1), ProbationMonths = 7, RegionCode = "999999",
            EngagementMode = EngagementModes.FullTime | EngagementModes.PartTime,
        }).Validate(Reference, today).ToDictionary();
        Assert.Equal(["engagementMode", "monthlySalary", "monthsPerYear", "probationMonths", "regionCode", "startOn"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("signBy", (Offer with { SignBy = new DateOnly(2026, 12, 20) }).Validate(Reference, today).ToDictionary().Keys);
    }

    [Fact]
    public void The_agreement_hash_covers_every_term_and_both_confirmations()
    {
        var at = new DateTimeOffset(2026, 12, 5, 8, 0, 0, TimeSpan.Zero);
        var hash = Offer.AgreementHash(1, 2, 3, at, 10, at.AddHours(1), 11);
        Assert.Matches("^[0-9a-f]{64}$", hash);
        Assert.Equal(hash, Offer.AgreementHash(1, 2, 3, at, 10, at.AddHours(1), 11));
        Assert.NotEqual(hash, (Offer with { MonthlySalary = 7501 }).AgreementHash(1, 2, 3, at, 10, at.AddHours(1), 11));
        Assert.NotEqual(hash, (Offer with { ProbationMonths = 3 }).AgreementHash(1, 2, 3, at, 10, at.AddHours(1), 11));
        Assert.NotEqual(hash, Offer.AgreementHash(1, 2, 3, at, 10, at.AddHours(2), 11));
        Assert.NotEqual(hash, Offer.AgreementHash(1, 2, 3, at, 10, at.AddHours(1), 12));
    }
}
