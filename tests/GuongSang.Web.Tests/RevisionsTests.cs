using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GuongSang.Content.Accounts;
using GuongSang.Content.Model;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Web.Tests;

/// <summary>One empty site for the revisions tests; each test makes its own accounts, agencies and stories.</summary>
public sealed class RevisionsSite() : SiteFactory(demoContent: false);

/// <summary>
/// Revisions in the manager (/quan-tri/{dien-hinh|bai-viet}/{id}/phien-ban) and the management API
/// (/api/v1/manage/{exemplars|articles}/{id}/revisions): list, word diff, restore, per role; private contacts never shown.
/// </summary>
public sealed class RevisionsTests(RevisionsSite site) : IClassFixture<RevisionsSite>
{
    /// <summary>A test's own accounts and stories: agency A's exemplar (written by the writer) and article, agency B's exemplar.</summary>
    private sealed record World(
        string Tag, string Secret, string Editor, string Writer, string OtherWriter, string AgencyA, string AgencyB,
        int Exemplar, int OtherExemplar, int Article, int OtherArticle);

    private async Task<World> WorldAsync(ContentStatus status = ContentStatus.Draft)
    {
        site.CreatePlainClient().Dispose(); // the host (and its database) exists before we write to it
        var tag = Guid.NewGuid().ToString("N")[..8];
        var secret = $"0903 {tag} riêng";
        var (editor, writer, otherWriter, agencyA, agencyB) =
            ($"bientap-{tag}@so.vn", $"viet-{tag}@bao.vn", $"viet2-{tag}@bao.vn", $"vanthu-a-{tag}@so.vn", $"vanthu-b-{tag}@so.vn");
        int exemplar, otherExemplar, article, otherArticle;
        await using (var db = site.CreateDb("nguoi-tao"))
        {
            var now = DateTime.UtcNow;
            var movement = new Movement { Name = "Phong trào " + tag, Slug = "phong-trao-" + tag, CreatedAt = now, UpdatedAt = now };
            var a = new Agency { Code = "A" + tag, Name = "Sở A " + tag, Key = "so a " + tag, CreatedAt = now };
            var b = new Agency { Code = "B" + tag, Name = "Sở B " + tag, Key = "so b " + tag, CreatedAt = now };
            Exemplar Make(Agency agency, string code) => new()
            {
                Agency = agency, Movement = movement, Code = code, Name = "Nguyễn Văn An", Slug = "nguyen-van-an", NameKey = "nguyen van an",
                Kind = ExemplarKind.Individual, Status = status, CreatedAt = now, UpdatedAt = now, SourceUser = writer,
                PublishedAt = status == ContentStatus.Published ? now : null,
                Summary = "Cô giáo vùng cao dạy học trò người Mông.",
                Recognitions = [new Recognition { Award = "Giấy khen", DecisionNumber = "1/QĐ-UBND" }],
            };
            Article Write(string by) => new()
            {
                Title = "Mùa hoa ban " + tag, Slug = "mua-hoa-ban-" + tag, Body = "Bản làng vào hội.", Status = status, CreatedAt = now,
                UpdatedAt = now, CreatedBy = by, Agency = a, Tags = [new ArticleTag { Tag = "vùng cao" }],
            };
            var (e1, e2, a1, a2) = (Make(a, "X-1"), Make(b, "X-1"), Write(writer), Write(otherWriter));
            a2.Agency = b;
            db.AddRange(e1, e2, a1, a2);
            await db.SaveChangesAsync();
            (exemplar, otherExemplar, article, otherArticle) = (e1.Id, e2.Id, a1.Id, a2.Id);
        }
        await using (var db = site.CreateDb("nguoi-sua"))
        {
            foreach (var e in await db.Exemplars.AsTracking().Include(x => x.Recognitions).Where(x => x.Id == exemplar || x.Id == otherExemplar).ToListAsync())
            {
                e.Summary = "Thầy giáo vùng cao dạy học trò người Dao.";
                e.PrivateContact = secret;
                e.Recognitions.Add(new Recognition { Award = "Bằng khen", DecisionNumber = "3/QĐ-TTg" });
            }
            foreach (var x in await db.Articles.AsTracking().Include(x => x.Tags).Where(x => x.Id == article || x.Id == otherArticle).ToListAsync())
            {
                x.Body = "Bản làng vào hội xuân.";
                x.Tags.Add(new ArticleTag { Tag = "lễ hội" });
            }
            await db.SaveChangesAsync();
        }
        await Staff.CreateAsync(site, editor, "editor");
        await Staff.CreateAsync(site, writer, "writer");
        await Staff.CreateAsync(site, otherWriter, "writer");
        await Staff.CreateAsync(site, agencyA, "agency", "A" + tag);
        await Staff.CreateAsync(site, agencyB, "agency", "B" + tag);
        return new World(tag, secret, editor, writer, otherWriter, agencyA, agencyB, exemplar, otherExemplar, article, otherArticle);
    }

