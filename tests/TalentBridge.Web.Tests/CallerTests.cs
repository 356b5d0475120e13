using TalentBridge.Domain;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;

namespace TalentBridge.Web.Tests;

/// <summary>One test per access rule of <see cref="Caller"/>, the one place that decides who may see and change what.</summary>
public sealed class CallerTests
{
    private static readonly RegionCatalogue Regions = ReferenceData.Load().Regions;

    private static readonly Caller Admin = new(1, Role.PlatformAdmin, null, null, null);
    private static readonly Caller City = new(2, Role.Operator, null, "3311", null);
    private static readonly Caller County = new(3, Role.Operator, null, "331121", null);
    private static readonly Caller EnterpriseAdmin = new(4, Role.EnterpriseAdmin, 7, null, null);
    private static readonly Caller Recruiter = new(5, Role.EnterpriseRecruiter, 7, null, null);
    private static readonly Caller Person = new(6, Role.Talent, null, null, 42);
    private static readonly Caller Nobody = Caller.Anonymous;

    private const string Qingtian = "331121101";
    private const string Liandu = "331102";
    private const string Hangzhou = "330102";

    [Fact]
    public void Region_scope_is_the_operators_subtree_by_digits_and_nobody_elses()
    {
        Assert.Equal("331121", County.ScopeRegion);
        Assert.Null(Admin.ScopeRegion);
        Assert.Null(EnterpriseAdmin.ScopeRegion);
        Assert.True(County.InScope(Qingtian));
        Assert.True(County.InScope("331121000000"));
        Assert.False(County.InScope(Liandu));
        Assert.False(County.InScope("331122"));
        Assert.False(County.InScope(null));
        Assert.False(County.InScope("33x121"));
        Assert.True(City.InScope(Liandu));
        Assert.False(City.InScope(Hangzhou));
        Assert.True(Admin.InScope(Hangzhou));
        // An operator whose account lost its region sees nothing, not everything.
        var adrift = new Caller(9, Role.Operator, null, null, null);
        Assert.False(adrift.InScope(Qingtian));
        Assert.False(adrift.InScope(Hangzhou));
        // The SQL range and the in-memory rule agree.
        var (lo, hi) = RegionCatalogue.SubtreeRange("331121");
        Assert.Equal(("331121000000", "331121999999"), (lo, hi));
    }

    [Fact]
    public void Talent_visibility_rises_with_the_role()
    {
        Assert.Equal(TalentVisibility.Hidden, Admin.MaxTalentVisibility);
        Assert.Equal(TalentVisibility.OperatorsOnly, County.MaxTalentVisibility);
        Assert.Equal(TalentVisibility.Public, Recruiter.MaxTalentVisibility);
        Assert.Null(Person.MaxTalentVisibility);
        Assert.Null(Nobody.MaxTalentVisibility);
    }

    [Fact]
    public void A_talent_record_is_seen_by_its_person_and_by_roles_whose_visibility_and_scope_cover_it()
    {
        Assert.True(Person.CanSeeTalent(Regions, 42, Liandu, TalentVisibility.Hidden));
        Assert.False(Person.CanSeeTalent(Regions, 43, Liandu, TalentVisibility.Public));
        Assert.True(Recruiter.CanSeeTalent(Regions, 43, Hangzhou, TalentVisibility.Public));
        Assert.False(Recruiter.CanSeeTalent(Regions, 43, Qingtian, TalentVisibility.OperatorsOnly));
        Assert.True(County.CanSeeTalent(Regions, 43, Qingtian, TalentVisibility.OperatorsOnly));
        Assert.False(County.CanSeeTalent(Regions, 43, Liandu, TalentVisibility.Public));
        Assert.False(County.CanSeeTalent(Regions, 43, Qingtian, TalentVisibility.Hidden));
        Assert.True(Admin.CanSeeTalent(Regions, 43, Hangzhou, TalentVisibility.Hidden));
        Assert.False(Nobody.CanSeeTalent(Regions, 43, Qingtian, TalentVisibility.Public));
    }

