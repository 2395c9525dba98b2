using System.Net;
using System.Text.RegularExpressions;
using GuongSang.Web.Site;
using Microsoft.Extensions.Configuration;

namespace GuongSang.Web.Tests;

/// <summary>Staff accounts for the manager's tests: the site's command line with a piped password, and the login form.</summary>
internal static partial class Staff
{
    public const string Password = "Mật khẩu đủ dài 2026";

    /// <summary>Runs a site command on the site's data folder with <paramref name="stdin"/> as piped standard input.</summary>
    public static async Task<(int Exit, string Output, string Error)> RunAsync(SiteFactory site, string? stdin, params string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["GuongSang:DataFolder"] = site.DataPath }).Build();
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var input = new StringReader(stdin ?? "");
        var exit = await SiteCommands.RunAsync(args, configuration, output, error, input);
        Assert.NotNull(exit);
        return (exit.Value, output.ToString(), error.ToString());
    }

    /// <summary>A site with its database made (the commands need one), without demo content.</summary>
    public static async Task<SiteFactory> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var site = new SiteFactory(demoContent: false, settings: settings);
        using var client = site.CreatePlainClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        return site;
    }

    public static async Task CreateAsync(SiteFactory site, string email, string role, string? agency = null, string password = Password)
    {
        string[] args = agency is null ? ["create-user", email, "--role", role] : ["create-user", email, "--role", role, "--agency", agency];
        var (exit, output, error) = await RunAsync(site, password + "\n", args);
        Assert.True(exit == 0, output + error);
    }

    /// <summary>A browser-like client (cookies kept, no automatic redirects).</summary>
    public static HttpClient Client(SiteFactory site) => site.CreatePlainClient();

    /// <summary>The antiforgery field of the form on <paramref name="path"/>.</summary>
    public static async Task<string> FormTokenAsync(HttpClient client, string path)
    {
        var html = await client.GetPageAsync(path);
        return TokenField().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("No antiforgery field on " + path);
    }

    /// <summary>Posts a form of the page at <paramref name="formPage"/> with its antiforgery field.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string formPage, string action, params (string Name, string Value)[] fields)
    {
        var token = await FormTokenAsync(client, formPage);
        var content = new FormUrlEncodedContent([.. fields.Select(f => KeyValuePair.Create(f.Name, f.Value)), KeyValuePair.Create("__RequestVerificationToken", token)]);
        return await client.PostAsync(action, content);
    }

    public static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password = Password) =>
        PostFormAsync(client, "/quan-tri/dang-nhap", "/quan-tri/dang-nhap", ("Email", email), ("Password", password));

    /// <summary>Signed in, or the test fails.</summary>
    public static async Task<HttpClient> SignedInAsync(SiteFactory site, string email, string password = Password)
    {
        var client = Client(site);
        var response = await SignInAsync(client, email, password);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