    private async Task<HttpClient> BearerAsync(string email)
    {
        var (exit, output, error) = await Staff.RunAsync(site, null, "create-token", email);
        Assert.True(exit == 0, output + error);
        var client = Staff.Client(site);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", output.Trim());
        return client;
    }

    private async Task<List<(long Id, int Number)>> RevisionIdsAsync(string type, int id)
    {
        await using var db = site.CreateDb();
        var ids = await db.Revisions.Where(r => r.EntityType == type && r.EntityId == id).OrderBy(r => r.Id).Select(r => r.Id).ToListAsync();
        return [.. ids.Select((r, i) => (r, i + 1))];
    }

    private async Task<int> VersionAsync(int exemplar)
    {
        await using var db = site.CreateDb();
        return await db.Exemplars.Where(e => e.Id == exemplar).Select(e => e.Version).SingleAsync();
    }

    private async Task<string> SummaryAsync(int exemplar)
    {
        await using var db = site.CreateDb();
        return await db.Exemplars.Where(e => e.Id == exemplar).Select(e => e.Summary).SingleAsync();
    }

    [Fact]
    public async Task Anonymous_requests_go_to_sign_in_and_the_api_answers_401()
    {
        var world = await WorldAsync();
        using var anonymous = Staff.Client(site);
        var page = await anonymous.GetAsync($"/quan-tri/dien-hinh/{world.Exemplar}/phien-ban");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/quan-tri/dang-nhap", page.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/manage/exemplars/{world.Exemplar}/revisions")).StatusCode);
        var (revision, _) = (await RevisionIdsAsync("Exemplar", world.Exemplar))[0];
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync(
            $"/api/v1/manage/exemplars/{world.Exemplar}/revisions/{revision}/restore", new { version = 1 })).StatusCode);
    }

    [Fact]
    public async Task An_editor_lists_compares_word_by_word_and_restores_a_published_exemplar_and_its_public_page_changes()
    {
        var world = await WorldAsync(ContentStatus.Published);
        using var editor = await Staff.SignedInAsync(site, world.Editor);
        var listPath = $"/quan-tri/dien-hinh/{world.Exemplar}/phien-ban";
        var list = await editor.GetPageAsync(listPath);
        foreach (var field in new[] { "Tóm tắt", "Liên hệ riêng: đã thay đổi (trường riêng tư)", "Khen thưởng" })
        {
            Assert.Contains(HttpExtensions.Encoded(field), list);
        }
        Assert.Contains($"href=\"/quan-tri/dien-hinh/{world.Exemplar}\"", list);
        Assert.Contains("form=\"so-sanh\" name=\"tu\"", list);

        var revisions = await RevisionIdsAsync("Exemplar", world.Exemplar);
        var compare = await editor.GetPageAsync($"{listPath}/so-sanh?tu={revisions[0].Id}&den={revisions[1].Id}");
        Assert.Matches("<del><span class=\"visually-hidden\">[^<]*</span>Cô<span", compare);
        Assert.Matches("<ins><span class=\"visually-hidden\">[^<]*</span>Thầy<span", compare);
        Assert.Contains(HttpExtensions.Encoded("bắt đầu phần bị xóa"), compare);
        Assert.Contains(HttpExtensions.Encoded("đã thay đổi (trường riêng tư)"), compare);

        // A published story: the restore is a public correction and needs its note.
        var version = await VersionAsync(world.Exemplar);
        var refused = await Staff.PostFormAsync(editor, listPath, $"{listPath}/{revisions[0].Id}/khoi-phuc", ("version", version.ToString()));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains(HttpExtensions.Encoded("Hãy nhập lý do cập nhật."), await refused.Content.ReadAsStringAsync());

        var restored = await Staff.PostFormAsync(editor, listPath, $"{listPath}/{revisions[0].Id}/khoi-phuc",
            ("version", version.ToString()), ("correction", "trả lại tóm tắt đúng"));
        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        var after = await editor.GetPageAsync(restored.Headers.Location!.OriginalString);
        Assert.Contains(HttpExtensions.Encoded("Đã khôi phục phiên bản #1"), after);
        Assert.Contains("#3", after);

        using var reader = site.CreatePlainClient();
        var publicPage = await reader.GetPageAsync($"/guong-sang/{world.Exemplar}/nguyen-van-an");
        Assert.Contains(HttpExtensions.Encoded("Cô giáo vùng cao dạy học trò người Mông."), publicPage);
        await using var db = site.CreateDb();
        // The public line itself is rendered by the workflow's page; the note is the one given here.
        Assert.Equal("trả lại tóm tắt đúng", (await db.Exemplars.SingleAsync(e => e.Id == world.Exemplar)).CorrectionNote);
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == AuditActions.RevisionRestored && a.Target == $"exemplar:{world.Exemplar}");
        Assert.Equal(world.Editor, audit.Actor);
        Assert.Equal(1, await db.Recognitions.CountAsync(r => r.ExemplarId == world.Exemplar));
    }

    [Fact]
    public async Task The_api_lists_diffs_by_words_restores_from_the_current_version_and_refuses_a_stale_one_with_409()
    {
        var world = await WorldAsync();
        using var editor = await BearerAsync(world.Editor);
        var basePath = $"/api/v1/manage/exemplars/{world.Exemplar}/revisions";
        using var list = JsonDocument.Parse(await editor.GetPageAsync(basePath));
        var items = list.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["created", "updated"], items.Select(i => i.GetProperty("action").GetString()));
        Assert.Contains("Tóm tắt", items[1].GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
        var (first, second) = (items[0].GetProperty("id").GetInt64(), items[1].GetProperty("id").GetInt64());

        using var diff = JsonDocument.Parse(await editor.GetPageAsync($"{basePath}/diff?from={first}&to={second}"));
        var summary = diff.RootElement.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("field").GetString() == "Summary");
        Assert.Equal(
            [("delete", "Cô"), ("insert", "Thầy"), ("equal", " giáo vùng cao dạy học trò người "), ("delete", "Mông"), ("insert", "Dao"), ("equal", ".")],
            summary.GetProperty("changes").EnumerateArray().Select(c => (c.GetProperty("op").GetString(), c.GetProperty("text").GetString())));
        Assert.Equal(HttpStatusCode.BadRequest, (await editor.GetAsync($"{basePath}/diff?from={first}")).StatusCode);

        var version = list.RootElement.GetProperty("version").GetInt32();
        var stale = await editor.PostAsJsonAsync($"{basePath}/{first}/restore", new { version = version - 1 });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        using (var problem = JsonDocument.Parse(await stale.Content.ReadAsStringAsync()))
        {
            Assert.Equal(version, problem.RootElement.GetProperty("version").GetInt32());
            Assert.Equal("Bài này vừa được người khác sửa", problem.RootElement.GetProperty("title").GetString());
        }

        var done = await editor.PostAsJsonAsync($"{basePath}/{first}/restore", new { version });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        using var result = JsonDocument.Parse(await done.Content.ReadAsStringAsync());
        Assert.Equal(await VersionAsync(world.Exemplar), result.RootElement.GetProperty("version").GetInt32());
        Assert.True(result.RootElement.GetProperty("version").GetInt32() > version);
        Assert.Equal(3, (await RevisionIdsAsync("Exemplar", world.Exemplar)).Count);
        await using var db = site.CreateDb();
        var exemplar = await db.Exemplars.SingleAsync(e => e.Id == world.Exemplar);
        Assert.Equal(("Cô giáo vùng cao dạy học trò người Mông.", world.Secret), (exemplar.Summary, exemplar.PrivateContact));
    }

    [Fact]
    public async Task No_revision_page_or_api_answer_shows_a_private_contact()
    {
        var world = await WorldAsync();
        using var editor = await Staff.SignedInAsync(site, world.Editor);
        using var bearer = await BearerAsync(world.Editor);
        var revisions = await RevisionIdsAsync("Exemplar", world.Exemplar);
        var (first, second) = (revisions[0].Id, revisions[1].Id);
        string[] answers =
        [
            await editor.GetPageAsync($"/quan-tri/dien-hinh/{world.Exemplar}/phien-ban"),
            await editor.GetPageAsync($"/quan-tri/dien-hinh/{world.Exemplar}/phien-ban/so-sanh?tu={first}&den={second}"),
            await editor.GetPageAsync($"/quan-tri/dien-hinh/{world.Exemplar}/phien-ban/so-sanh?tu={second}&den={first}"),
            await bearer.GetPageAsync($"/api/v1/manage/exemplars/{world.Exemplar}/revisions"),
            await bearer.GetPageAsync($"/api/v1/manage/exemplars/{world.Exemplar}/revisions/diff?from={first}&to={second}"),
        ];
        Assert.All(answers, a => Assert.DoesNotContain(world.Secret, a));
        Assert.All(answers, a => Assert.DoesNotContain(HttpExtensions.Encoded(world.Secret), a));
        Assert.All(answers, a => Assert.DoesNotContain(world.Tag + " ri", a));
        Assert.Contains("trường riêng tư", answers[4]);
    }

    [Fact]
    public async Task A_writer_sees_and_restores_only_their_own_and_an_agency_only_its_own_others_are_not_found()
    {
        var world = await WorldAsync();
        using var writer = await Staff.SignedInAsync(site, world.Writer);
        using var otherWriter = await BearerAsync(world.OtherWriter);
        using var agencyA = await BearerAsync(world.AgencyA);
        using var agencyB = await Staff.SignedInAsync(site, world.AgencyB);

        Assert.Equal(HttpStatusCode.OK, (await writer.GetAsync($"/quan-tri/bai-viet/{world.Article}/phien-ban")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await writer.GetAsync($"/quan-tri/bai-viet/{world.OtherArticle}/phien-ban")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherWriter.GetAsync($"/api/v1/manage/articles/{world.Article}/revisions")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await agencyA.GetAsync($"/api/v1/manage/exemplars/{world.Exemplar}/revisions")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await agencyA.GetAsync($"/api/v1/manage/exemplars/{world.OtherExemplar}/revisions")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await agencyB.GetAsync($"/quan-tri/dien-hinh/{world.Exemplar}/phien-ban")).StatusCode);

        var article = await RevisionIdsAsync("Article", world.Article);
        var otherArticle = await RevisionIdsAsync("Article", world.OtherArticle);
        Assert.Equal(HttpStatusCode.NotFound, (await otherWriter.PostAsJsonAsync(
            $"/api/v1/manage/articles/{world.Article}/revisions/{article[0].Id}/restore", new { version = 1 })).StatusCode);
        var listPath = $"/quan-tri/bai-viet/{world.OtherArticle}/phien-ban";
        var page = $"/quan-tri/bai-viet/{world.Article}/phien-ban";
        Assert.Equal(HttpStatusCode.NotFound, (await Staff.PostFormAsync(writer, page, $"{listPath}/{otherArticle[0].Id}/khoi-phuc", ("version", "1"))).StatusCode);

        // Their own draft: restored, tags too.
        int version;
        await using (var db = site.CreateDb()) version = await db.Articles.Where(a => a.Id == world.Article).Select(a => a.Version).SingleAsync();
        var restored = await Staff.PostFormAsync(writer, page, $"{page}/{article[0].Id}/khoi-phuc", ("version", version.ToString()));
        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        await using (var db = site.CreateDb())
        {
            var a = await db.Articles.Include(x => x.Tags).SingleAsync(x => x.Id == world.Article);
            Assert.Equal("Bản làng vào hội.", a.Body);
            Assert.Equal(["vùng cao"], a.Tags.Select(t => t.Tag));
        }

        // Once published, only the board changes it.
        await using (var db = site.CreateDb())
        {
            (await db.Exemplars.AsTracking().SingleAsync(e => e.Id == world.Exemplar)).Status = ContentStatus.Published;
            await db.SaveChangesAsync();
        }
        var exemplar = await RevisionIdsAsync("Exemplar", world.Exemplar);
        var forbidden = await agencyA.PostAsJsonAsync($"/api/v1/manage/exemplars/{world.Exemplar}/revisions/{exemplar[0].Id}/restore",
            new { version = await VersionAsync(world.Exemplar), correction = "sửa" });
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("Thầy giáo vùng cao dạy học trò người Dao.", await SummaryAsync(world.Exemplar));
    }

    [Fact]
    public async Task A_restore_posted_from_an_older_page_is_refused_with_both_versions_named()
    {
        var world = await WorldAsync();
        using var editor = await Staff.SignedInAsync(site, world.Editor);
        var listPath = $"/quan-tri/dien-hinh/{world.Exemplar}/phien-ban";
        var revisions = await RevisionIdsAsync("Exemplar", world.Exemplar);
        var version = await VersionAsync(world.Exemplar);
        await using (var db = site.CreateDb("nguoi-khac"))
        {
            (await db.Exemplars.AsTracking().SingleAsync(e => e.Id == world.Exemplar)).Position = "Hiệu trưởng";
            await db.SaveChangesAsync();
        }
        var stale = await Staff.PostFormAsync(editor, listPath, $"{listPath}/{revisions[0].Id}/khoi-phuc", ("version", version.ToString()));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var body = await stale.Content.ReadAsStringAsync();
        Assert.Contains(HttpExtensions.Encoded("Bài này vừa được người khác sửa"), body);
        Assert.Contains(HttpExtensions.Encoded($"từ phiên bản số {version}, nay bài đã ở phiên bản số {version + 1}"), body);
        Assert.Equal("Thầy giáo vùng cao dạy học trò người Dao.", await SummaryAsync(world.Exemplar));
    }
}
