using System.Net;
using System.Net.Http.Json;
using System.Text;
using GuongSang.Content.Accounts;
using GuongSang.Content.Model;
using GuongSang.Web.Manager.Editing;
using Microsoft.EntityFrameworkCore;
using static GuongSang.Web.Tests.ArticleDesk;

namespace GuongSang.Web.Tests;

/// <summary>Articles in the management API: each role, versions, validation, the workflow steps and their audit entries.</summary>
public sealed class ArticlesApiTests
{
    [Fact]
    public async Task Anonymous_requests_to_the_article_api_are_401_problems()
    {
        using var site = await Staff.StartAsync();
        using var client = Staff.Client(site);
        var requests = new Func<Task<HttpResponseMessage>>[]
        {
            () => client.GetAsync("/api/v1/manage/articles"),
            () => client.PostAsJsonAsync("/api/v1/manage/articles", new { title = "Bài", body = "Nội dung" }),
            () => client.GetAsync("/api/v1/manage/articles/1"),
            () => client.PutAsJsonAsync("/api/v1/manage/articles/1", new { title = "Bài", body = "Nội dung", version = 0 }),
            () => client.PostAsync("/api/v1/manage/articles/1/publish", null),
        };
        foreach (var request in requests)
        {
            using var response = await request();
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task A_writer_creates_reads_updates_and_submits_an_article_but_cannot_publish_it()
    {
        var (site, _, _) = await StartAsync();
        using var _site = site;
        using var api = await BearerAsync(site, Writer);

        // Decomposed (NFD) Vietnamese, as some keyboards send it: stored composed (NFC).
        var nfdTitle = "Người tốt việc tốt ở xã Ia Pa".Normalize(NormalizationForm.FormD);
        using var created = await api.PostAsJsonAsync("/api/v1/manage/articles", new { title = nfdTitle, body = "Bài **mới**." });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var json = await JsonAsync(created);
        var id = json.GetProperty("id").GetInt32();
        Assert.Equal("draft", json.GetProperty("status").GetString());
        Assert.Equal("Người tốt việc tốt ở xã Ia Pa", json.GetProperty("title").GetString());
        Assert.Equal("nguoi-tot-viec-tot-o-xa-ia-pa", json.GetProperty("slug").GetString());
        Assert.Equal(Writer, json.GetProperty("createdBy").GetString());
        Assert.Equal($"/api/v1/manage/articles/{id}", created.Headers.Location?.OriginalString);
        var version = json.GetProperty("version").GetInt32();

        var read = await JsonAsync(await api.GetAsync($"/api/v1/manage/articles/{id}"));
        Assert.Equal("Bài **mới**.", read.GetProperty("body").GetString());
        var list = await JsonAsync(await api.GetAsync("/api/v1/manage/articles?status=draft"));
        Assert.Equal([id], list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()));

        using var updated = await api.PutAsJsonAsync($"/api/v1/manage/articles/{id}", new { title = "Người tốt việc tốt", body = "Đã sửa.", version });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var newVersion = (await JsonAsync(updated)).GetProperty("version").GetInt32();
        Assert.True(newVersion > version);

        // A save from the version before is someone else's old copy: refused, with the version to start from.
        using var stale = await api.PutAsJsonAsync($"/api/v1/manage/articles/{id}", new { title = "Cũ", body = "Bản cũ.", version });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        var conflict = await JsonAsync(stale);
        Assert.Equal(ArticleEditor.ConflictMessage, conflict.GetProperty("title").GetString());
        Assert.Equal(newVersion, conflict.GetProperty("version").GetInt32());
        Assert.Equal("Đã sửa.", conflict.GetProperty("current").GetProperty("body").GetString());

        Assert.Equal(HttpStatusCode.Forbidden, (await api.PostAsync($"/api/v1/manage/articles/{id}/publish", null)).StatusCode);
        using var submitted = await api.PostAsync($"/api/v1/manage/articles/{id}/submit", null);
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Equal("in-review", (await JsonAsync(submitted)).GetProperty("status").GetString());
        // In review, the writer may still change it (the board has not published it yet).
        using var late = await api.PutAsJsonAsync($"/api/v1/manage/articles/{id}", new { title = "Sửa muộn", body = "Sửa muộn.", version = newVersion + 1 });
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);

        await using var db = site.CreateDb();
        var article = await db.Articles.SingleAsync(a => a.Id == id);
        Assert.Equal(ContentStatus.InReview, article.Status);
        var audit = await db.AuditEntries.Where(e => e.Target == ArticleEditor.Target(id)).ToListAsync();
        var entry = Assert.Single(audit);
        Assert.Equal((AuditActions.Submitted, Writer), (entry.Action, entry.Actor));
        Assert.Contains("\"to\":\"in-review\"", entry.Detail);
    }

