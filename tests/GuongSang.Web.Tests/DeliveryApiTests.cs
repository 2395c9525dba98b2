using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Web.Tests;

public sealed class DeliveryApiTests(DefaultThemeSite site) : IClassFixture<DefaultThemeSite>
{
    private async Task<JsonElement> GetJsonAsync(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await site.CreatePlainClient().GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{url}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    [Fact]
    public async Task Exemplar_list_is_paged_with_the_promised_shape()
    {
        var list = await GetJsonAsync("/api/v1/exemplars?pageSize=5");
        Assert.Equal(12, list.GetProperty("total").GetInt32());
        Assert.Equal(1, list.GetProperty("page").GetInt32());
        var items = list.GetProperty("items");
        Assert.Equal(5, items.GetArrayLength());
        var item = items[0];
        foreach (var name in new[] { "id", "code", "name", "kind", "movement", "summary", "bodyHtml", "addressAsRecognised", "province", "agency", "recognitions", "photos", "url", "publishedAt", "updatedAt" })
        {
            Assert.True(item.TryGetProperty(name, out _), $"missing {name}");
        }
        Assert.Matches("^(individual|collective|household|model)$", item.GetProperty("kind").GetString());
        Assert.True(item.GetProperty("movement").TryGetProperty("slug", out _));
        var recognition = item.GetProperty("recognitions")[0];
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", recognition.GetProperty("decisionDate").GetString());
        Assert.StartsWith("/guong-sang/", item.GetProperty("url").GetString());
    }

    [Fact]
    public async Task Exemplar_list_filters_by_movement_kind_province_and_year()
    {
        var byMovement = await GetJsonAsync("/api/v1/exemplars?movement=day-tot-hoc-tot&pageSize=100");
        Assert.True(byMovement.GetProperty("total").GetInt32() >= 4);
        Assert.NotEmpty(byMovement.GetProperty("items").EnumerateArray());
        Assert.All(byMovement.GetProperty("items").EnumerateArray(), e => Assert.Equal("day-tot-hoc-tot", e.GetProperty("movement").GetProperty("slug").GetString()));

        var byKind = await GetJsonAsync("/api/v1/exemplars?kind=collective&pageSize=100");
        Assert.NotEmpty(byKind.GetProperty("items").EnumerateArray());
        Assert.All(byKind.GetProperty("items").EnumerateArray(), e => Assert.Equal("collective", e.GetProperty("kind").GetString()));
        Assert.True(byKind.GetProperty("total").GetInt32() >= 2);

        var byProvince = await GetJsonAsync("/api/v1/exemplars?province=ho-chi-minh&pageSize=100");
        Assert.NotEmpty(byProvince.GetProperty("items").EnumerateArray());
        Assert.All(byProvince.GetProperty("items").EnumerateArray(), e => Assert.Equal("Thành phố Hồ Chí Minh", e.GetProperty("province").GetString()));

        var none = await GetJsonAsync("/api/v1/exemplars?year=1901");
        Assert.Equal(0, none.GetProperty("total").GetInt32());

        var future = await GetJsonAsync("/api/v1/exemplars?updatedSince=2999-01-01T00:00:00Z");
        Assert.Equal(0, future.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Page_size_is_capped()
    {
        var list = await GetJsonAsync("/api/v1/exemplars?pageSize=100000");
        Assert.True(list.GetProperty("items").GetArrayLength() <= 100);
    }

    [Theory]
    [InlineData("/api/v1/exemplars?page=-1")]
    [InlineData("/api/v1/exemplars?page=abc")]
    [InlineData("/api/v1/exemplars?pageSize=0")]
    [InlineData("/api/v1/exemplars?kind=robot")]
    [InlineData("/api/v1/exemplars?year=hai-nghin")]
    [InlineData("/api/v1/exemplars?updatedSince=hom-qua")]
    public async Task Bad_parameters_are_problem_json_400(string url)
    {
        var response = await site.CreatePlainClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Unknown_ids_are_problem_json_404()
    {
        foreach (var url in new[] { "/api/v1/exemplars/999999", "/api/v1/movements/khong-co", "/api/v1/khong-co" })
        {
            var response = await site.CreatePlainClient().GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        }
    }

    [Fact]
    public async Task One_exemplar_by_id()
    {
        await site.CreatePlainClient().GetPageAsync("/");
        await using var db = site.CreateDb();
        var exemplar = await db.Exemplars.OrderBy(e => e.Id).FirstAsync();
        var json = await GetJsonAsync($"/api/v1/exemplars/{exemplar.Id}");
        Assert.Equal(exemplar.Code, json.GetProperty("code").GetString());
        Assert.Equal(exemplar.Name, json.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Movements_list_the_24_of_the_plan_with_targets()
    {
        var list = await GetJsonAsync("/api/v1/movements");
        Assert.Equal(24, list.GetArrayLength());
        var one = await GetJsonAsync("/api/v1/movements/day-tot-hoc-tot");
        Assert.Equal("Dạy tốt - Học tốt", one.GetProperty("name").GetString());
        Assert.True(one.GetProperty("targets").GetArrayLength() >= 1);
        Assert.True(one.GetProperty("criteria").EnumerateObject().Any());
        Assert.False(string.IsNullOrEmpty(one.GetProperty("plan").GetProperty("number").GetString()));
    }
}
