using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.HttpOverrides;
using TalentBridge.Platform;
using TalentBridge.Platform.Accounts;
using TalentBridge.Web.Accounts;
using TalentBridge.Web.Api;
using TalentBridge.Web.Pages.Flow;

namespace TalentBridge.Web;

/// <summary>The one HTML encoder of the pages, the Razor views and the helpers that build markup alike.</summary>
public static class PageEncoding
{
    public static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);
}

/// <summary>Composition of the web host: one method per area, used by Program.cs and the tests.</summary>
public static class TalentBridgeApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // The application name pins Razor Pages discovery to this assembly, also when a test host builds it.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(TalentBridgeApp).Assembly.GetName().Name,
        });
        configure?.Invoke(builder);
        builder.Services.AddTalentBridgePlatform(builder.Configuration);
        builder.Services.AddSingleton(Ui.Shared);
        // Pages keep Chinese text as it is instead of &#x4EBA;&#x624D; (a third of the size, readable in view-source);
        // the characters that matter to HTML (< > & ' ") are still encoded.
        builder.Services.AddSingleton(PageEncoding.Html);
        builder.Services.AddSecurity();
        // One page serves create and edit for each pool: /x/new is the edit page without an id.
        builder.Services.AddRazorPages(o => o.Conventions
            .AddPageRoute("/Enterprises/Edit", "enterprises/new")
            .AddPageRoute("/Positions/Edit", "positions/new")
            .AddPageRoute("/Talents/Edit", "talents/new"));
        builder.Services.AddOpenApi("v1");
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));

        var app = builder.Build();
        // Behind nginx the client's address comes from X-Forwarded-For (trusted from loopback proxies only, the
        // default): the sign-in limit per address must count the client, not the proxy.
        app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto });
        // The API answers errors as ProblemDetails (JSON); pages answer with a localised error page, same status code.
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal), api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal), pages =>
        {
            pages.UseExceptionHandler("/error/500");
            pages.UseStatusCodePagesWithReExecute("/error/{0}");
        });
        app.UseSecurityHeaders();
        app.UseStaticFiles();
        // Routing after the error handlers, so that a re-executed request (/error/404) is routed again.
        app.UseRouting();
        app.UseRequestLocalization(Localization.Options);
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi("/api/v1/openapi.json");
        app.MapApi();
        app.MapAccountEndpoints();
        app.MapConversationEndpoints();
        app.MapRazorPages();
        return app;
    }

    private static void AddSecurity(this IServiceCollection services)
    {
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = "CookieOrToken";
                o.DefaultChallengeScheme = "CookieOrToken";
            })
            .AddPolicyScheme("CookieOrToken", "Cookie or API token", o =>
                o.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                        ? ApiTokenHandler.SchemeName
                        : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.LoginPath = "/account/login";
                o.LogoutPath = "/account/logout";
                o.AccessDeniedPath = "/account/denied";
                o.Cookie.Name = "tb.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                // The API answers 401/403 instead of redirecting to the login page.
                o.Events.OnRedirectToLogin = c => ApiOrRedirect(c, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = c => ApiOrRedirect(c, StatusCodes.Status403Forbidden);
                o.Events.OnValidatePrincipal = SessionCheck.ValidateAsync;
            })
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiTokenHandler>(ApiTokenHandler.SchemeName, null);
        services.AddAuthorization();
        services.AddAntiforgery(o => o.Cookie.Name = "tb.af");
        // One key ring for every node, kept in the database: a cookie or form token issued by one node is valid on all.
        services.AddDataProtection().SetApplicationName("TalentBridge");
        services.AddOptions<KeyManagementOptions>().Configure<DataProtectionKeys>((o, keys) => o.XmlRepository = new DatabaseXmlRepository(keys));
    }


    private static Task ApiOrRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    private static void UseSecurityHeaders(this WebApplication app) =>
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy =
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
                "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            headers.XFrameOptions = "DENY";
            await next(context);
        });

    /// <summary>Applies migrations and, on an empty database, seeds the demo accounts and data.</summary>
    public static Task InitializeAsync(this WebApplication app, CancellationToken ct) =>
        PlatformServices.InitializeAsync(app.Services, app.Configuration, app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("TalentBridge"), ct);
}
