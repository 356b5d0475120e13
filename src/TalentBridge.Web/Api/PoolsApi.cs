using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentBridge.Domain;
using TalentBridge.Domain.Pools;
using TalentBridge.Domain.Reference;
using TalentBridge.Web.Accounts;
using TalentBridge.Web.Storage;

namespace TalentBridge.Web.Api;

/// <summary>
/// CRUD for the three pools. Every write is validated first (400 with the fields named), then done in
/// one transaction; access follows <see cref="Caller"/>.
/// </summary>
public static class PoolsApi
{
    public static void MapApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1");
        api.MapReferenceApi();
        api.MapEnterprises();
        api.MapPositions();
        api.MapTalents();
        api.MapTokens();
    }

    private static ValidationProblem Invalid(ValidationErrors errors) => TypedResults.ValidationProblem(errors.ToDictionary(),
        title: "The request has invalid fields.");

    private static void MapEnterprises(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/enterprises").WithTags("Enterprises");

        group.MapGet("/", async Task<Results<Ok<Page<Enterprise>>, ValidationProblem>> (
            [AsParameters] ListParameters parameters, ClaimsPrincipal user, EnterpriseStore store, ReferenceData reference, CancellationToken ct) =>
        {
            var (query, errors) = parameters.Parse(reference, EnterpriseStore.SortKeys.Keys.ToList());
            return errors.IsValid ? TypedResults.Ok(await store.ListAsync(query, Caller.From(user).ScopeRegion, ct)) : Invalid(errors);
        }).WithSummary("Enterprises, filtered by region subtree, industry and text; paged and sorted (sort=name, -headcount, …).");

        group.MapGet("/{id:long}", async Task<Results<Ok<Enterprise>, NotFound>> (long id, EnterpriseStore store, CancellationToken ct) =>
            await store.FindAsync(id, ct) is { } e ? TypedResults.Ok(e) : TypedResults.NotFound());

        group.MapPost("/", async Task<Results<Created<Enterprise>, ValidationProblem, ForbidHttpResult>> (
            Enterprise body, ClaimsPrincipal user, EnterpriseStore store, ReferenceData reference, TimeProvider time, CancellationToken ct) =>
        {
            var caller = Caller.From(user);
            var errors = body.Validate(reference);
            if (!errors.IsValid)
            {
                return Invalid(errors);
            }
            if (!caller.CanCreateEnterprise || !caller.InScope(reference.Regions, body.RegionCode))
            {
                return TypedResults.Forbid();
            }
            if (await store.UsccTakenAsync(body.Uscc, 0, ct))
            {
                return Invalid(new ValidationErrors().Add("uscc", "is already registered to another enterprise"));
            }
            var created = await store.CreateAsync(body with { Id = 0 }, time.GetUtcNow(), ct);
            return TypedResults.Created($"/api/v1/enterprises/{created.Id}", created);
        }).RequireAuthorization();

        group.MapPut("/{id:long}", async Task<Results<Ok<Enterprise>, ValidationProblem, NotFound, ForbidHttpResult>> (
            long id, Enterprise body, ClaimsPrincipal user, EnterpriseStore store, ReferenceData reference, TimeProvider time, CancellationToken ct) =>
        {
            var errors = body.Validate(reference);
            if (!errors.IsValid)
            {
                return Invalid(errors);
            }
            var existing = await store.FindAsync(id, ct);
            if (existing is null)
            {
                return TypedResults.NotFound();
            }
            var caller = Caller.From(user);
            if (!caller.CanEditEnterprise(reference.Regions, id, existing.RegionCode) || !caller.InScope(reference.Regions, body.RegionCode))
            {
                return TypedResults.Forbid();
            }
            if (await store.UsccTakenAsync(body.Uscc, id, ct))
            {
                return Invalid(new ValidationErrors().Add("uscc", "is already registered to another enterprise"));
            }
            var updated = await store.UpdateAsync(body with { Id = id, CreatedAt = existing.CreatedAt }, time.GetUtcNow(), ct);
            return updated is null ? TypedResults.NotFound() : TypedResults.Ok(updated);
        }).RequireAuthorization();

        group.MapDelete("/{id:long}", async Task<Results<NoContent, NotFound, ForbidHttpResult>> (
            long id, ClaimsPrincipal user, EnterpriseStore store, ReferenceData reference, CancellationToken ct) =>
        {
            var existing = await store.FindAsync(id, ct);
            if (existing is null)
            {
                return TypedResults.NotFound();
            }
            var caller = Caller.From(user);
            if (!(caller.IsAdmin || (caller.IsOperator && caller.InScope(reference.Regions, existing.RegionCode))))
            {
                return TypedResults.Forbid();
            }
            return await store.DeleteAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();
        }).RequireAuthorization();
    }

    private static void MapPositions(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/positions").WithTags("Positions");

        group.MapGet("/", async Task<Results<Ok<Page<Position>>, ValidationProblem>> (
            [AsParameters] ListParameters parameters, ClaimsPrincipal user, PositionStore store, ReferenceData reference, CancellationToken ct) =>
        {
            var (query, errors) = parameters.Parse(reference, PositionStore.SortKeys.Keys.ToList());
            return errors.IsValid ? TypedResults.Ok(await store.ListAsync(query, Caller.From(user).ScopeRegion, ct)) : Invalid(errors);
        }).WithSummary("Positions, filtered by region subtree, occupation prefix, industry, education, enterprise, urgency, status and text.");

        group.MapGet("/{id:long}", async Task<Results<Ok<Position>, NotFound>> (long id, PositionStore store, CancellationToken ct) =>
            await store.FindAsync(id, ct) is { } p ? TypedResults.Ok(p) : TypedResults.NotFound());

        group.MapPost("/", async Task<Results<Created<Position>, ValidationProblem, ForbidHttpResult>> (
            Position body, ClaimsPrincipal user, PositionStore positions, EnterpriseStore enterprises, ReferenceData reference,
            TimeProvider time, CancellationToken ct) =>
        {
            var (position, enterprise, errors) = await Check(body, enterprises, reference, ct);
            if (!errors.IsValid)
            {
                return Invalid(errors);
            }
            if (!Caller.From(user).CanEditPosition(reference.Regions, enterprise!.Id, position.RegionCode))
            {
                return TypedResults.Forbid();
            }
            var created = await positions.CreateAsync(position with { Id = 0 }, time.GetUtcNow(), ct);
            return TypedResults.Created($"/api/v1/positions/{created.Id}", created);
        }).RequireAuthorization();

        group.MapPut("/{id:long}", async Task<Results<Ok<Position>, ValidationProblem, NotFound, ForbidHttpResult>> (
            long id, Position body, ClaimsPrincipal user, PositionStore positions, EnterpriseStore enterprises, ReferenceData reference,
            TimeProvider time, CancellationToken ct) =>
        {
            var existing = await positions.FindAsync(id, ct);
            if (existing is null)
            {
                return TypedResults.NotFound();
            }
            var (position, enterprise, errors) = await Check(body, enterprises, reference, ct);
            if (!errors.IsValid)
            {
                return Invalid(errors);
            }
            var caller = Caller.From(user);
            if (!caller.CanEditPosition(reference.Regions, existing.EnterpriseId, existing.RegionCode)
                || !caller.CanEditPosition(reference.Regions, enterprise!.Id, position.RegionCode))
            {
                return TypedResults.Forbid();
            }
            var updated = await positions.UpdateAsync(position with { Id = id, CreatedAt = existing.CreatedAt }, time.GetUtcNow(), ct);
            return updated is null ? TypedResults.NotFound() : TypedResults.Ok(updated);
        }).RequireAuthorization();

        group.MapDelete("/{id:long}", async Task<Results<NoContent, NotFound, ForbidHttpResult>> (
            long id, ClaimsPrincipal user, PositionStore store, ReferenceData reference, CancellationToken ct) =>
        {
            var existing = await store.FindAsync(id, ct);
            if (existing is null)
            {
                return TypedResults.NotFound();
            }
            if (!Caller.From(user).CanEditPosition(reference.Regions, existing.EnterpriseId, existing.RegionCode))
            {
                return TypedResults.Forbid();
            }
            return await store.DeleteAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();
        }).RequireAuthorization();
    }

    /// <summary>Validates a position and its enterprise; the industry defaults to the enterprise's.</summary>
    internal static async Task<(Position Position, Enterprise? Enterprise, ValidationErrors Errors)> Check(
        Position body, EnterpriseStore enterprises, ReferenceData reference, CancellationToken ct)
    {
        var enterprise = body.EnterpriseId > 0 ? await enterprises.FindAsync(body.EnterpriseId, ct) : null;
        var position = body with
        {
            IndustryCode = string.IsNullOrWhiteSpace(body.IndustryCode) ? enterprise?.IndustryCode : body.IndustryCode,
            // Normalise only a known code; anything else is left for Validate to report on the field.
            RegionCode = reference.Regions.Find(body.RegionCode ?? "")?.Code ?? body.RegionCode ?? "",
        };
        var errors = position.Validate(reference);
        errors.When(body.EnterpriseId > 0 && enterprise is null, "enterpriseId", "must be an existing enterprise");
        return (position, enterprise, errors);
    }

    private static void MapTalents(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/talents").WithTags("Talents").RequireAuthorization();

        group.MapGet("/", async Task<Results<Ok<Page<Talent>>, ValidationProblem, ForbidHttpResult>> (
            [AsParameters] ListParameters parameters, ClaimsPrincipal user, TalentStore store, ReferenceData reference, CancellationToken ct) =>
        {
            var caller = Caller.From(user);
            if (caller.MaxTalentVisibility is not { } visibility)
            {
                return TypedResults.Forbid();
            }
            var (query, errors) = parameters.Parse(reference, TalentStore.SortKeys.Keys.ToList());
            return errors.IsValid ? TypedResults.Ok(await store.ListAsync(query, caller.ScopeRegion, visibility, ct)) : Invalid(errors);
        }).WithSummary("Talents visible to the caller, filtered by residence region subtree, occupation prefix, minimum education and text. Contact data is masked.");

        group.MapGet("/{id:long}", async Task<Results<Ok<Talent>, NotFound>> (
            long id, ClaimsPrincipal user, TalentStore store, AccountStore accounts, ReferenceData reference, TimeProvider time, CancellationToken ct) =>
        {
            var caller = Caller.From(user);
            var talent = await store.FindAsync(id, ct);
            if (talent is null || !caller.CanSeeTalent(reference.Regions, talent.Id, talent.ResidenceRegionCode, talent.Visibility))
            {
                return TypedResults.NotFound();
            }
            if (caller.TalentId != id)
            {
                await accounts.AuditAsync(caller.AccountId, "view", "talent", id, "api: talent record", time.GetUtcNow(), ct);
            }
            return TypedResults.Ok(talent);
        });

        group.MapPost("/", async Task<Results<Created<Talent>, ValidationProblem, ForbidHttpResult>> (
            TalentDraft body, ClaimsPrincipal user, TalentStore store, ContactProtector protector, ReferenceData reference,
            TimeProvider time, CancellationToken ct) =>
        {
            var now = time.GetUtcNow();
            var errors = body.Validate(reference, now.Year, isNew: true);
            if (!errors.IsValid)
            {
                return Invalid(errors);
            }
            var caller = Caller.From(user);
            if (!caller.CanCreateTalent || !caller.InScope(reference.Regions, body.ResidenceRegionCode))
            {
                return TypedResults.Forbid();
            }
            if ((await store.FindByContactHashAsync(protector.Hash(body.Phone!), ct)).Count > 0)
            {
                return Invalid(new ValidationErrors().Add("phone", "is already registered to another talent"));
            }
            var created = await store.CreateAsync(body.ToTalent(protector, now), ct);
            return TypedResults.Created($"/api/v1/talents/{created.Id}", created);
        });

        group.MapPut("/{id:long}", async Task<Results<Ok<Talent>, ValidationProblem, NotFound, ForbidHttpResult>> (
            long id, TalentDraft body, ClaimsPrincipal user, TalentStore store, ContactProtector protector, ReferenceData reference,
            TimeProvider time, CancellationToken ct) =>
        {
            var now = time.GetUtcNow();
            var errors = body.Validate(reference, now.Year, isNew: false);
            if (!errors.IsValid)
            {
                return Invalid(errors);
            }
            var existing = await store.FindAsync(id, ct);
            var caller = Caller.From(user);
            if (existing is null || !caller.CanSeeTalent(reference.Regions, id, existing.ResidenceRegionCode, existing.Visibility))
            {
                return TypedResults.NotFound();
            }
            if (!caller.CanEditTalent(reference.Regions, id, existing.ResidenceRegionCode)
                || (caller.TalentId != id && !caller.InScope(reference.Regions, body.ResidenceRegionCode)))
            {
                return TypedResults.Forbid();
            }
            if (body.Phone is not null && (await store.FindByContactHashAsync(protector.Hash(body.Phone), ct)).Any(other => other != id))
            {
                return Invalid(new ValidationErrors().Add("phone", "is already registered to another talent"));
            }
            var updated = await store.UpdateAsync(body.ToTalent(protector, now, existing), ct);
            return updated is null ? TypedResults.NotFound() : TypedResults.Ok(updated);
        });

        group.MapDelete("/{id:long}", async Task<Results<NoContent, NotFound, ForbidHttpResult>> (
            long id, ClaimsPrincipal user, TalentStore store, ReferenceData reference, CancellationToken ct) =>
        {
            var existing = await store.FindAsync(id, ct);
            var caller = Caller.From(user);
            if (existing is null || !caller.CanSeeTalent(reference.Regions, id, existing.ResidenceRegionCode, existing.Visibility))
            {
                return TypedResults.NotFound();
            }
            if (!caller.CanEditTalent(reference.Regions, id, existing.ResidenceRegionCode))
            {
                return TypedResults.Forbid();
            }
            return await store.DeleteAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();
        });
    }

    public sealed record TokenRequest(string? UserName, string? Password, string? Name);

    public sealed record TokenResponse(string Token, DateTimeOffset ExpiresAt);

    private static void MapTokens(this RouteGroupBuilder api) =>
        api.MapPost("/tokens", async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> (
            TokenRequest body, Login login, AccountStore accounts, TimeProvider time, CancellationToken ct) =>
        {
            var errors = new ValidationErrors()
                .Required(body.UserName, "userName", 100)
                .Required(body.Password, "password", 200)
                .Required(body.Name, "name", 100);
            if (!errors.IsValid)
            {
                return Invalid(errors);
            }
            var (outcome, account) = await login.VerifyAsync(body.UserName!, body.Password!, ct);
            if (outcome != LoginOutcome.Success)
            {
                return TypedResults.Problem(
                    outcome == LoginOutcome.LockedOut ? "The account is locked after repeated failures; try again later." : "Unknown user name or wrong password.",
                    statusCode: StatusCodes.Status401Unauthorized);
            }
            var expires = time.GetUtcNow().AddDays(90);
            var token = await accounts.CreateTokenAsync(account!.Id, body.Name!, time.GetUtcNow(), expires, ct);
            return TypedResults.Ok(new TokenResponse(token, expires));
        }).WithTags("Accounts").RequireRateLimiting(TalentBridgeApp.LoginRateLimit)
          .WithSummary("Issues a 90-day API token for an account (send it as Authorization: Bearer …).");
}
