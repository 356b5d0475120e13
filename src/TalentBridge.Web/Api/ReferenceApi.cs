using Microsoft.AspNetCore.Http.HttpResults;
using TalentBridge.Domain.Reference;

namespace TalentBridge.Web.Api;

/// <summary>Read-only national classifications: regions, occupations, industries.</summary>
public static class ReferenceApi
{
    public sealed record RegionDto(string Code, string Name, string ShortName, RegionLevel Level, string? ParentCode);

    public sealed record OccupationDto(string Code, int Level, string Name, bool IsDigital, bool IsGreen, string? ParentCode,
        string? Definition, string? Tasks, IReadOnlyList<string> Aliases);

    public sealed record IndustryDto(string Code, int Level, string Name, string Section, string? ParentCode);

    public static void MapReferenceApi(this RouteGroupBuilder api)
    {
        var regions = api.MapGroup("/regions").WithTags("Reference data");
        regions.MapGet("/{code}", Results<Ok<RegionDto>, NotFound> (string code, ReferenceData reference) =>
            reference.Regions.Find(code) is { } r ? TypedResults.Ok(Dto(r)) : TypedResults.NotFound())
            .WithSummary("A region by its statistical division code (2 to 12 digits, zero padding allowed).");
        regions.MapGet("/{code}/children", Results<Ok<RegionDto[]>, NotFound> (string code, ReferenceData reference) =>
            reference.Regions.Find(code) is { } r
                ? TypedResults.Ok(reference.Regions.Children(r.Code).Select(Dto).ToArray())
                : TypedResults.NotFound())
            .WithSummary("The direct children of a region, e.g. 331100 → the nine counties of Lishui.");
        regions.MapGet("/{code}/ancestors", Results<Ok<RegionDto[]>, NotFound> (string code, ReferenceData reference) =>
            reference.Regions.Find(code) is { } r
                ? TypedResults.Ok(reference.Regions.Ancestors(r.Code).Select(Dto).ToArray())
                : TypedResults.NotFound());
        regions.MapGet("/", Results<Ok<RegionDto[]>, ValidationProblem> (string? name, ReferenceData reference) =>
            string.IsNullOrWhiteSpace(name)
                ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = ["is required (full or short name, e.g. 青田)"] })
                : TypedResults.Ok(reference.Regions.FindByName(name.Trim()).Select(Dto).ToArray()))
            .WithSummary("Regions by full or short name (丽水, 青田, 莲都区).");

        var occupations = api.MapGroup("/occupations").WithTags("Reference data");
        occupations.MapGet("/{code}", Results<Ok<OccupationDto>, NotFound> (string code, ReferenceData reference) =>
            reference.Occupations.Find(code) is { } o ? TypedResults.Ok(Dto(o)) : TypedResults.NotFound())
            .WithSummary("An occupation of 职业分类大典 2022 by code, e.g. 2-02-10-03.");
        occupations.MapGet("/{code}/children", Results<Ok<OccupationDto[]>, NotFound> (string code, ReferenceData reference) =>
            reference.Occupations.Find(code) is { } o
                ? TypedResults.Ok(reference.Occupations.Children(o.Code).Select(Dto).ToArray())
                : TypedResults.NotFound());
        occupations.MapGet("/", (string? q, int? take, ReferenceData reference) =>
            TypedResults.Ok((string.IsNullOrWhiteSpace(q)
                    ? reference.Occupations.MajorGroups
                    : reference.Occupations.Search(q.Trim(), Math.Clamp(take ?? 20, 1, 100)))
                .Select(Dto).ToArray()))
            .WithSummary("Search occupations by code, name, alias or definition (q=软件); without q, the eight major groups.");

        var industries = api.MapGroup("/industries").WithTags("Reference data");
        industries.MapGet("/{code}", Results<Ok<IndustryDto>, NotFound> (string code, ReferenceData reference) =>
            reference.Industries.Find(code) is { } i ? TypedResults.Ok(Dto(i)) : TypedResults.NotFound());
        industries.MapGet("/{code}/children", Results<Ok<IndustryDto[]>, NotFound> (string code, ReferenceData reference) =>
            reference.Industries.Find(code) is { } i
                ? TypedResults.Ok(reference.Industries.Children(i.Code).Select(Dto).ToArray())
                : TypedResults.NotFound());
        industries.MapGet("/", (string? q, int? take, ReferenceData reference) =>
            TypedResults.Ok((string.IsNullOrWhiteSpace(q)
                    ? reference.Industries.Sections
                    : reference.Industries.Search(q.Trim(), Math.Clamp(take ?? 20, 1, 100)))
                .Select(Dto).ToArray()))
            .WithSummary("Search GB/T 4754-2017 industries; without q, the 20 sections.");
    }

    private static RegionDto Dto(Region r) => new(r.Code, r.Name, r.ShortName, r.Level, r.ParentCode);

    private static OccupationDto Dto(Occupation o) =>
        new(o.Code, o.Level, o.Name, o.IsDigital, o.IsGreen, o.ParentCode, o.Definition, o.Tasks, o.Aliases);

    private static IndustryDto Dto(Industry i) => new(i.Code, i.Level, i.Name, i.Section, i.ParentCode);
}
