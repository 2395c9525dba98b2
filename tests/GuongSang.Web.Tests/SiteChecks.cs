using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using GuongSang.Import;
using GuongSang.Tests;

namespace GuongSang.Web.Tests;

/// <summary>What must still hold after a hostile request: the site answers, and it still imports and finds.</summary>
public static class SiteChecks
{
    /// <summary>The pages a reader, a script and a monitor rely on answer 200.</summary>
    public static async Task AssertPagesAnswerAsync(this SiteFactory site)
    {
        using var client = site.CreatePlainClient();
        foreach (var url in new[] { "/", "/api/v1/exemplars", "/healthz" })
        {
            using var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode}");
        }
    }

    /// <summary>
    /// After a hostile push: the pages answer, and a normal submission pushed next is imported and found by
    /// the search API (within the poll's bound): no lock, writer or worker was left stuck by the hostile one.
    /// </summary>
    public static async Task AssertStillServesAsync(this SiteFactory site)
    {
        await site.AssertPagesAnswerAsync();
        // A word no other content has, made of letters so the analyzer keeps it whole.
        var word = "kiemtra" + string.Concat(Guid.NewGuid().ToString("N")[..10].Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16))));
        const string agency = "sau-tep-doc-hai";
        string key;
        site.CreatePlainClient().Dispose(); // the host (and its database) exists before we write to it
        await using (var db = site.CreateDb())
        {
            key = (await AgencyKeys.SetAsync(db, agency, "Cơ quan gửi sau tệp độc hại", DateTime.UtcNow))!;
        }
        using var client = site.CreatePlainClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var csv = "Mã hồ sơ,Họ và tên,Loại điển hình,Phong trào thi đua,Tóm tắt thành tích,Trạng thái\n" +
                  $"BT-{word},Nguyễn Văn {word},Cá nhân,Dạy tốt - Học tốt,Thành tích tốt,Đã duyệt\n";
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "binh-thuong.csv" } };

        using var response = await client.PostAsync($"/api/v1/agencies/{agency}/submissions", form);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"a normal push after the hostile one answered {(int)response.StatusCode}: {body}");
        await Poll.UntilAsync(async () =>
            JsonDocument.Parse(await client.GetStringAsync($"/api/v1/search?q={word}")).RootElement.GetProperty("total").GetInt32() == 1,
            $"the normal submission \"{word}\" found by /api/v1/search");
    }
}
