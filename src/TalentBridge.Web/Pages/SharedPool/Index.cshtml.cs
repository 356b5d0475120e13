using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TalentBridge.Domain;
using TalentBridge.Domain.SharedPool;
using TalentBridge.Platform.Accounts;
using TalentBridge.Platform.SharedPool;
using TalentBridge.Platform.Storage;
using TalentBridge.Web.Api;

namespace TalentBridge.Web.Pages.SharedPool;

/// <summary>
/// 共享人才库: the classified index of a city's admitted experts (any county's), with the tag tree and the county and
/// service-mode facets with counts, text search, filters, sorting and paging. Cards show masked data only.
/// </summary>
public sealed class IndexModel(Experts experts, SharedPools pools) : PageModel
{
    [FromQuery(Name = "q")] public string? Q { get; set; }
    [FromQuery(Name = "tag")] public long? Tag { get; set; }
    [FromQuery(Name = "region")] public string? Region { get; set; }
    [FromQuery(Name = "mode")] public string? Mode { get; set; }
    [FromQuery(Name = "sort")] public string? Sort { get; set; }
    [FromQuery(Name = "page")] public int? PageNumber { get; set; }
    [FromQuery(Name = "city")] public string? City { get; set; }

    public PoolViewer Viewer { get; private set; } = null!;
    public Page<SharedExpert> Result { get; private set; } = new([], 0, 1, 20);
    public IReadOnlyList<TagNode> Tags { get; private set; } = [];
    public IReadOnlyDictionary<long, SharedTag> TagsById { get; private set; } = new Dictionary<long, SharedTag>();
    public IReadOnlyList<SharedPoolInfo> Counties { get; private set; } = [];
    public IReadOnlyDictionary<string, int> ByCounty { get; private set; } = new Dictionary<string, int>();
    public IReadOnlyDictionary<ServiceModes, int> ByMode { get; private set; } = new Dictionary<ServiceModes, int>();
    public ValidationErrors Errors { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var caller = Caller.From(User);
        if (!caller.IsSignedIn)
        {
            return Challenge();
        }
        Viewer = await PoolViewer.ForAsync(caller, City, HttpContext.RequestServices, ct);
        if (Viewer.City is null)
        {
            return Page();
        }
        if (!Viewer.MayBrowse)
        {
            return Forbid();
        }
        var city = Viewer.City;
        var tags = await pools.TagsAsync(city.Id, ct);
        Tags = TagNode.Build(tags);
        TagsById = tags.ToDictionary(t => t.Id);
        Counties = [.. (await pools.ListAsync(city.RegionCode, ct)).Where(p => !p.IsCity)];
        (ByCounty, ByMode) = await experts.FacetsAsync(city.Id, ct);
        var (query, errors) = SharedPoolApi.Query(Q, Tag, Region, Mode, Sort, PageNumber, 12);
        Errors = errors;
        if (errors.IsValid)
        {
            Result = await experts.SearchAsync(city.Id, query, ct);
        }
        return Page();
    }

    /// <summary>This page's link with one filter changed (and the page reset).</summary>
    public string Link(string key, string? value)
    {
        var query = Request.Query.Where(q => q.Key != key && q.Key != "page").ToDictionary(q => q.Key, q => (string?)q.Value.ToString(), StringComparer.Ordinal);
        if (value is not null)
        {
            query[key] = value;
        }
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/shared", query);
    }
}
