using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentBridge.Domain;
using TalentBridge.Domain.EnterpriseServices;
using TalentBridge.Domain.Reference;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.EnterpriseServices;
using TalentBridge.Platform.Flow;
using TalentBridge.Platform.Pools;
using TalentBridge.Web.Pages;

namespace TalentBridge.Web.Api;

/// <summary>
/// Enterprise services over HTTP (issue 14): the 专精特新 self-assessment and its history, the policies an enterprise
/// qualifies or nearly qualifies for, tier confirmation, and for operators the policy documents and who qualifies in
/// their region. Scope: an enterprise's users see their own enterprise, operators their region's subtree, administrators
/// all; anything else is 404. Thin: every rule is the Platform's (<see cref="SelfAssessments"/>, <see cref="PolicyMatching"/>, …).
/// </summary>
public static class EnterpriseServicesApi
{
    public sealed record AssessmentBody(string? RuleSet, DateOnly? On, Dictionary<string, decimal?>? Figures);

    public sealed record PolicyBody(JsonElement? Definition, string? Note);

    /// <summary>A stored policy version; <c>definition</c> is its JSON document.</summary>
    public sealed record PolicyView(long Id, string Key, int Version, string? OwnerRegion, string NameZh, string NameEn, PolicyKind Kind, bool Confirmed,
        string Note, DateTimeOffset CreatedAt, JsonElement Definition)
    {
        public static PolicyView From(StoredPolicy p) => new(p.Id, p.Key, p.Version, p.OwnerRegion, p.Policy.NameZh, p.Policy.NameEn, p.Policy.Kind,
            p.Policy.Source.Confirmed, p.Note, p.CreatedAt, JsonDocument.Parse(p.Definition).RootElement.Clone());
    }

    public static void MapEnterpriseServicesApi(this RouteGroupBuilder api)
    {
        var enterprises = api.MapGroup("/enterprises/{id:long}").WithTags("Enterprise services").RequireAuthorization();

        enterprises.MapPost("/assessments", async Task<Results<Created<AssessmentAnswer>, ValidationProblem, NotFound, ForbidHttpResult>> (long id,
            AssessmentBody body, ClaimsPrincipal user, SelfAssessments assessments, CancellationToken ct) =>
        {
            var result = await assessments.AssessAsync(Caller.From(user), id, new AssessmentInput(body.RuleSet, body.On, body.Figures), ct);
            return result.Status switch
            {
                WriteStatus.Ok => TypedResults.Created($"/api/v1/enterprises/{id}/assessments/{result.Value!.Assessment.Id}", result.Value),
                WriteStatus.Invalid => PoolsApi.Invalid(result.Errors),
                WriteStatus.NotFound => TypedResults.NotFound(),
                _ => TypedResults.Forbid(),
            };
        }).WithSummary("专精特新 self-assessment: figures by name (revenue, rdSpend, staff, … in yuan, percent, counts, years; yes/no as 1/0), optional " +
            "ruleSet (srdi-2022-national, srdi-2022-example-province) and on (date); every tier evaluated: qualifies / doesNotQualify / undetermined, " +
            "score by dimension and indicator, missing figures and the changes that would change the answer. Stored and audited.");

        enterprises.MapGet("/assessments", async Task<Results<Ok<IReadOnlyList<StoredAssessment>>, NotFound>> (long id, ClaimsPrincipal user,
            SelfAssessments assessments, CancellationToken ct) =>
            await assessments.HistoryAsync(Caller.From(user), id, ct) is { } history ? TypedResults.Ok(history) : TypedResults.NotFound())
            .WithSummary("The enterprise's self-assessments, newest first: figures, who entered them, rule set and date, each tier's answer.");

        enterprises.MapGet("/assessments/{assessmentId:long}", async Task<Results<Ok<AssessmentAnswer>, NotFound>> (long id, long assessmentId,
            ClaimsPrincipal user, SelfAssessments assessments, CancellationToken ct) =>
            await assessments.FindAsync(Caller.From(user), id, assessmentId, ct) is { } answer ? TypedResults.Ok(answer) : TypedResults.NotFound())
            .WithSummary("One self-assessment with its full answer (recomputed from the stored figures under the same rule set and date).");

        enterprises.MapGet("/policies", async (long id, int? year, ClaimsPrincipal user, PolicyMatching matching, CancellationToken ct) =>
            Answer(await matching.ForEnterpriseAsync(Caller.From(user), id, year, ct)))
            .WithSummary("The policies in force in a year (default this year) evaluated on the platform's facts: qualifies (with the facts proving each " +
                "condition and the amount in fen), nearly (one condition fails: what is missing), others (no, undetermined).");

        enterprises.MapGet("/tiers", async Task<Results<Ok<IReadOnlyList<TierRecord>>, NotFound>> (long id, ClaimsPrincipal user, TierRecords tiers,
            CancellationToken ct) =>
            await tiers.ListAsync(Caller.From(user), id, ct) is { } records ? TypedResults.Ok(records) : TypedResults.NotFound())
            .WithSummary("The enterprise's confirmed tier records, newest first.");

        enterprises.MapPost("/tiers", async (long id, HttpRequest request, ClaimsPrincipal user, TierRecords tiers, CancellationToken ct) =>
        {
            if (!request.HasFormContentType)
            {
                TierConfirmation? body;
                try
                {
                    body = await request.ReadFromJsonAsync<TierConfirmation>(ct);
                }
                catch (Exception e) when (e is JsonException or InvalidOperationException)
                {
                    return PoolsApi.Invalid(new ValidationErrors().Add("body", "must be a JSON object or multipart/form-data"));
                }
                return Answer(await tiers.ConfirmAsync(Caller.From(user), id, body ?? new TierConfirmation(null, null, null, null, null, null), ct));
            }
            var (input, errors) = await ReadTierFormAsync(await request.ReadFormAsync(ct), ct);
            // A field the form could not read is an error before anything is written, listed with the other checks.
            return errors.IsValid
                ? Answer(await tiers.ConfirmAsync(Caller.From(user), id, input, ct))
                : PoolsApi.Invalid(errors.AddMissing(TierRecords.Check(input).Errors));
        }).WithSummary("Confirms a tier (operators of the enterprise's region, administrators) as JSON or multipart/form-data: tier (None, InnovativeSme, " +
                "Srdi, LittleGiant), evidence (references; repeated or one per line), files (PDF, PNG or JPEG, at most 5), note, validFrom, validUntil, " +
                "assessmentId; the enterprise's tier becomes the newest record valid today.")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(SharedPoolLimits.MaxRequestBytes));

