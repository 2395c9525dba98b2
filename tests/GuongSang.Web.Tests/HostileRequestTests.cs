using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using GuongSang.Content.Model;
using GuongSang.Import;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Web.Tests;

/// <summary>
/// Requests a careless or hostile client sends: answers name no server path, a malformed request is 400,
/// absurd page numbers give an empty page (never 500, never another page), HEAD is served like GET.
/// After each, the site still answers; after each hostile push, it still imports and finds a normal submission.
/// </summary>
public sealed class HostileRequestTests(HostileRequestTests.Site site) : IClassFixture<HostileRequestTests.Site>
{
    /// <summary>The demo site with a push limit small enough to go past in a test.</summary>
    public sealed class Site : SiteFactory
    {
        public const long PushLimit = 1 << 20;

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("GuongSang:Import:MaxRequestBytes", PushLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private static string Submissions(string code) => $"/api/v1/agencies/{code}/submissions";

    private async Task<HttpClient> AgencyClientAsync(string code)
    {
        site.CreatePlainClient().Dispose(); // the host (and its database) exists before we write to it
        await using (var db = site.CreateDb())
        {
            var key = await AgencyKeys.SetAsync(db, code, "Cơ quan " + code, DateTime.UtcNow);
            var client = site.CreatePlainClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            return client;
        }
    }

    /// <summary>A problem+json answer with this status whose text names no folder of the server.</summary>
    private async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        foreach (var serverPath in new[] { site.DataPath, Path.GetTempPath().TrimEnd('/'), "import-work" })
            Assert.DoesNotContain(serverPath, body, StringComparison.OrdinalIgnoreCase);
        return JsonDocument.Parse(body).RootElement;
    }