    [Fact]
    public async Task Another_writers_or_another_agencys_article_is_not_found_and_an_agency_links_only_its_own_exemplars()
    {
        var (site, exemplarA, exemplarB) = await StartAsync();
        using var _site = site;
        using var writer = await BearerAsync(site, Writer);
        using var otherWriter = await BearerAsync(site, OtherWriter);
        using var agencyA = await BearerAsync(site, AgencyA);
        using var agencyB = await BearerAsync(site, AgencyB);

        var writersArticle = await CreateAsync(writer, "Bài của phóng viên");
        var agencysArticle = await CreateAsync(agencyA, "Bài của Đoàn Thanh niên", exemplarIds: [exemplarA]);
        foreach (var (client, id) in new[] { (otherWriter, writersArticle), (agencyB, agencysArticle), (agencyB, writersArticle), (writer, agencysArticle) })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/manage/articles/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.PutAsJsonAsync($"/api/v1/manage/articles/{id}", new { title = "Chiếm", body = "Chiếm.", version = 1 })).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/v1/manage/articles/{id}/submit", null)).StatusCode);
        }
        Assert.Equal(0, (await JsonAsync(await agencyB.GetAsync("/api/v1/manage/articles"))).GetProperty("total").GetInt32());

        var own = await JsonAsync(await agencyA.GetAsync($"/api/v1/manage/articles/{agencysArticle}"));
        Assert.Equal("DTN", own.GetProperty("agency").GetString());
        Assert.Equal([exemplarA], own.GetProperty("exemplarIds").EnumerateArray().Select(e => e.GetInt32()));

        using var foreign = await agencyA.PostAsJsonAsync("/api/v1/manage/articles", new { title = "Bài mượn", body = "Nội dung.", exemplarIds = new[] { exemplarB } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, foreign.StatusCode);
        Assert.Contains($"số {exemplarB}", (await JsonAsync(foreign)).GetProperty("errors").GetProperty("exemplarIds")[0].GetString());
        await using var db = site.CreateDb();
        Assert.Equal(2, await db.Articles.CountAsync());
        Assert.Equal("DTN", (await db.Articles.Include(a => a.Agency).SingleAsync(a => a.Id == agencysArticle)).Agency!.Code);
    }

    [Fact]
    public async Task Wrong_input_is_a_422_problem_with_a_vietnamese_message_for_each_field()
    {
        var (site, _, _) = await StartAsync();
        using var _site = site;
        using var api = await BearerAsync(site, Writer);

        using var empty = await api.PostAsJsonAsync("/api/v1/manage/articles", new { title = " ", body = "", movement = "khong-co-phong-trao", exemplarIds = new[] { 9999 } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        Assert.Equal("application/problem+json", empty.Content.Headers.ContentType?.MediaType);
        var errors = (await JsonAsync(empty)).GetProperty("errors");
        Assert.Equal("Hãy nhập tiêu đề.", errors.GetProperty("title")[0].GetString());
        Assert.Equal("Hãy nhập nội dung bài.", errors.GetProperty("body")[0].GetString());
        Assert.Contains("Không có phong trào thi đua \"khong-co-phong-trao\"", errors.GetProperty("movement")[0].GetString());
        Assert.Contains("số 9999", errors.GetProperty("exemplarIds")[0].GetString());

        using var tooLong = await api.PostAsJsonAsync("/api/v1/manage/articles",
            new { title = new string('a', ArticleEditor.MaxTitleLength + 1), body = new string('b', ArticleEditor.MaxBodyLength + 1) });
        errors = (await JsonAsync(tooLong)).GetProperty("errors");
        Assert.Contains("tối đa 400 ký tự", errors.GetProperty("title")[0].GetString());
        Assert.Contains("tối đa 200.000 ký tự", errors.GetProperty("body")[0].GetString());

        using var tooDeep = await api.PostAsJsonAsync("/api/v1/manage/articles", new { title = "Sâu", body = new string('>', 200) + " trích dẫn" });
        Assert.Contains("lồng", (await JsonAsync(tooDeep)).GetProperty("errors").GetProperty("body")[0].GetString());

        await using var db = site.CreateDb();
        Assert.False(await db.Articles.AnyAsync());
    }

    [Fact]
    public async Task A_cookie_request_needs_the_antiforgery_header()
    {
        var (site, _, _) = await StartAsync();
        using var _site = site;
        using var client = await Staff.SignedInAsync(site, Writer);
        var article = new { title = "Bài qua cookie", body = "Nội dung." };

        using var refused = await client.PostAsJsonAsync("/api/v1/manage/articles", article);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        var antiforgery = await JsonAsync(await client.GetAsync("/api/v1/manage/antiforgery"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/manage/articles") { Content = JsonContent.Create(article) };
        request.Headers.Add(antiforgery.GetProperty("headerName").GetString()!, antiforgery.GetProperty("token").GetString());
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(request)).StatusCode);
        await using var db = site.CreateDb();
        Assert.Equal(1, await db.Articles.CountAsync());
    }

    [Fact]
    public async Task The_board_publishes_corrects_archives_withdraws_and_schedules_and_each_step_is_audited()
    {
        var (site, _, _) = await StartAsync();
        using var _site = site;
        using var editor = await BearerAsync(site, Editor);
        using var reader = site.CreatePlainClient();
        var id = await CreateAsync(editor, "Gương sáng giữa đại ngàn", "Câu chuyện về một người thầy.");

        Assert.Equal(HttpStatusCode.OK, (await editor.PostAsync($"/api/v1/manage/articles/{id}/submit", null)).StatusCode);
        var published = await JsonAsync(await editor.PostAsync($"/api/v1/manage/articles/{id}/publish", null));
        Assert.Equal("published", published.GetProperty("status").GetString());
        Assert.Contains("Gương sáng giữa đại ngàn", await reader.GetPageAsync("/bai-viet"));

        // A published story is corrected only with a public note.
        var version = published.GetProperty("version").GetInt32();
        using var silent = await editor.PutAsJsonAsync($"/api/v1/manage/articles/{id}", new { title = "Gương sáng giữa đại ngàn", body = "Đã sửa.", version });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, silent.StatusCode);
        Assert.Contains("Hãy nhập lý do cập nhật.", (await JsonAsync(silent)).GetProperty("errors").GetProperty("correction")[0].GetString());
        var corrected = await JsonAsync(await editor.PutAsJsonAsync($"/api/v1/manage/articles/{id}",
            new { title = "Gương sáng giữa đại ngàn", body = "Đã sửa.", version, correction = "sửa tên trường" }));
        Assert.Equal("sửa tên trường", corrected.GetProperty("correction").GetProperty("note").GetString());

        Assert.Equal(HttpStatusCode.OK, (await editor.PostAsync($"/api/v1/manage/articles/{id}/archive", null)).StatusCode);
        using var noReason = await editor.PostAsJsonAsync($"/api/v1/manage/articles/{id}/withdraw", new { reason = "" });
        Assert.Equal(HttpStatusCode.Conflict, noReason.StatusCode);
        Assert.Equal("Hãy nhập lý do thu hồi.", (await JsonAsync(noReason)).GetProperty("errors").GetProperty("reason")[0].GetString());
        var withdrawn = await JsonAsync(await editor.PostAsJsonAsync($"/api/v1/manage/articles/{id}/withdraw", new { reason = "Quyết định khen thưởng bị hủy" }));
        Assert.Equal("withdrawn", withdrawn.GetProperty("status").GetString());
        Assert.Equal("Quyết định khen thưởng bị hủy", withdrawn.GetProperty("withdrawal").GetProperty("reason").GetString());
        Assert.DoesNotContain("Gương sáng giữa đại ngàn", await reader.GetPageAsync("/bai-viet"));

        // Scheduled: the time is kept in UTC whatever offset it was sent with; returned to draft, the schedule goes.
        var later = await CreateAsync(editor, "Bài hẹn giờ");
        var scheduled = await JsonAsync(await editor.PostAsJsonAsync($"/api/v1/manage/articles/{later}/publish", new { at = "2099-01-02T08:30:00+07:00" }));
        Assert.Equal("scheduled", scheduled.GetProperty("status").GetString());
        Assert.Equal(new DateTime(2099, 1, 2, 1, 30, 0, DateTimeKind.Utc), scheduled.GetProperty("scheduledAt").GetDateTime().ToUniversalTime());
        var returned = await JsonAsync(await editor.PostAsync($"/api/v1/manage/articles/{later}/return", null));
        Assert.Equal("draft", returned.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await editor.PostAsync($"/api/v1/manage/articles/{later}/archive", null)).StatusCode);

        await using var db = site.CreateDb();
        var steps = await db.AuditEntries.Where(e => e.Target == ArticleEditor.Target(id) || e.Target == ArticleEditor.Target(later))
            .OrderBy(e => e.Id).Select(e => new { e.Action, e.Target, e.Actor }).ToListAsync();
        Assert.Equal(
            [(AuditActions.Submitted, id), (AuditActions.Publish, id), (AuditActions.Corrected, id), (AuditActions.Archived, id), (AuditActions.Withdrawn, id),
             (AuditActions.Scheduled, later), (AuditActions.Returned, later)],
            steps.Select(s => (s.Action, s.Target == ArticleEditor.Target(id) ? id : later)));
        Assert.All(steps, s => Assert.Equal(Editor, s.Actor));
    }
}
