namespace GuongSang.Web.Tests;

public sealed class DefaultThemeSite() : SiteFactory("Default");

public sealed class HighContrastSite() : SiteFactory("HighContrast");

public static class HttpExtensions
{
    private static readonly System.Text.Encodings.Web.HtmlEncoder Html =
        System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    /// <summary>Text as the site's pages encode it.</summary>
    public static string Encoded(string text) => Html.Encode(text);

    public static async Task<string> GetPageAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url} answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 2000)]}");
        return body;
    }
}
