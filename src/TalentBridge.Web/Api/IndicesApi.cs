using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentBridge.Domain;
using TalentBridge.Domain.Indices;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.Indices;

namespace TalentBridge.Web.Api;

/// <summary>
/// Composite indices over HTTP (issue 15): indicator trees (versioned JSON documents), datasets (CSV or Excel uploads),
/// runs (the engine over a dataset and/or the platform's measures of a region's children), their exports and published
/// versions, and seed 001's reproduced rankings. Operators (their region's subtree) and administrators only; thin:
/// every rule is the Platform's (<see cref="IndexTrees"/>, <see cref="IndexRuns"/>) or the Domain's.
/// </summary>
public static class IndicesApi
{
    public sealed record TreeBody(JsonElement? Definition, string? Note);

    public sealed record RunBody(string? Tree, long? Dataset, string? Region, int? Year, JsonElement? Specification);

    public sealed record PublishBody(string? Note);

    public sealed record TreeView(long Id, string Key, int Version, string? OwnerRegion, string Note, DateTimeOffset CreatedAt, IndexTree Definition)
    {
        public static TreeView From(StoredIndexTree t) => new(t.Id, t.Key, t.Version, t.OwnerRegion, t.Note, t.CreatedAt, t.Tree);
    }

    public static void MapIndicesApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/indices").WithTags("Composite indices").RequireAuthorization();

        group.MapGet("/trees", async Task<Results<Ok<IReadOnlyList<TreeView>>, ForbidHttpResult>> (ClaimsPrincipal user, IndexTrees trees, CancellationToken ct) =>
            Analyst(user) is not { } caller ? TypedResults.Forbid() : TypedResults.Ok<IReadOnlyList<TreeView>>([.. (await trees.CurrentAsync(caller, ct)).Select(TreeView.From)]))
            .WithSummary("The current version of every indicator tree the caller may use (the shipped B.11, B.12 and platform example, and the region's own).");

        group.MapGet("/trees/{key}", async Task<Results<Ok<IReadOnlyList<TreeView>>, NotFound, ForbidHttpResult>> (string key, ClaimsPrincipal user, IndexTrees trees,
            CancellationToken ct) =>
        {
            if (Analyst(user) is not { } caller)
            {
                return TypedResults.Forbid();
            }
            var versions = await trees.VersionsAsync(caller, key, ct);
            return versions.Count == 0 ? TypedResults.NotFound() : TypedResults.Ok<IReadOnlyList<TreeView>>([.. versions.Select(TreeView.From)]);
        }).WithSummary("Every version of a tree, newest first.");

        group.MapPost("/trees", async (TreeBody body, ClaimsPrincipal user, IndexTrees trees, CancellationToken ct) =>
            EnterpriseServicesApi.Answer(await trees.PublishAsync(Caller.From(user), null, EnterpriseServicesApi.Text(body.Definition), body.Note, ct), TreeView.From))
            .WithSummary("Creates a tree (or the next version of one you manage) from its JSON document: key, names, source, nodes (code, parent, names, unit, " +
                "direction positive|negative, weight, target, goalposts, measure). Weights of siblings must all be given and sum to 1, or none (equal). " +
                "Errors name the JSON path (nodes[3].parent).");

        group.MapPut("/trees/{key}", async (string key, TreeBody body, ClaimsPrincipal user, IndexTrees trees, CancellationToken ct) =>
            EnterpriseServicesApi.Answer(await trees.PublishAsync(Caller.From(user), key, EnterpriseServicesApi.Text(body.Definition), body.Note, ct), TreeView.From))
            .WithSummary("Publishes the next version of a tree you manage (the document keeps its key).");

        group.MapGet("/datasets", async Task<Results<Ok<IReadOnlyList<StoredDataset>>, ForbidHttpResult>> (string? tree, ClaimsPrincipal user, IndexRuns runs,
            CancellationToken ct) =>
            Analyst(user) is not { } caller ? TypedResults.Forbid() : TypedResults.Ok(await runs.DatasetsAsync(caller, tree, ct)))
            .WithSummary("The uploaded datasets (of a tree) the caller may use, newest first.");

