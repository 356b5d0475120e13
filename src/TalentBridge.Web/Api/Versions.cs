using System.Globalization;

namespace TalentBridge.Web.Api;

/// <summary>
/// Optimistic concurrency over HTTP: a record's version is its strong ETag (<c>"3"</c>); <c>PUT</c> and
/// <c>DELETE</c> must send it back in <c>If-Match</c> (428 without it, 412 when it is no longer current).
/// </summary>
public static class Versions
{
    public static string ETag(int version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    /// <summary>
    /// The version the client read, from <c>If-Match</c>: a number, or null for <c>*</c> (whatever is current).
    /// A tag that names no version of ours (weak, malformed, several) can match nothing: it reads as version -1.
    /// </summary>
    public static int? IfMatch(HttpResponse response)
    {
        var header = response.HttpContext.Request.Headers.IfMatch.ToString().Trim();
        if (header == "*")
        {
            return null;
        }
        return header.Length > 2 && header[0] == '"' && header[^1] == '"'
            && int.TryParse(header.AsSpan(1, header.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : -1;
    }

    /// <summary>If-Match when sent (a stale one is refused with 412); a step without it applies to the current version.</summary>
    public static int? IfMatchOrNull(HttpResponse response) => response.HttpContext.Request.Headers.IfMatch.Count == 0 ? null : IfMatch(response);

    /// <summary>Answers 428 Precondition Required when the request carries no <c>If-Match</c>.</summary>
    public static TBuilder RequireIfMatch<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
            context.HttpContext.Request.Headers.IfMatch.Count == 0
                ? TypedResults.Problem("Send the ETag you read in If-Match (or If-Match: * to overwrite whatever is current).",
                    statusCode: StatusCodes.Status428PreconditionRequired, title: "If-Match is required")
                : await next(context));
}
