using System.Globalization;
using System.Security.Claims;
using TalentBridge.Domain;
using TalentBridge.Domain.Flow;
using TalentBridge.Domain.Reference;

namespace TalentBridge.Platform.Accounts;

/// <summary>
/// Who is asking, and the access rules that follow from it — the one place that decides what a
/// role may see and change. Operators see only their region's subtree.
/// </summary>
public sealed record Caller(long? AccountId, Role? Role, long? EnterpriseId, string? RegionCode, long? TalentId)
{
    public const string EnterpriseClaim = "tb:enterprise";
    public const string RegionClaim = "tb:region";
    public const string TalentClaim = "tb:talent";
    /// <summary>The sign-in session a cookie belongs to (not part of the access rules: it only has to be still open).</summary>
    public const string SessionClaim = "tb:session";

    public static Caller Anonymous { get; } = new(null, null, null, null, null);

    public bool IsSignedIn => AccountId is not null;
    public bool IsAdmin => Role == Accounts.Role.PlatformAdmin;
    public bool IsOperator => Role == Accounts.Role.Operator;
    public bool IsEnterpriseUser => Role is Accounts.Role.EnterpriseAdmin or Accounts.Role.EnterpriseRecruiter;

    /// <summary>
    /// The region subtree every list is limited to, or null for the whole platform. An operator without a region sees
    /// nothing (a scope no region code lies in) rather than everything.
    /// </summary>
    public string? ScopeRegion => IsOperator ? RegionCode ?? NoRegion : null;

    /// <summary>A scope that holds no region: "00" begins no region code of the national catalogue.</summary>
    public const string NoRegion = "00";

    /// <summary>Talent pool: enterprises see public records, operators also pool-only ones, admins all.</summary>
    public TalentVisibility? MaxTalentVisibility => Role switch
    {
        Accounts.Role.PlatformAdmin => TalentVisibility.Hidden,
        Accounts.Role.Operator => TalentVisibility.OperatorsOnly,
        Accounts.Role.EnterpriseAdmin or Accounts.Role.EnterpriseRecruiter => TalentVisibility.Public,
        _ => null,
    };

    public bool CanSeeTalent(RegionCatalogue regions, long talentId, string residenceRegion, TalentVisibility visibility) =>
        TalentId == talentId
        || (MaxTalentVisibility is { } max && visibility <= max && InScope(regions, residenceRegion));

    public bool CanEditTalent(RegionCatalogue regions, long talentId, string residenceRegion) =>
        TalentId == talentId || IsAdmin || (IsOperator && InScope(regions, residenceRegion));

    public bool CanCreateTalent => IsAdmin || IsOperator;

    /// <summary>A self-registered talent without a record yet creates their own (once: the account is linked to it).</summary>
    public bool CreatesOwnTalent => Role == Accounts.Role.Talent && TalentId is null && AccountId is not null;

    /// <summary>推荐人才 of a position: its enterprise's users, operators whose region holds it, admins.</summary>
    public bool CanSeeTalentsFor(RegionCatalogue regions, long enterpriseId, string positionRegion) =>
        IsAdmin || (IsEnterpriseUser && EnterpriseId == enterpriseId) || (IsOperator && InScope(regions, positionRegion));

    /// <summary>
    /// The side the caller takes on a record of the one-click flow between a talent and an enterprise's position (an
    /// application, an invitation, an agreement): the talent; or the enterprise — its own users, operators of the
    /// position's region, administrators; or null when the record is none of the caller's.
    /// </summary>
    public FlowActor? FlowSide(RegionCatalogue regions, long talentId, long enterpriseId, string positionRegion) =>
        TalentId == talentId ? FlowActor.Talent : CanManagePositionsOf(regions, enterpriseId, positionRegion) ? FlowActor.Enterprise : null;

    /// <summary>推荐岗位 of a talent: the talent, operators of the talent's region, admins (as for editing the record).</summary>
    public bool CanSeePositionsFor(RegionCatalogue regions, long talentId, string residenceRegion) =>
        CanEditTalent(regions, talentId, residenceRegion);

    public bool CanEditEnterprise(RegionCatalogue regions, long enterpriseId, string regionCode) =>
        IsAdmin || (IsOperator && InScope(regions, regionCode)) || (Role == Accounts.Role.EnterpriseAdmin && EnterpriseId == enterpriseId);

    public bool CanCreateEnterprise => IsAdmin || IsOperator;

    /// <summary>
    /// An enterprise's size class and tier feed the small-enterprise ranking bonus and the 专精特新 tier: operators and
    /// administrators set them, never the enterprise's own users.
    /// </summary>
    public bool CanClassifyEnterprise => IsAdmin || IsOperator;

    /// <summary>Only an administrator or an operator of the enterprise's region removes an enterprise (never its own users).</summary>
    public bool CanDeleteEnterprise(string regionCode) => IsAdmin || (IsOperator && InScope(regionCode));

    /// <summary>Imports from outside platforms, their runs and reports, and the duplicate review: operators and administrators.</summary>
    public bool CanImport => IsAdmin || IsOperator;

    /// <summary>The audit log: operators (their region's rows) and administrators (all rows).</summary>
    public bool CanReadAuditLog => IsAdmin || IsOperator;

    /// <summary>
    /// Posting and changing an enterprise's positions: its own users, operators of its region, admins.
    /// (An operator's position must also lie in the operator's region — checked on the position.)
    /// </summary>
    public bool CanManagePositionsOf(RegionCatalogue regions, long enterpriseId, string enterpriseRegion) =>
        IsAdmin || (IsOperator && InScope(regions, enterpriseRegion)) || (IsEnterpriseUser && EnterpriseId == enterpriseId);

    /// <summary>Whether a region code lies in the caller's scope: the one rule, also behind every list's SQL range.</summary>
    public bool InScope(string? regionCode) => ScopeRegion is null || RegionCatalogue.Contains(ScopeRegion, regionCode);

    public bool InScope(RegionCatalogue regions, string regionCode) => InScope(regionCode);

    public static Caller From(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true || user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } id)
        {
            return Anonymous;
        }
        return new Caller(
            long.Parse(id, CultureInfo.InvariantCulture),
            Enum.TryParse<Role>(user.FindFirstValue(ClaimTypes.Role), out var role) ? role : null,
            ParseLong(user.FindFirstValue(EnterpriseClaim)),
            user.FindFirstValue(RegionClaim),
            ParseLong(user.FindFirstValue(TalentClaim)));
    }

    public static ClaimsPrincipal Principal(Account account, string scheme, string? sessionId = null)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, account.Id.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, account.DisplayName),
            new(ClaimTypes.Role, account.Role.ToString()),
        };
        if (account.EnterpriseId is { } e)
        {
            claims.Add(new Claim(EnterpriseClaim, e.ToString(CultureInfo.InvariantCulture)));
        }
        if (account.RegionCode is { } r)
        {
            claims.Add(new Claim(RegionClaim, r));
        }
        if (account.TalentId is { } t)
        {
            claims.Add(new Claim(TalentClaim, t.ToString(CultureInfo.InvariantCulture)));
        }
        if (sessionId is not null)
        {
            claims.Add(new Claim(SessionClaim, sessionId));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    private static long? ParseLong(string? value) =>
        long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;
}