        enterprises.MapGet("/tiers/files/{fileId:long}", async Task<Results<FileContentHttpResult, NotFound>> (long fileId, ClaimsPrincipal user,
            TierRecords tiers, CancellationToken ct) =>
            await tiers.FileAsync(Caller.From(user), fileId, ct) is { } file
                ? TypedResults.File(file.Content, file.File.ContentType, file.File.Name)
                : TypedResults.NotFound())
            .WithSummary("A tier record's evidence file, for whoever sees the enterprise's services (a view by anyone but the enterprise's users is audited).");

        var services = api.MapGroup("/services").WithTags("Enterprise services").RequireAuthorization();

        services.MapGet("/policies", async Task<Results<Ok<IReadOnlyList<PolicyView>>, ForbidHttpResult>> (ClaimsPrincipal user, PolicyDocuments policies,
            CancellationToken ct) =>
            Caller.From(user) is { IsAdmin: false, IsOperator: false }
                ? TypedResults.Forbid()
                : TypedResults.Ok<IReadOnlyList<PolicyView>>([.. (await policies.CurrentAsync(ct)).Select(PolicyView.From)]))
            .WithSummary("The policies in force (newest version of each), for operators and administrators.");

        services.MapGet("/policies/{key}", async Task<Results<Ok<IReadOnlyList<PolicyView>>, NotFound, ForbidHttpResult>> (string key, ClaimsPrincipal user,
            PolicyDocuments policies, CancellationToken ct) =>
        {
            if (Caller.From(user) is { IsAdmin: false, IsOperator: false })
            {
                return TypedResults.Forbid();
            }
            var versions = await policies.VersionsAsync(key, ct);
            return versions.Count == 0 ? TypedResults.NotFound() : TypedResults.Ok<IReadOnlyList<PolicyView>>([.. versions.Select(PolicyView.From)]);
        }).WithSummary("Every version of a policy, newest first.");

        services.MapPost("/policies", async (PolicyBody body, ClaimsPrincipal user, PolicyDocuments policies, CancellationToken ct) =>
            Answer(await policies.PublishAsync(Caller.From(user), null, Text(body.Definition), body.Note, ct), PolicyView.From))
            .WithSummary("Creates a policy (or publishes a new version of one you manage) from its JSON document (definition) with a note; " +
                "errors name the JSON path (eligibility[0].atLeast).");