    [Fact]
    public void A_talent_record_is_changed_by_its_person_operators_of_its_region_and_admins_only()
    {
        Assert.True(Person.CanEditTalent(Regions, 42, Liandu));
        Assert.False(Person.CanEditTalent(Regions, 43, Liandu));
        Assert.True(County.CanEditTalent(Regions, 43, Qingtian));
        Assert.False(County.CanEditTalent(Regions, 43, Liandu));
        Assert.True(Admin.CanEditTalent(Regions, 43, Hangzhou));
        Assert.False(EnterpriseAdmin.CanEditTalent(Regions, 43, Qingtian));
        Assert.True(County.CanCreateTalent);
        Assert.True(Admin.CanCreateTalent);
        Assert.False(Recruiter.CanCreateTalent);
        Assert.False(Person.CanCreateTalent);
    }

    [Fact]
    public void Recommended_talents_of_a_position_are_for_its_enterprise_operators_of_its_region_and_admins()
    {
        Assert.True(Recruiter.CanSeeTalentsFor(Regions, 7, Liandu));
        Assert.False(Recruiter.CanSeeTalentsFor(Regions, 8, Liandu));
        Assert.True(County.CanSeeTalentsFor(Regions, 8, Qingtian));
        Assert.False(County.CanSeeTalentsFor(Regions, 8, Liandu));
        Assert.True(Admin.CanSeeTalentsFor(Regions, 8, Hangzhou));
        Assert.False(Person.CanSeeTalentsFor(Regions, 7, Liandu));
    }

    [Fact]
    public void Recommended_positions_of_a_talent_follow_the_right_to_change_the_record()
    {
        Assert.True(Person.CanSeePositionsFor(Regions, 42, Liandu));
        Assert.False(Person.CanSeePositionsFor(Regions, 43, Liandu));
        Assert.True(County.CanSeePositionsFor(Regions, 43, Qingtian));
        Assert.False(Recruiter.CanSeePositionsFor(Regions, 43, Qingtian));
    }

    [Fact]
    public void An_enterprise_is_changed_by_its_own_admin_operators_of_its_region_and_admins_not_by_recruiters()
    {
        Assert.True(EnterpriseAdmin.CanEditEnterprise(Regions, 7, Liandu));
        Assert.False(EnterpriseAdmin.CanEditEnterprise(Regions, 8, Liandu));
        Assert.False(Recruiter.CanEditEnterprise(Regions, 7, Liandu));
        Assert.True(County.CanEditEnterprise(Regions, 8, Qingtian));
        Assert.False(County.CanEditEnterprise(Regions, 8, Liandu));
        Assert.True(Admin.CanEditEnterprise(Regions, 8, Hangzhou));
        Assert.True(City.CanCreateEnterprise);
        Assert.False(EnterpriseAdmin.CanCreateEnterprise);
    }

    [Fact]
    public void Size_class_and_tier_are_set_by_operators_and_admins_not_by_the_enterprise()
    {
        Assert.True(County.CanClassifyEnterprise);
        Assert.True(Admin.CanClassifyEnterprise);
        Assert.False(EnterpriseAdmin.CanClassifyEnterprise);
        Assert.False(Recruiter.CanClassifyEnterprise);
    }

    [Fact]
    public void An_enterprise_is_deleted_only_by_operators_of_its_region_and_admins()
    {
        Assert.True(County.CanDeleteEnterprise(Qingtian));
        Assert.False(County.CanDeleteEnterprise(Liandu));
        Assert.True(Admin.CanDeleteEnterprise(Hangzhou));
        Assert.False(EnterpriseAdmin.CanDeleteEnterprise(Liandu));
    }

    [Fact]
    public void Positions_are_managed_by_the_enterprises_users_operators_of_its_region_and_admins()
    {
        Assert.True(Recruiter.CanManagePositionsOf(Regions, 7, Liandu));
        Assert.True(EnterpriseAdmin.CanManagePositionsOf(Regions, 7, Liandu));
        Assert.False(Recruiter.CanManagePositionsOf(Regions, 8, Liandu));
        Assert.True(County.CanManagePositionsOf(Regions, 8, Qingtian));
        Assert.False(County.CanManagePositionsOf(Regions, 8, Liandu));
        Assert.False(Person.CanManagePositionsOf(Regions, 7, Liandu));
    }

    [Fact]
    public void Imports_and_the_audit_log_are_for_operators_and_admins()
    {
        foreach (var staff in new[] { Admin, City, County })
        {
            Assert.True(staff.CanImport);
            Assert.True(staff.CanReadAuditLog);
        }
        foreach (var other in new[] { EnterpriseAdmin, Recruiter, Person, Nobody })
        {
            Assert.False(other.CanImport);
            Assert.False(other.CanReadAuditLog);
        }
    }
}