    private static byte[] Zip(params (string Name, string Text)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), Encoding.UTF8);
                writer.Write(text);
            }
        }
        return buffer.ToArray();
    }

    private static MultipartFormDataContent FileForm(byte[] bytes, string fileName) =>
        new() { { new ByteArrayContent(bytes), "file", fileName } };

    private const string Csv = "Mã hồ sơ,Họ và tên,Loại điển hình,Phong trào thi đua,Trạng thái\nX-1,Nguyễn Văn A,Cá nhân,Phong trào,Đã duyệt\n";

    [Fact]
    public async Task Zip_with_a_duplicate_entry_is_400_naming_the_entry_not_a_server_path()
    {
        using var client = await AgencyClientAsync("trung-ten");
        var zip = Zip(("danh-sach.csv", Csv), ("danh-sach.csv", Csv));

        var response = await client.PostAsync(Submissions("trung-ten"), FileForm(zip, "goi.zip"));

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("danh-sach.csv", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await using var db = site.CreateDb();
        Assert.False(await db.Exemplars.AnyAsync(e => e.Agency.Code == "trung-ten"));
        await site.AssertStillServesAsync();
    }

    [Fact]
    public async Task Zip_with_an_overlong_entry_name_is_400_without_a_server_path()
    {
        using var client = await AgencyClientAsync("ten-dai");
        var longName = new string('a', 300) + ".csv";
        var zip = Zip((longName, Csv));

        var response = await client.PostAsync(Submissions("ten-dai"), FileForm(zip, "goi.zip"));

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("aaaa", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await site.AssertStillServesAsync();
    }

    [Fact]
    public async Task Multipart_without_a_boundary_is_400_problem_json_in_vietnamese()
    {
        using var client = await AgencyClientAsync("khong-bien");
        var content = new ByteArrayContent("--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nabc\r\n--x--\r\n"u8.ToArray());
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data");

        var response = await client.PostAsync(Submissions("khong-bien"), content);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("multipart", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("biểu mẫu", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await site.AssertStillServesAsync();
    }

    [Fact]
    public async Task Multipart_body_cut_before_its_closing_boundary_is_400_problem_json()
    {
        using var client = await AgencyClientAsync("bi-cat");
        var cut = Encoding.UTF8.GetBytes(
            "--ranh-gioi\r\nContent-Disposition: form-data; name=\"file\"; filename=\"danh-sach.csv\"\r\nContent-Type: text/csv\r\n\r\n" + Csv);
        var content = new ByteArrayContent(cut);
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=ranh-gioi");

        var response = await client.PostAsync(Submissions("bi-cat"), content);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("multipart", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await using var db = site.CreateDb();
        Assert.False(await db.Exemplars.AnyAsync(e => e.Agency.Code == "bi-cat"));
        await site.AssertStillServesAsync();
    }

    /// <summary>A multipart file over the limit with no Content-Length (sent in chunks) is still 413, not 400.</summary>
    [Fact]
    public async Task Chunked_multipart_over_the_size_limit_is_still_413()
    {
        using var client = await AgencyClientAsync("qua-lon");
        var form = new MultipartFormDataContent { { new UnknownLengthContent(new byte[Site.PushLimit + 1]), "file", "lon.csv" } };

        var response = await client.PostAsync(Submissions("qua-lon"), form);

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        await site.AssertStillServesAsync();
    }

    [Theory]
    [InlineData("/tim-kiem?q=hien&trang=2147483647", "/guong-sang/")]
    [InlineData("/tim-kiem?trang=2147483647", "/guong-sang/")]
    [InlineData("/bai-viet?trang=2147483647", "/bai-viet/")]
    [InlineData("/phong-trao/{movement}?trang=2147483647", "/guong-sang/")]
    [InlineData("/dia-phuong/{province}?trang=2147483647", "/guong-sang/")]
    public async Task A_page_past_the_end_of_a_site_list_is_an_empty_page_linking_back(string template, string itemLinks)
    {
        var (_, _, movement, province) = await SampleAsync();
        using var client = site.CreatePlainClient();
        var url = template.Replace("{movement}", movement, StringComparison.Ordinal).Replace("{province}", province, StringComparison.Ordinal);

        var response = await client.GetAsync(url);

        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
        // Nothing of the first page shown as if it were this one, and the way back goes to the real last page.
        Assert.DoesNotContain(itemLinks, Between(html, "<main", "</main>"), StringComparison.Ordinal);
        Assert.DoesNotContain("trang=2147483646", html, StringComparison.Ordinal);
        await site.AssertPagesAnswerAsync();
    }

    [Fact]
    public async Task From_past_the_end_a_list_and_a_search_link_back_to_their_last_page()
    {
        var slug = await AddMovementWithExemplarsAsync("phan-trang", GuongSang.Web.Site.SiteContent.PageSize + 5);
        using var client = site.CreatePlainClient();

        var movement = await client.GetPageAsync($"/phong-trao/{slug}?trang=2147483647");
        Assert.Contains($"href=\"/phong-trao/{slug}?trang=2\"", movement, StringComparison.Ordinal);
        Assert.DoesNotContain("/guong-sang/", Between(movement, "<main", "</main>"), StringComparison.Ordinal);

        // The search index follows the database within seconds.
        for (var i = 0; i < 150 && JsonDocument.Parse(await client.GetStringAsync($"/api/v1/search?movement={slug}")).RootElement.GetProperty("total").GetInt32() < 25; i++)
            await Task.Delay(200);
        var search = await client.GetPageAsync($"/tim-kiem?phong-trao={slug}&trang=2147483647");
        Assert.Contains($"href=\"/tim-kiem?phong-trao={slug}&amp;trang=2\"", search, StringComparison.Ordinal);
        await site.AssertPagesAnswerAsync();
    }

    /// <summary>A movement of its own with this many published exemplars, so the test knows its page count.</summary>
    private async Task<string> AddMovementWithExemplarsAsync(string slug, int count)
    {
        site.CreatePlainClient().Dispose();
        await using var db = site.CreateDb();
        var now = DateTime.UtcNow;
        var movement = new Movement { Name = "Phong trào " + slug, Slug = slug, CreatedAt = now, UpdatedAt = now };
        var agency = new Agency { Code = slug.ToUpperInvariant(), Name = "Cơ quan " + slug, Key = "co quan " + slug, CreatedAt = now };
        for (var i = 1; i <= count; i++)
        {
            db.Exemplars.Add(new Exemplar
            {
                Agency = agency, Movement = movement, Code = $"{slug}-{i}", Kind = ExemplarKind.Individual,
                Name = $"Người thứ {i}", Slug = $"nguoi-thu-{i}", NameKey = $"nguoi thu {i}", Summary = "Tóm tắt.",
                Status = ContentStatus.Published, PublishedAt = now, CreatedAt = now, UpdatedAt = now,
            });
        }
        await db.SaveChangesAsync();
        return slug;
    }

    [Theory]
    [InlineData("/api/v1/search?page=2147483647")]
    [InlineData("/api/v1/search?q=hien&page=2147483647&pageSize=50")]
    [InlineData("/api/v1/exemplars?page=30000000&pageSize=100")]
    [InlineData("/api/v1/exemplars?page=2147483647")]
    public async Task An_api_page_past_the_end_is_that_page_and_empty(string url)
    {
        using var client = site.CreatePlainClient();

        var response = await client.GetAsync(url);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {body}");
        var json = JsonDocument.Parse(body).RootElement;
        var asked = int.Parse(url.Split("page=")[1].Split('&')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(asked, json.GetProperty("page").GetInt32());
        Assert.Equal(0, json.GetProperty("items").GetArrayLength());
        Assert.True(json.GetProperty("total").GetInt32() > 0, body);
        await site.AssertPagesAnswerAsync();
    }

    [Theory]
    [InlineData("/api/v1/exemplars?page=2147483648")]
    [InlineData("/api/v1/search?page=0")]
    [InlineData("/api/v1/search?pageSize=-1")]
    public async Task A_page_number_that_is_no_positive_whole_number_is_400_problem_json(string url)
    {
        using var client = site.CreatePlainClient();
        await AssertProblemAsync(await client.GetAsync(url), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Head_is_answered_like_get_without_a_body_on_pages_api_assets_and_media()
    {
        var (id, slug, movement, province) = await SampleAsync();
        var media = Path.Combine(site.DataFolder.MediaPath, "kiem-thu", "head.jpg");
        Directory.CreateDirectory(Path.GetDirectoryName(media)!);
        await File.WriteAllBytesAsync(media, [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4]);
        using var client = site.CreatePlainClient();
        string[] urls =
        [
            "/", "/phong-trao", $"/phong-trao/{movement}", $"/guong-sang/{id}/{slug}", $"/guong-sang/{id}/sai-ten", "/bai-viet",
            "/dia-phuong", $"/dia-phuong/{province}", "/tim-kiem?q=hien", "/khong-co-trang-nay",
            "/api/v1/exemplars", $"/api/v1/exemplars/{id}", "/api/v1/exemplars/999999", "/api/v1/movements",
            $"/api/v1/movements/{movement}", "/api/v1/search?q=hien", "/healthz",
            "/robots.txt", "/themes/Default/assets/theme.css", "/media/kiem-thu/head.jpg",
        ];
        foreach (var url in urls)
        {
            using var get = await client.GetAsync(url);
            using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));

            Assert.True(get.StatusCode == head.StatusCode, $"HEAD {url}: {(int)head.StatusCode}, GET: {(int)get.StatusCode}");
            Assert.True(get.StatusCode != HttpStatusCode.MethodNotAllowed, url);
            Assert.Equal(get.Content.Headers.ContentType?.ToString(), head.Content.Headers.ContentType?.ToString());
            Assert.Equal(get.Headers.Location, head.Headers.Location);
            Assert.Equal(get.Headers.CacheControl?.ToString(), head.Headers.CacheControl?.ToString());
            Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        }
        await site.AssertPagesAnswerAsync();
    }

    /// <summary>A published exemplar, a movement and a province that have exemplars.</summary>
    private async Task<(int Id, string Slug, string Movement, string Province)> SampleAsync()
    {
        site.CreatePlainClient().Dispose();
        await using var db = site.CreateDb();
        var exemplar = await db.Exemplars
            .Where(e => e.Status == ContentStatus.Published && e.Province != null && e.Province.IsCurrent)
            .OrderBy(e => e.Id)
            .Select(e => new { e.Id, e.Slug, Movement = e.Movement.Slug, Province = e.Province!.Slug })
            .FirstAsync();
        return (exemplar.Id, exemplar.Slug, exemplar.Movement, exemplar.Province);
    }

    private static string Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal);
        var to = text.IndexOf(end, Math.Max(from, 0), StringComparison.Ordinal);
        Assert.True(from >= 0 && to > from, $"no {start}…{end} in the page");
        return text[from..to];
    }

    /// <summary>Content whose length is not known beforehand, so it goes without Content-Length.</summary>
    private sealed class UnknownLengthContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
