using System.Net;
using GuongSang.Content.Model;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace GuongSang.Web.Tests;

/// <summary>The site on real Kestrel (the test server adds no Server header of its own, so could not show one missing).</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.")]
public sealed class KestrelSite : IAsyncLifetime
{
    private readonly SiteFactory _site = new(demoContent: false);

    public HttpClient Client { get; private set; } = null!;

    public SiteFactory Site => _site;

    public Task InitializeAsync()
    {
        _site.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        _site.StartServer();
        var address = _site.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(address) };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await _site.DisposeAsync();
    }
}

public sealed class SecurityHeadersTests(KestrelSite site) : IClassFixture<KestrelSite>
{
    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;

    private static void AssertCommonHeaders(HttpResponseMessage response, string url)
    {
        Assert.True(Header(response, "X-Content-Type-Options") == "nosniff", $"{url}: X-Content-Type-Options");
        Assert.True(Header(response, "Referrer-Policy") == "strict-origin-when-cross-origin", $"{url}: Referrer-Policy");
        var permissions = Header(response, "Permissions-Policy") ?? "";
        foreach (var feature in new[] { "camera=()", "microphone=()", "geolocation=()", "browsing-topics=()", "payment=()" })
        {
            Assert.True(permissions.Contains(feature, StringComparison.Ordinal), $"{url}: Permissions-Policy lacks {feature}: {permissions}");
        }
        var csp = Header(response, "Content-Security-Policy") ?? "";
        Assert.True(csp.Contains("frame-ancestors 'none'", StringComparison.Ordinal), $"{url}: {csp}");
        Assert.True(csp.Contains("base-uri 'none'", StringComparison.Ordinal), $"{url}: {csp}");
        Assert.DoesNotContain("unsafe-", csp, StringComparison.Ordinal);
    }

    /// <summary>Pages (and anything a page loads) may use the site's own files only.</summary>
    private static void AssertPagePolicy(HttpResponseMessage response, string url)
    {
        var csp = Header(response, "Content-Security-Policy") ?? "";
        Assert.True(csp.Contains("default-src 'none'", StringComparison.Ordinal), $"{url}: {csp}");
        foreach (var directive in new[] { "script-src 'self'", "style-src 'self'", "img-src 'self'", "connect-src 'self'", "form-action 'self'" })
        {
            Assert.True(csp.Contains(directive + ";", StringComparison.Ordinal) || csp.EndsWith(directive, StringComparison.Ordinal),
                $"{url}: {directive} missing or widened in {csp}");
        }
    }

    [Theory]
    [InlineData("/", HttpStatusCode.OK)]
    [InlineData("/phong-trao", HttpStatusCode.OK)]
    [InlineData("/tim-kiem?q=hien+mau", HttpStatusCode.OK)]
    [InlineData("/trang-khong-co", HttpStatusCode.NotFound)]
    [InlineData("/guong-sang/999999/khong-co", HttpStatusCode.NotFound)]
    [InlineData("/themes/Default/assets/theme.css", HttpStatusCode.OK)]
    [InlineData("/robots.txt", HttpStatusCode.OK)]
    public async Task Pages_error_pages_and_static_files_carry_the_page_policy(string url, HttpStatusCode status)
    {
        using var response = await site.Client.GetAsync(url);
        Assert.Equal(status, response.StatusCode);
        AssertCommonHeaders(response, url);
        AssertPagePolicy(response, url);
    }

    [Theory]
    [InlineData("/api/v1/movements", HttpStatusCode.OK)]
    [InlineData("/api/v1/exemplars?pageSize=1", HttpStatusCode.OK)]
    [InlineData("/api/v1/exemplars/999999", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/search?q=%22", HttpStatusCode.OK)]
    public async Task Json_answers_carry_a_policy_that_loads_nothing(string url, HttpStatusCode status)
    {
        using var response = await site.Client.GetAsync(url);
        Assert.Equal(status, response.StatusCode);
        AssertCommonHeaders(response, url);
        var csp = Header(response, "Content-Security-Policy") ?? "";
        Assert.StartsWith("default-src 'none';", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("'self'", csp, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/api/v1/movements")]
    [InlineData("/themes/Default/assets/theme.css")]
    public async Task No_response_names_the_server_software(string url)
    {
        using var response = await site.Client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode}");
        Assert.False(response.Headers.Contains("Server"), $"{url}: Server: {Header(response, "Server")}");
    }

    [Fact]
    public async Task A_moved_page_answers_301_with_the_headers()
    {
        // The redirect table clears the 404 response before it answers 301: the headers must survive that.
        await using (var db = site.Site.CreateDb())
        {
            db.Redirects.Add(new Redirect { FromPath = "/trang-cu-an-toan", ToPath = "/phong-trao", CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
        using var response = await site.Client.GetAsync("/trang-cu-an-toan");
        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        AssertCommonHeaders(response, "/trang-cu-an-toan");
        AssertPagePolicy(response, "/trang-cu-an-toan");
    }
}
