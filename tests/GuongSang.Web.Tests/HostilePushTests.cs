using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using GuongSang.Import;
using GuongSang.Tests;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Web.Tests;

/// <summary>
/// Every file of the hostile corpus (tests/Hostile) pushed through the agency API: refused with 400 and a
/// Vietnamese reason, or read as it must be; after each, the site still answers and still imports and finds a
/// normal submission. And a push whose client goes away stops, writes nothing and blocks no one.
/// </summary>
public sealed class HostilePushTests(SiteWithLogs site) : IClassFixture<SiteWithLogs>
{
    public static TheoryData<string> Names => [.. HostileFiles.All.Select(c => c.Name)];

    private async Task<HttpClient> AgencyClientAsync(string code)
    {
        site.CreatePlainClient().Dispose(); // the host (and its database) exists before we write to it
        await using var db = site.CreateDb();
        var key = await AgencyKeys.SetAsync(db, code, "Cơ quan " + code, DateTime.UtcNow);
        var client = site.CreatePlainClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task A_hostile_file_is_refused_or_read_and_the_site_still_serves(string name)
    {
        var hostile = HostileFiles.Named(name);
        var agency = "doc-hai-" + Array.IndexOf(HostileFiles.All, hostile);
        using var client = await AgencyClientAsync(agency);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(HostileFiles.Bytes(hostile)), "file", name } };

        using var response = await client.PostAsync($"/api/v1/agencies/{agency}/submissions", form);

        var body = await response.Content.ReadAsStringAsync();
        await using (var db = site.CreateDb())
        {
            var stored = await db.Exemplars.Where(e => e.Agency.Code == agency).Select(e => e.Code).OrderBy(c => c).ToListAsync();
            if (hostile.Expect.Rejected)
            {
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
                var detail = JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString()!;
                foreach (var words in hostile.Expect.Error) Assert.True(detail.Contains(words, StringComparison.Ordinal), $"no \"{words}\" in: {detail}");
                Assert.Empty(stored);
            }
            else
            {
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
                var rows = JsonDocument.Parse(body).RootElement.GetProperty("files")[0].GetProperty("rows").EnumerateArray()
                    .Select(r => (r.GetProperty("code").GetString()!, r.GetProperty("outcome").GetString()!)).ToArray();
                Assert.Equal(hostile.Expect.Rows, rows);
                Assert.Equal(hostile.Expect.Rows.Where(r => r.Outcome == "created").Select(r => r.Code).Order(), stored);
            }
        }
        await site.AssertStillServesAsync();
    }

    [Fact]
    public async Task A_push_whose_client_goes_away_stops_writes_nothing_and_blocks_no_one()
    {
        const string agency = "roi-di";
        using var client = await AgencyClientAsync(agency);
        // Thousands of rows: seconds of reading and writing, far longer than noticing the upload and cancelling.
        var csv = new StringBuilder("Mã hồ sơ,Họ và tên,Loại điển hình,Phong trào thi đua,Tóm tắt thành tích,Trạng thái\n");
        for (var i = 1; i <= 6_000; i++) csv.Append($"RD-{i},Người thứ {i},Cá nhân,Dạy tốt - Học tốt,Vận động hộ gia đình tham gia hiến máu tình nguyện lần thứ {i},Đã duyệt\n");
        var bytes = Encoding.UTF8.GetBytes(csv.ToString());
        using var leave = new CancellationTokenSource();
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");

        var push = client.PostAsync($"/api/v1/agencies/{agency}/submissions?fileName=lon.csv", content, leave.Token);
        // The import has begun once the whole upload lies in the import's work folder.
        var work = site.DataFolder.ImportWorkPath;
        await Poll.UntilAsync(() => Directory.Exists(work) &&
            Directory.EnumerateFiles(work, "lon.csv", SearchOption.AllDirectories).Any(f => new FileInfo(f).Length == bytes.Length), "the upload written to the work folder");
        await leave.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => push);
        // The import is over, whichever way, once its work folders are removed.
        await Poll.UntilAsync(() => !Directory.EnumerateFileSystemEntries(work).Any(), "the import's work folders removed");
        await using (var db = site.CreateDb())
        {
            Assert.False(await db.Exemplars.AnyAsync(e => e.Agency.Code == agency), "rows of a push whose client left were written");
        }
        Assert.Contains(site.Logs.Lines, l => l.Message.Contains($"Lần gửi của cơ quan {agency} bị ngắt", StringComparison.Ordinal) && l.Message.Contains("việc nhập đã dừng", StringComparison.Ordinal));
        await site.AssertStillServesAsync();
    }
}