        services.MapPut("/policies/{key}", async (string key, PolicyBody body, ClaimsPrincipal user, PolicyDocuments policies, CancellationToken ct) =>
            Answer(await policies.PublishAsync(Caller.From(user), key, Text(body.Definition), body.Note, ct), PolicyView.From))
            .WithSummary("Publishes the next version of a policy you manage (the document keeps its key).");

        services.MapGet("/qualified", async ([AsParameters] QualifiedParameters query, ClaimsPrincipal user, PolicyMatching matching, CancellationToken ct) =>
            Answer(await matching.QualifiedAsync(Caller.From(user), query.Query, ct)))
            .WithSummary("Who qualifies for which policy in a region's subtree (operators: their own; default the caller's region) for a year; " +
                "filter by policy key; paged.");

        services.MapGet("/qualified/export", async Task<Results<FileContentHttpResult, ValidationProblem, NotFound, ForbidHttpResult>> (
            [AsParameters] QualifiedParameters query, string? format, ClaimsPrincipal user, PolicyMatching matching, ReferenceData reference, CancellationToken ct) =>
        {
            var result = await matching.ExportAsync(Caller.From(user), query.Query, format ?? "", code => Choices.RegionName(reference, code), ct);
            return result.Status switch
            {
                WriteStatus.Ok => File(result.Value!, format!),
                WriteStatus.Invalid => PoolsApi.Invalid(result.Errors),
                WriteStatus.NotFound => TypedResults.NotFound(),
                _ => TypedResults.Forbid(),
            };
        }).WithSummary("The qualified list (same filters, every row) as CSV (UTF-8 with BOM) or Excel (format=csv|xlsx); audited as an export.");
    }

    /// <summary>
    /// Reads a tier confirmation posted as a form (the page's and the API's multipart): tier, evidence (repeated or one per
    /// line), note, validFrom, validUntil (yyyy-MM-dd), assessmentId and the files.
    /// </summary>
    internal static async Task<(TierConfirmation Input, ValidationErrors Errors)> ReadTierFormAsync(IFormCollection form, CancellationToken ct)
    {
        var reader = new FormReader();
        EnterpriseTier? tier = string.IsNullOrWhiteSpace(form["tier"]) ? null : reader.Enum<EnterpriseTier>(form["tier"], "tier");
        DateOnly? Date(string field) => string.IsNullOrWhiteSpace(form[field]) ? null : reader.Date(form[field], field);
        var (from, until) = (Date("validFrom"), Date("validUntil"));
        var assessment = reader.OptionalInt(form["assessmentId"], "assessmentId");
        var evidence = form["evidence"].SelectMany(v => (v ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
        var files = new List<AttachmentUpload>();
        foreach (var file in form.Files.Where(f => f.Length > 0 || f.FileName.Length > 0))
        {
            await using var stream = file.OpenReadStream();
            files.Add(await AttachmentUpload.ReadAsync(file.FileName, file.Length, stream, ct));
        }
        return (new TierConfirmation(reader.Errors.IsValid ? tier : null, evidence, form["note"], from, until, assessment) { Files = files }, reader.Errors);
    }

    public sealed record QualifiedParameters(string? Region, string? Policy, int? Year, int? Page, int? PageSize)
    {
        public QualifiedQuery Query => new(Region, Policy, Year, Page, PageSize);
    }

    internal static FileContentHttpResult File(byte[] bytes, string format)
    {
        var (type, name) = FileType(format);
        return TypedResults.File(bytes, type, name);
    }

    /// <summary>The content type and file name of an export of the qualified list.</summary>
    internal static (string ContentType, string FileName) FileType(string format) =>
        format == "csv"
            ? ("text/csv; charset=utf-8", "policy-qualified.csv")
            : ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "policy-qualified.xlsx");

    /// <summary>The document as sent: a JSON object, or a string holding one (as a form posts it).</summary>
    internal static string? Text(JsonElement? definition) => definition switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } e => e.GetString(),
        { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        { } e => e.GetRawText(),
    };

    internal static Results<Ok<T>, ValidationProblem, NotFound, ForbidHttpResult> Answer<T>(WriteResult<T> result) where T : class =>
        Answer(result, v => v);

    internal static Results<Ok<TView>, ValidationProblem, NotFound, ForbidHttpResult> Answer<T, TView>(WriteResult<T> result, Func<T, TView> view) where T : class =>
        result.Status switch
        {
            WriteStatus.Ok => TypedResults.Ok(view(result.Value!)),
            WriteStatus.Invalid => PoolsApi.Invalid(result.Errors),
            WriteStatus.NotFound => TypedResults.NotFound(),
            _ => TypedResults.Forbid(),
        };
}
