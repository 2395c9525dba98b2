using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using GuongSang.Content.Model;
using GuongSang.Content.Text;
using GuongSang.Import;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Web.Tests;

/// <summary>The people and content the article tests share: staff of each role, two agencies with an exemplar each.</summary>
internal static partial class ArticleDesk
{
    public const string Editor = "bientap@so-noi-vu.vn";
    public const string Writer = "phongvien@so-noi-vu.vn";
    public const string OtherWriter = "phongvien2@so-noi-vu.vn";
    public const string AgencyA = "vanthu@dtn.vn";
    public const string AgencyB = "vanthu@hoi-nong-dan.vn";

    /// <summary>A site with an editor, two writers, and an Agency account in each of two agencies (DTN, HND), each with one exemplar.</summary>
    public static async Task<(SiteFactory Site, int ExemplarA, int ExemplarB)> StartAsync()
    {
        var site = await Staff.StartAsync();
        int a, b;
        await using (var db = site.CreateDb())
        {
            await AgencyKeys.SetAsync(db, "DTN", "Đoàn Thanh niên tỉnh Gia Lai", DateTime.UtcNow);
            await AgencyKeys.SetAsync(db, "HND", "Hội Nông dân tỉnh Gia Lai", DateTime.UtcNow);
            a = await AddExemplarAsync(db, "DTN", "Nguyễn Văn An");
            b = await AddExemplarAsync(db, "HND", "Trần Thị Bình");
        }
        await Staff.CreateAsync(site, Editor, "editor");
        await Staff.CreateAsync(site, Writer, "writer");
        await Staff.CreateAsync(site, OtherWriter, "writer");
        await Staff.CreateAsync(site, AgencyA, "agency", "DTN");
        await Staff.CreateAsync(site, AgencyB, "agency", "HND");
        return (site, a, b);
    }

    private static async Task<int> AddExemplarAsync(Content.Storage.GuongSangDb db, string agency, string name)
    {
        var exemplar = new Exemplar
        {
            Agency = await db.Agencies.AsTracking().SingleAsync(x => x.Code == agency),
            MovementId = await db.Movements.OrderBy(m => m.Id).Select(m => m.Id).FirstAsync(),
            Code = agency + "-1", Name = name, Slug = VietnameseText.Slug(name), NameKey = VietnameseText.Key(name),
            Status = ContentStatus.Published, PublishedAt = DateTime.UtcNow, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
        };
        db.Exemplars.Add(exemplar);
        await db.SaveChangesAsync();
        return exemplar.Id;
    }

    /// <summary>A management API client with a personal access token of <paramref name="email"/>.</summary>
    public static async Task<HttpClient> BearerAsync(SiteFactory site, string email)
    {
        var (exit, output, error) = await Staff.RunAsync(site, null, "create-token", email);
        Assert.True(exit == 0, output + error);
        var client = Staff.Client(site);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", output.Trim());
        return client;
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    /// <summary>Creates an article through the API and answers its id.</summary>
    public static async Task<int> CreateAsync(HttpClient api, string title, string body = "Nội dung bài viết.", int[]? exemplarIds = null)
    {
        using var response = await api.PostAsJsonAsync("/api/v1/manage/articles", new { title, body, exemplarIds });
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await JsonAsync(response)).GetProperty("id").GetInt32();
    }

    /// <summary>The version the edit page's form carries.</summary>
    public static int FormVersion(string html) => int.Parse(VersionField().Match(html).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex("name=\"version\" value=\"(\\d+)\"")]
    private static partial Regex VersionField();
}
