using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentBridge.Domain;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Audit;
using TalentBridge.Platform.Storage;

namespace TalentBridge.Web.Api;

/// <summary>The audit log over HTTP: operators (their region's subtree) and administrators.</summary>
public static class AuditApi
{
    /// <summary>The query string of the audit log (API and page).</summary>
    public sealed record AuditParameters(long? Account, string? Subject, long? SubjectId, string? Action, DateOnly? From, DateOnly? To,
        int? Page, int? PageSize)
    {
        public (AuditQuery Query, ValidationErrors Errors) Parse()
        {
            var query = new AuditQuery
            {
                AccountId = Account,
                SubjectType = string.IsNullOrWhiteSpace(Subject) ? null : Subject.Trim(),
                SubjectId = SubjectId,
                Action = string.IsNullOrWhiteSpace(Action) ? null : Action.Trim(),
                From = From,
                To = To,
                Page = Page ?? 1,
                PageSize = PageSize ?? 50,
            };
            return (query, query.Validate());
        }
    }

    public static void MapAuditApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/audit").WithTags("Audit").RequireAuthorization();

        group.MapGet("/", async Task<Results<Ok<Page<AuditRow>>, ValidationProblem, ForbidHttpResult>> (
            [AsParameters] AuditParameters parameters, ClaimsPrincipal user, AuditLog log, CancellationToken ct) =>
        {
            var caller = Caller.From(user);
            if (!caller.CanReadAuditLog)
            {
                return TypedResults.Forbid();
            }
            var (query, errors) = parameters.Parse();
            return errors.IsValid
                ? TypedResults.Ok(await log.ListAsync(caller, query, ct))
                : TypedResults.ValidationProblem(errors.ToDictionary(), title: "The request has invalid fields.");
        }).WithSummary("Audit rows, newest first, filtered by account, subject type and id, action (create, update, delete, view, export) and China dates.");

        group.MapGet("/export", async Task<Results<EmptyHttpResult, ValidationProblem, ForbidHttpResult>> (
            [AsParameters] AuditParameters parameters, string? reason, ClaimsPrincipal user, HttpResponse response, AuditLog log, CancellationToken ct) =>
        {
            var caller = Caller.From(user);
            if (!caller.CanReadAuditLog)
            {
                return TypedResults.Forbid();
            }
            var (query, errors) = parameters.Parse();
            errors.Required(reason, "reason", 200);
            if (!errors.IsValid)
            {
                return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The request has invalid fields.");
            }
            response.ContentType = "text/csv; charset=utf-8";
            response.Headers.ContentDisposition = "attachment; filename=\"audit-log.csv\"";
            await log.ExportCsvAsync(caller, query, reason!.Trim(), response.Body, ct);
            return TypedResults.Empty;
        }).WithSummary("The filtered audit rows as CSV (at most 100,000); the export is itself audited with the reason given.");
    }
}
