using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using GuongSang.Import;
using GuongSang.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Web.Tests;

/// <summary>An empty site (movements only) whose push limit is small enough to test.</summary>
public sealed class SiteWithoutDemoContent() : SiteFactory(demoContent: false)
{
    public const long PushLimit = 2 << 20;

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("GuongSang:Import:MaxRequestBytes", PushLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>The agency push API through the real host: keys, limits, problem+json, the report.</summary>
public sealed class AgencySubmissionTests(SiteWithoutDemoContent site) : IClassFixture<SiteWithoutDemoContent>
{
    private async Task<string> KeyForAsync(string code, string name)
    {
        site.CreatePlainClient().Dispose(); // the host (and its database) exists before we write to it
        await using var db = site.CreateDb("kiem-thu");
        return (await AgencyKeys.SetAsync(db, code, name, DateTime.UtcNow))!;
    }

    private HttpClient ClientWith(string? key)
    {
        var client = site.CreatePlainClient();
        if (key is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    [Fact]
    public async Task Agency_pushes_json_and_gets_the_report_and_the_exemplars_are_published()
    {
        var key = await KeyForAsync("ia-pa", "UBND huyện Ia Pa, tỉnh Gia Lai");
        using var client = ClientWith(key);
        var json = Encoding.UTF8.GetString(Samples.Bytes(Samples.DistrictJson));

        var response = await client.PostAsync("/api/v1/agencies/ia-pa/submissions", new StringContent(json, Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var report = JsonDocument.Parse(body);
        var file = report.RootElement.GetProperty("files")[0];
        Assert.Equal("imported", file.GetProperty("status").GetString());
        Assert.Equal(3, file.GetProperty("rows").EnumerateArray().Count(r => r.GetProperty("outcome").GetString() is "created" or "unchanged"));

        var list = JsonDocument.Parse(await client.GetStringAsync("/api/v1/exemplars?agency=ia-pa")).RootElement;
        Assert.Equal(3, list.GetProperty("total").GetInt32());

        await using var db = site.CreateDb();
        Assert.Equal("api:ia-pa", (await db.Revisions.OrderBy(r => r.Id).LastAsync(r => r.EntityType == "Exemplar")).Author);
        Assert.NotNull((await db.Agencies.SingleAsync(a => a.Code == "ia-pa")).ApiKeyHash);
        Assert.DoesNotContain(key, (await db.Agencies.SingleAsync(a => a.Code == "ia-pa")).ApiKeyHash!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agency_pushes_a_package_as_a_multipart_file()
    {
        var key = await KeyForAsync("sgddt", "Sở Giáo dục và Đào tạo tỉnh Bà Rịa - Vũng Tàu");
        using var client = ClientWith(key);
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(Samples.Bytes(Samples.Package)), "file", Samples.Package);

        var response = await client.PostAsync("/api/v1/agencies/sgddt/submissions", form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var exemplars = JsonDocument.Parse(await client.GetStringAsync("/api/v1/exemplars?agency=sgddt&pageSize=100")).RootElement.GetProperty("items");
        Assert.Equal(5, exemplars.GetArrayLength());
        var all = exemplars.GetRawText();
        foreach (var secret in Samples.WorkbookPrivateData) Assert.DoesNotContain(secret, all, StringComparison.Ordinal);
        // Nor in any page: the exemplars' pages, the articles, the home page.
        var pages = new List<string> { "/", "/bai-viet" };
        pages.AddRange(exemplars.EnumerateArray().Select(e => e.GetProperty("url").GetString()!));
        foreach (var url in pages)
        {
            var html = await client.GetPageAsync(url);
            foreach (var secret in Samples.WorkbookPrivateData)
                Assert.DoesNotContain(secret, html, StringComparison.Ordinal);
        }
        var withPhoto = exemplars.EnumerateArray().First(e => e.GetProperty("code").GetString() == "SGD-2025Q2-01");
        var photo = withPhoto.GetProperty("photos")[0];
        var media = await client.GetAsync(photo.GetProperty("url").GetString());
        Assert.Equal(HttpStatusCode.OK, media.StatusCode);
    }

    [Fact]
    public async Task Raw_file_body_with_x_api_key_and_dry_run_reports_without_writing()
    {
        var key = await KeyForAsync("van-hoa", "Phòng Văn hóa và Thông tin huyện Ia Pa");
        using var client = site.CreatePlainClient();
        using var body = new ByteArrayContent(Samples.Bytes(Samples.Tcvn3Csv));
        body.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        body.Headers.Add("X-Api-Key", key);
        var response = await client.PostAsync("/api/v1/agencies/van-hoa/submissions?fileName=van-hoa.csv&dryRun=true", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var file = JsonDocument.Parse(text).RootElement.GetProperty("files")[0];
        Assert.Equal("TCVN3 (ABC)", file.GetProperty("encoding").GetString());
        Assert.True(file.GetProperty("dryRun").GetBoolean());
        Assert.Equal(2, file.GetProperty("rows").EnumerateArray().Count(r => r.GetProperty("outcome").GetString() == "created"));
        await using var db = site.CreateDb();
        Assert.False(await db.Exemplars.AnyAsync(e => e.Agency.Code == "van-hoa"));
    }

    [Fact]
    public async Task Wrong_or_missing_key_or_another_agencys_code_is_401_problem_json()
    {
        var key = await KeyForAsync("agency-a", "Cơ quan A");
        await KeyForAsync("agency-b", "Cơ quan B");
        var content = new StringContent("{\"exemplars\":[]}", Encoding.UTF8, "application/json");
        foreach (var (client, code) in new[] { (ClientWith(null), "agency-a"), (ClientWith("sai-khoa"), "agency-a"), (ClientWith(key), "agency-b"), (ClientWith(key), "khong-co") })
        {
            using (client)
            {
                var response = await client.PostAsync($"/api/v1/agencies/{code}/submissions", content);
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }
        await using var db = site.CreateDb();
        Assert.False(await db.Exemplars.AnyAsync(e => e.Agency.Code == "agency-b"));
    }

    [Fact]
    public async Task Malformed_body_is_400_and_unsupported_type_415_and_nothing_is_written()
    {
        var key = await KeyForAsync("agency-c", "Cơ quan C");
        using var client = ClientWith(key);
        var bad = await client.PostAsync("/api/v1/agencies/agency-c/submissions", new StringContent("{\"exemplars\": [ {\"code\": ", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        Assert.Contains("JSON", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var text = await client.PostAsync("/api/v1/agencies/agency-c/submissions", new StringContent("xin chào", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
        await using var db = site.CreateDb();
        Assert.False(await db.Exemplars.AnyAsync(e => e.Agency.Code == "agency-c"));
        await site.AssertStillServesAsync();
    }

    [Fact]
    public async Task Request_over_the_size_limit_is_413_problem_json()
    {
        var key = await KeyForAsync("agency-d", "Cơ quan D");
        using var client = ClientWith(key);
        var huge = new ByteArrayContent(new byte[(int)SiteWithoutDemoContent.PushLimit + 1]);
        huge.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var response = await client.PostAsync("/api/v1/agencies/agency-d/submissions", huge);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        await site.AssertStillServesAsync();
    }
}
