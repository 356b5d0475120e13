using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace TalentBridge.Web.Tests;

/// <summary>PUT and DELETE with <c>If-Match</c>, as the API requires.</summary>
internal static class VersionedRequests
{
    /// <summary>The ETag of a record read from the API (its version as a quoted number).</summary>
    public static string ETag(JsonElement record) =>
        "\"" + record.GetProperty("version").GetInt32().ToString(CultureInfo.InvariantCulture) + "\"";

    public static Task<HttpResponseMessage> PutAsync<T>(this HttpClient client, string url, T body, string? ifMatch) =>
        client.SendAsync(HttpMethod.Put, url, body, ifMatch);

    /// <summary>A POST that names the version it acts on (a step of the one-click flow).</summary>
    public static Task<HttpResponseMessage> PostAsync<T>(this HttpClient client, string url, T body, string? ifMatch) =>
        client.SendAsync(HttpMethod.Post, url, body, ifMatch);

    private static Task<HttpResponseMessage> SendAsync<T>(this HttpClient client, HttpMethod method, string url, T body, string? ifMatch)
    {
        var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> DeleteAsync(this HttpClient client, string url, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, url);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return client.SendAsync(request);
    }
}