        group.MapPost("/datasets", async Task<Results<Ok<StoredDataset>, ValidationProblem, NotFound, ForbidHttpResult>> (HttpRequest request, ClaimsPrincipal user,
            IndexRuns runs, CancellationToken ct) =>
        {
            if (!request.HasFormContentType)
            {
                return PoolsApi.Invalid(new ValidationErrors().Add("file", "is required (multipart/form-data)"));
            }
            var form = await request.ReadFormAsync(ct);
            var file = form.Files.GetFile("file");
            await using var stream = file is null ? null : await Buffered(file, ct);
            return EnterpriseServicesApi.Answer(await runs.UploadAsync(Caller.From(user), form["tree"], form["name"], stream, file?.FileName, ct));
        }).WithSummary("Uploads figures for a tree as multipart/form-data: tree, name and file (.csv or .xlsx, first sheet). Columns: unit, name, kind " +
            "(city, county, enterprise, other), group, period, then one per indicator code; empty cells are missing, yes/no read as 1/0. Errors name " +
            "rows[n].column.")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(IndexRuns.MaxUploadBytes + 64 * 1024));

        group.MapPost("/runs", async (RunBody body, ClaimsPrincipal user, IndexRuns runs, CancellationToken ct) =>
            EnterpriseServicesApi.Answer(await runs.RunAsync(Caller.From(user),
                new IndexRunRequest(body.Tree, body.Dataset, body.Region, body.Year, EnterpriseServicesApi.Text(body.Specification)), ct)))
            .WithSummary("Computes an index: tree, dataset and/or region + year (the platform's own measures of the region's children), and the " +
                "specification (period, screening, imputation, outliers, normalisation, weighting, aggregation, rescale, uncertainty). A specification " +
                "that names a step, option or node that does not exist is refused naming its path. The result holds the ranking, weights, coverage, " +
                "treatments, coherence and the Monte Carlo rank bands.");

        group.MapGet("/runs", async Task<Results<Ok<IReadOnlyList<StoredRun>>, ForbidHttpResult>> (string? tree, int? page, ClaimsPrincipal user, IndexRuns runs,
            CancellationToken ct) =>
            Analyst(user) is not { } caller ? TypedResults.Forbid() : TypedResults.Ok((await runs.RunsAsync(caller, tree, page ?? 1, ct)).Items))
            .WithSummary("The runs the caller may see, newest first, 50 a page.");

        group.MapGet("/runs/{id:long}", async Task<Results<Ok<StoredRun>, NotFound>> (long id, ClaimsPrincipal user, IndexRuns runs, CancellationToken ct) =>
            await runs.RunAsync(Caller.From(user), id, ct) is { } run ? TypedResults.Ok(run) : TypedResults.NotFound())
            .WithSummary("One run with its specification and whole result.");

        group.MapGet("/runs/{id:long}/export", async Task<Results<FileContentHttpResult, NotFound>> (long id, string? format, ClaimsPrincipal user, IndexRuns runs,
            IndexTrees trees, CancellationToken ct) =>
        {
            var caller = Caller.From(user);
            if (await runs.RunAsync(caller, id, ct) is not { } run || await trees.FindByIdAsync(run.TreeId, ct) is not { } tree)
            {
                return TypedResults.NotFound();
            }
            var (bytes, type, name) = await ExportAsync(caller, runs, "indexRun", id, run.OwnerRegion, tree.Tree, run.Result, format, ct);
            return TypedResults.File(bytes, type, name);
        }).WithSummary("The run as CSV (the ranking with rank bands, dimensions and indicators) or Excel (format=xlsx: also weights, treatments, " +
            "coherence, uncertainty); audited as an export.");

        group.MapPost("/runs/{id:long}/publication", async (long id, PublishBody body, ClaimsPrincipal user, IndexRuns runs, CancellationToken ct) =>
            EnterpriseServicesApi.Answer(await runs.PublishAsync(Caller.From(user), id, body.Note, ct)))
            .WithSummary("Publishes the run's result as the next version of its tree's published results (note required).");

        group.MapGet("/publications", async Task<Results<Ok<IReadOnlyList<StoredPublication>>, ForbidHttpResult>> (string? tree, ClaimsPrincipal user,
            IndexRuns runs, CancellationToken ct) =>
            Analyst(user) is not { } caller ? TypedResults.Forbid() : TypedResults.Ok(await runs.PublicationsAsync(caller, tree, ct)))
            .WithSummary("The published results the caller may see, by tree and newest version first.");

        group.MapGet("/publications/{key}/{version:int}", async Task<Results<Ok<StoredPublication>, NotFound>> (string key, int version, ClaimsPrincipal user,
            IndexRuns runs, CancellationToken ct) =>
            await runs.PublicationAsync(Caller.From(user), key, version, ct) is { } p ? TypedResults.Ok(p) : TypedResults.NotFound())
            .WithSummary("One published version of a tree's results.");

        group.MapGet("/reproductions", Results<Ok<IReadOnlyList<Reproduction>>, ForbidHttpResult> (ClaimsPrincipal user) =>
            Analyst(user) is null ? TypedResults.Forbid() : TypedResults.Ok(SeedReproduction.All()))
            .WithSummary("Seed 001's rankings reproduced from the figures it prints: Spearman's rho, exact ranks, printed and computed rank per unit.");
    }

    /// <summary>Operators and administrators; null for anyone else.</summary>
    private static Caller? Analyst(ClaimsPrincipal user) => Caller.From(user) is { } caller && (caller.IsAdmin || caller.IsOperator) ? caller : null;

    /// <summary>Audits the export, then gives the file: CSV, or Excel for <c>xlsx</c>.</summary>
    internal static async Task<(byte[] Bytes, string ContentType, string FileName)> ExportAsync(Caller caller, IndexRuns runs, string subject, long id, string? owner,
        IndexTree tree, IndexResult result, string? format, CancellationToken ct)
    {
        var excel = string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase);
        await runs.AuditExportAsync(caller, subject, id, owner, excel ? "xlsx" : "csv", ct);
        return excel
            ? (IndexExport.Excel(tree, result), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", IndexExport.FileName(tree.Key, subject, id, "xlsx"))
            : (IndexExport.Csv(tree, result), "text/csv; charset=utf-8", IndexExport.FileName(tree.Key, subject, id, "csv"));
    }

    /// <summary>The upload as a seekable stream (MiniExcel reads an .xlsx as a zip archive).</summary>
    internal static async Task<Stream> Buffered(IFormFile file, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        await using (var source = file.OpenReadStream())
        {
            await source.CopyToAsync(buffer, ct);
        }
        buffer.Position = 0;
        return buffer;
    }
}
