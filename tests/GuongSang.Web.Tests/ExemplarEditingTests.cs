using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using GuongSang.Content.Accounts;
using GuongSang.Content.Model;
using GuongSang.Import;
using GuongSang.Web.Manager.Editing;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Web.Tests;

/// <summary>
/// A site with two agencies (SNV, DTN) and one account per role, shared by the exemplar editing tests; each test
/// makes its own exemplars.
/// </summary>
public sealed class ExemplarSite : IAsyncLifetime
{
    public const string Editor = "bientap@thi-dua.vn";
    public const string Writer = "nguoiviet@thi-dua.vn";
    public const string AgencyA = "vanthu@so-noi-vu.vn";
    public const string AgencyB = "vanthu@tinh-doan.vn";

    private readonly Dictionary<string, string> _tokens = [];
    private readonly Dictionary<string, HttpClient> _signedIn = [];

    public SiteFactory Site { get; private set; } = null!;

    /// <summary>A confirmed movement's slug and one of today's provinces.</summary>
    public string Movement { get; private set; } = "";
    public string Province { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Site = await Staff.StartAsync();
        await using (var db = Site.CreateDb())
        {
            await AgencyKeys.SetAsync(db, "SNV", "Sở Nội vụ tỉnh Gia Lai", DateTime.UtcNow);
            await AgencyKeys.SetAsync(db, "DTN", "Tỉnh đoàn Gia Lai", DateTime.UtcNow);
            await db.Agencies.ExecuteUpdateAsync(u => u.SetProperty(a => a.NeedsReview, false));
            Movement = (await db.Movements.Where(m => !m.NeedsReview).OrderBy(m => m.Id).FirstAsync()).Slug;
            Province = (await db.Localities.Where(l => l.IsCurrent).OrderBy(l => l.Id).FirstAsync()).Slug;
        }
        await Staff.CreateAsync(Site, Editor, "editor");
        await Staff.CreateAsync(Site, Writer, "writer");
        await Staff.CreateAsync(Site, AgencyA, "agency", "SNV");
        await Staff.CreateAsync(Site, AgencyB, "agency", "DTN");
    }

    public Task DisposeAsync()
    {
        foreach (var client in _signedIn.Values) client.Dispose();
        Site.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A management API client with a personal access token of the account.</summary>
    public async Task<HttpClient> ApiAsync(string email)
    {
        if (!_tokens.TryGetValue(email, out var token))
        {
            var (exit, output, error) = await Staff.RunAsync(Site, null, "create-token", email);
            Assert.True(exit == 0, output + error);
            token = _tokens[email] = output.Trim();
        }
        var client = Staff.Client(Site);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A browser-like client signed in as the account (kept for the class's tests).</summary>
    public async Task<HttpClient> PagesAsync(string email)
    {
        if (!_signedIn.TryGetValue(email, out var client)) client = _signedIn[email] = await Staff.SignedInAsync(Site, email);
        return client;
    }
}

/// <summary>Exemplars in the manager and the management API: roles, forms, validation, privacy, recognitions, concurrency, workflow.</summary>
public sealed partial class ExemplarEditingTests(ExemplarSite fixture) : IClassFixture<ExemplarSite>
{
    private const string Path = "/quan-tri/dien-hinh";
    private const string Api = "/api/v1/manage/exemplars";

    private object NewExemplar(string name, string? agency = "SNV", string summary = "Gương mặt tiêu biểu trong phong trào.") =>
        new { agency, name, kind = "individual", movement = fixture.Movement, summary };

    private async Task<JsonElement> CreateAsync(string email, object body)
    {
        using var client = await fixture.ApiAsync(email);
        var response = await client.PostAsJsonAsync(Api, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<HttpResponseMessage> StepAsync(string email, int id, string verb, object? body = null)
    {
        using var client = await fixture.ApiAsync(email);
        return await client.PostAsJsonAsync($"{Api}/{id}/{verb}", body ?? new { });
    }

    /// <summary>An exemplar of SNV created through the API and published by the board.</summary>
    private async Task<int> PublishedAsync(string name, string summary = "Gương mặt tiêu biểu trong phong trào.")
    {
        var id = (await CreateAsync(ExemplarSite.Editor, NewExemplar(name, summary: summary))).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await StepAsync(ExemplarSite.Editor, id, "publish")).StatusCode);
        return id;
    }

    private static (string, string)[] FormOf(string name, int version = 0, params (string, string)[] more) =>
    [
        ("Name", name), ("Kind", "individual"), ("Summary", "Tận tụy với công việc."), ("Version", version.ToString()), .. more,
    ];

    private async Task<HttpResponseMessage> PostPageAsync(HttpClient client, string formPage, string action, params (string, string)[] fields) =>
        await Staff.PostFormAsync(client, formPage, action, fields);

    private static int IdFrom(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return int.Parse(IdInPath().Match(response.Headers.Location!.OriginalString).Groups[1].Value);
    }

    [GeneratedRegex(@"/quan-tri/dien-hinh/(\d+)")]
    private static partial Regex IdInPath();

    private async Task<Exemplar> StoredAsync(int id)
    {
        await using var db = fixture.Site.CreateDb();
        return await db.Exemplars.Include(e => e.Recognitions).Include(e => e.Agency).SingleAsync(e => e.Id == id);
    }

    [Fact]
    public async Task Anonymous_requests_go_to_the_sign_in_page_or_get_401()
    {
        var id = (await CreateAsync(ExemplarSite.Editor, NewExemplar("Võ Thị Ẩn Danh"))).GetProperty("id").GetInt32();
        using var client = Staff.Client(fixture.Site);
        foreach (var path in new[] { Path, Path + "/moi", $"{Path}/{id}" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/quan-tri/dang-nhap", response.Headers.Location!.PathAndQuery);
        }
        var post = await client.PostAsync($"{Path}/{id}/thu-hoi", new FormUrlEncodedContent([KeyValuePair.Create("LyDo", "x")]));
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        foreach (var request in new Func<Task<HttpResponseMessage>>[]
        {
            () => client.GetAsync(Api), () => client.GetAsync($"{Api}/{id}"), () => client.PostAsJsonAsync(Api, NewExemplar("Ẩn danh")),
            () => client.PutAsJsonAsync($"{Api}/{id}", new { version = 1 }), () => client.PostAsJsonAsync($"{Api}/{id}/withdraw", new { reason = "x" }),
        })
        {
            var response = await request();
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
        Assert.Equal(ContentStatus.Draft, (await StoredAsync(id)).Status);
    }

    [Fact]
    public async Task A_writer_creates_and_submits_on_the_pages_but_may_not_publish_or_withdraw_there_or_in_the_api()
    {
        var client = await fixture.PagesAsync(ExemplarSite.Writer);
        var created = await PostPageAsync(client, Path + "/moi", Path + "/moi",
            FormOf("Nguyễn Văn Viết", 0, ("Agency", "SNV"), ("Movement", fixture.Movement)));
        var id = IdFrom(created);
        var stored = await StoredAsync(id);
        Assert.Equal((ContentStatus.Draft, ExemplarSite.Writer, "SNV"), (stored.Status, stored.SourceUser, stored.Agency.Code));
        Assert.StartsWith(ExemplarEditor.CodePrefix, stored.Code);

        var page = await client.GetPageAsync($"{Path}/{id}");
        Assert.Contains($"action=\"{Path}/{id}/gui-duyet\"", page);
        Assert.DoesNotContain($"action=\"{Path}/{id}/dang\"", page);
        Assert.Equal(HttpStatusCode.Redirect, (await PostPageAsync(client, $"{Path}/{id}", $"{Path}/{id}/gui-duyet")).StatusCode);
        Assert.Equal(ContentStatus.InReview, (await StoredAsync(id)).Status);

        Assert.Equal(HttpStatusCode.Forbidden, (await PostPageAsync(client, $"{Path}/{id}", $"{Path}/{id}/dang")).StatusCode);
        var api = await StepAsync(ExemplarSite.Writer, id, "publish");
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, (await StepAsync(ExemplarSite.Writer, id, "withdraw", new { reason = "sai" })).StatusCode);
        Assert.Equal(ContentStatus.InReview, (await StoredAsync(id)).Status);

        // The writer's own list holds it; another writer's story is not theirs to see.
        Assert.Contains("Nguyễn Văn Viết", await client.GetPageAsync(Path));
        var editors = (await CreateAsync(ExemplarSite.Editor, NewExemplar("Trần Thị Biên Tập"))).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{Path}/{editors}")).StatusCode);
    }

    [Fact]
    public async Task An_agency_cannot_read_or_change_another_agencys_exemplar_on_the_pages_or_in_the_api()
    {
        var theirs = (await CreateAsync(ExemplarSite.AgencyA, NewExemplar("Lê Văn Nội Vụ", agency: "DTN"))).GetProperty("id").GetInt32();
        // An Agency account writes for its own agency, whatever it names.
        Assert.Equal("SNV", (await StoredAsync(theirs)).Agency.Code);

        var pages = await fixture.PagesAsync(ExemplarSite.AgencyB);
        Assert.Equal(HttpStatusCode.NotFound, (await pages.GetAsync($"{Path}/{theirs}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await PostPageAsync(pages, Path, $"{Path}/{theirs}", FormOf("Đổi tên", 1, ("Movement", fixture.Movement)))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostPageAsync(pages, Path, $"{Path}/{theirs}/gui-duyet")).StatusCode);
        Assert.DoesNotContain("Lê Văn Nội Vụ", await pages.GetPageAsync(Path));

        using var api = await fixture.ApiAsync(ExemplarSite.AgencyB);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"{Api}/{theirs}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PutAsJsonAsync($"{Api}/{theirs}", new { name = "Đổi tên", kind = "individual", movement = fixture.Movement, version = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await StepAsync(ExemplarSite.AgencyB, theirs, "submit")).StatusCode);
        using (var list = JsonDocument.Parse(await api.GetPageAsync(Api)))
        {
            Assert.DoesNotContain(theirs, list.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()));
            Assert.Equal(ExemplarEditor.PageSize, list.RootElement.GetProperty("pageSize").GetInt32());
        }

        var stored = await StoredAsync(theirs);
        Assert.Equal(("Lê Văn Nội Vụ", ContentStatus.Draft), (stored.Name, stored.Status));
        // Its own agency reaches it.
        using var own = await fixture.ApiAsync(ExemplarSite.AgencyA);
        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync($"{Api}/{theirs}")).StatusCode);
    }

    [Fact]
    public async Task A_form_post_without_the_antiforgery_field_and_a_cookie_api_call_without_the_header_are_refused()
    {
        var id = (await CreateAsync(ExemplarSite.Editor, NewExemplar("Phạm Văn Giả Mạo"))).GetProperty("id").GetInt32();
        var client = await fixture.PagesAsync(ExemplarSite.Editor);
        var forged = await client.PostAsync($"{Path}/{id}", new FormUrlEncodedContent(
            FormOf("Đã bị sửa", 1, ("Movement", fixture.Movement)).Select(f => KeyValuePair.Create(f.Item1, f.Item2))));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        var withdraw = await client.PostAsync($"{Path}/{id}/thu-hoi", new FormUrlEncodedContent([KeyValuePair.Create("LyDo", "giả mạo")]));
        Assert.Equal(HttpStatusCode.BadRequest, withdraw.StatusCode);
        var cookieApi = await client.PostAsJsonAsync($"{Api}/{id}/submit", new { });
        Assert.Equal(HttpStatusCode.BadRequest, cookieApi.StatusCode);

        var stored = await StoredAsync(id);
        Assert.Equal(("Phạm Văn Giả Mạo", ContentStatus.Draft), (stored.Name, stored.Status));
    }

    [Fact]
    public async Task Invalid_fields_are_refused_with_vietnamese_messages_beside_each_field_and_nothing_typed_is_lost()
    {
        var client = await fixture.PagesAsync(ExemplarSite.Editor);
        var response = await PostPageAsync(client, Path + "/moi", Path + "/moi",
            ("Agency", "SNV"), ("Name", ""), ("Kind", "individual"), ("Movement", fixture.Movement), ("BirthYear", "năm 80"),
            ("Summary", "Tóm tắt vẫn còn đây"),
            ("Recognitions[0].Award", "Bằng khen của Chủ tịch UBND tỉnh"), ("Recognitions[0].DecisionDate", "05/03/2025"),
            ("Recognitions[1].DecisionNumber", "12/QĐ-UBND"), ("Recognitions[1].DecisionDate", "31/02/2025"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(HttpExtensions.Encoded("Hãy nhập họ và tên / tên tập thể."), html);
        Assert.Contains(HttpExtensions.Encoded("Năm sinh phải là một năm từ 1850"), html);
        Assert.Contains(HttpExtensions.Encoded("Khen thưởng dòng 2: hãy nhập hình thức khen thưởng."), html);
        Assert.Contains(HttpExtensions.Encoded("Khen thưởng dòng 2: ngày quyết định \"31/02/2025\" phải theo dạng dd/MM/yyyy"), html);
        Assert.Matches("id=\"f-Name\"[^>]*aria-invalid=\"true\"[^>]*aria-describedby=\"f-Name-loi\"", html);
        Assert.Contains(HttpExtensions.Encoded("Tóm tắt vẫn còn đây"), html);
        Assert.Contains("value=\"12/Q", html);

        using var api = await fixture.ApiAsync(ExemplarSite.Editor);
        var refused = await api.PostAsJsonAsync(Api, new
        {
            agency = "SNV", name = "Đủ tên", kind = "robot", movement = fixture.Movement,
            recognitions = new object[] { new { award = "Giấy khen" }, new { decisionDate = "2025-03-05" } },
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        var errors = problem.RootElement.GetProperty("errors");
        Assert.StartsWith("Loại điển hình phải là", errors.GetProperty("kind")[0].GetString());
        Assert.Equal("Khen thưởng dòng 2: hãy nhập hình thức khen thưởng.", errors.GetProperty("recognitions[1].award")[0].GetString());
        await using var db = fixture.Site.CreateDb();
        Assert.False(await db.Exemplars.AnyAsync(e => e.Name == "Đủ tên"));
    }

    [Fact]
    public async Task Personal_data_typed_into_public_fields_is_hidden_before_storing_and_the_person_is_told_while_the_private_contact_stays()
    {
        var created = await CreateAsync(ExemplarSite.Editor, new
        {
            agency = "SNV", name = "Đinh Thị Riêng Tư", kind = "individual", movement = fixture.Movement,
            summary = "Liên hệ 0912 345 678 hoặc chi.rieng@gmail.com để biết thêm.",
            addressAsRecognised = "số 12 đường Lê Lợi, phường Pleiku, tỉnh Gia Lai",
            privateContact = "0912 345 678",
            recognitions = new[] { new { award = "Bằng khen", issuer = "UBND tỉnh, ĐT 0269 3824 111" } },
        });
        var id = created.GetProperty("id").GetInt32();
        var told = created.GetProperty("redactions").EnumerateArray().Select(r => r.GetString()!).ToList();
        Assert.Contains(told, t => t.Contains("số điện thoại cá nhân") && t.Contains("Tóm tắt thành tích"));
        Assert.Contains(told, t => t.Contains("địa chỉ e-mail"));
        Assert.Contains(told, t => t.Contains("địa chỉ nhà riêng"));
        Assert.Contains(told, t => t.StartsWith("Khen thưởng dòng 1: đã ẩn số điện thoại cá nhân", StringComparison.Ordinal));

        var stored = await StoredAsync(id);
        Assert.DoesNotContain("0912", stored.Summary);
        Assert.DoesNotContain("@gmail", stored.Summary);
        Assert.Contains(GuongSang.Import.Privacy.Redactor.Mask, stored.Summary);
        Assert.Equal("phường Pleiku, tỉnh Gia Lai", stored.AddressAsRecognised);
        Assert.DoesNotContain("3824", stored.Recognitions.Single().Issuer);
        Assert.Equal("0912 345 678", stored.PrivateContact);
        // Staff who may edit read the private contact; it is never redacted, never published.
        Assert.Equal("0912 345 678", created.GetProperty("privateContact").GetString());

        // The form tells the person too, on the answer to their save.
        var client = await fixture.PagesAsync(ExemplarSite.Editor);
        var saved = await PostPageAsync(client, $"{Path}/{id}", $"{Path}/{id}",
            FormOf("Đinh Thị Riêng Tư", stored.Version, ("Movement", fixture.Movement), ("Gender", "Nữ, gọi 0987 654 321")));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var html = await saved.Content.ReadAsStringAsync();
        Assert.Contains(HttpExtensions.Encoded("Đã ẩn số điện thoại cá nhân trong \"Giới tính\""), html);
        Assert.DoesNotContain("0987 654 321", html);
    }

    [Fact]
    public async Task Recognitions_are_added_edited_and_removed_from_the_form_without_script()
    {
        var client = await fixture.PagesAsync(ExemplarSite.Editor);
        var id = IdFrom(await PostPageAsync(client, Path + "/moi", Path + "/moi",
            FormOf("Hoàng Văn Khen", 0, ("Agency", "SNV"), ("Movement", fixture.Movement),
                ("Recognitions[0].Award", "Giấy khen"), ("Recognitions[0].DecisionNumber", "15 /qđ – ubnd"),
                ("Recognitions[1].Award", "Bằng khen"), ("Recognitions[1].Level", "province"))));
        var stored = await StoredAsync(id);
        var (first, second) = (stored.Recognitions.Single(r => r.Award == "Giấy khen"), stored.Recognitions.Single(r => r.Award == "Bằng khen"));
        Assert.Equal("15/QĐ-UBND", first.DecisionNumber);
        Assert.Equal(RecognitionLevel.Province, second.Level);

        var page = await client.GetPageAsync($"{Path}/{id}");
        Assert.Contains("name=\"Recognitions[1].Remove\"", page);
        Assert.Contains("name=\"Recognitions[4].Award\"", page); // two stored rows and three spare ones

        var response = await PostPageAsync(client, $"{Path}/{id}", $"{Path}/{id}",
            FormOf("Hoàng Văn Khen", stored.Version, ("Movement", fixture.Movement),
                ("Recognitions[0].Id", first.Id.ToString()), ("Recognitions[0].Award", "Giấy khen"),
                ("Recognitions[0].DecisionNumber", "1456 / QĐ - UBND"), ("Recognitions[0].DecisionDate", "05/03/2025"),
                ("Recognitions[0].Issuer", "UBND huyện Chư Păh"), ("Recognitions[0].Posthumous", "true"),
                ("Recognitions[1].Id", second.Id.ToString()), ("Recognitions[1].Award", "Bằng khen"), ("Recognitions[1].Remove", "true"),
                ("Recognitions[2].Award", "Chiến sĩ thi đua cơ sở"), ("Recognitions[2].Level", "commune"),
                ("Recognitions[3].Award", "")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var after = (await StoredAsync(id)).Recognitions.OrderBy(r => r.Id).ToList();
        Assert.Equal(2, after.Count);
        Assert.Equal(first.Id, after[0].Id);
        Assert.Equal(("1456/QĐ-UBND", new DateOnly(2025, 3, 5), "UBND huyện Chư Păh", true),
            (after[0].DecisionNumber, after[0].DecisionDate!.Value, after[0].Issuer, after[0].Posthumous));
        Assert.Equal(("Chiến sĩ thi đua cơ sở", RecognitionLevel.Commune), (after[1].Award, after[1].Level));
        Assert.Contains("value=\"05/03/2025\"", await client.GetPageAsync($"{Path}/{id}"));
    }

    [Fact]
    public async Task A_second_save_from_the_same_version_is_refused_with_both_versions_shown_on_the_pages_and_409_in_the_api()
    {
        var id = (await CreateAsync(ExemplarSite.Editor, NewExemplar("Bùi Văn Trùng"))).GetProperty("id").GetInt32();
        var version = (await StoredAsync(id)).Version;
        var client = await fixture.PagesAsync(ExemplarSite.Editor);
        var first = await PostPageAsync(client, $"{Path}/{id}", $"{Path}/{id}",
            FormOf("Bùi Văn Trùng", version, ("Movement", fixture.Movement), ("Position", "Chủ nhiệm hợp tác xã")));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        var second = await PostPageAsync(client, $"{Path}/{id}", $"{Path}/{id}",
            FormOf("Bùi Văn Trùng", version, ("Movement", fixture.Movement), ("Position", "Bí thư chi bộ thôn")));
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var html = await second.Content.ReadAsStringAsync();
        Assert.Contains(HttpExtensions.Encoded("Bài này vừa được người khác sửa"), html);
        Assert.Contains(HttpExtensions.Encoded("Chủ nhiệm hợp tác xã"), html); // theirs
        Assert.Contains(HttpExtensions.Encoded("Bí thư chi bộ thôn"), html); // mine, still in the form
        var stored = await StoredAsync(id);
        Assert.Equal("Chủ nhiệm hợp tác xã", stored.Position);
        Assert.Contains($"name=\"Version\" value=\"{stored.Version}\"", html);

        using var api = await fixture.ApiAsync(ExemplarSite.Editor);
        var stale = await api.PutAsJsonAsync($"{Api}/{id}", new { name = "Bùi Văn Trùng", kind = "individual", movement = fixture.Movement, position = "Cũ", version });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await stale.Content.ReadAsStringAsync());
        Assert.Equal("Bài này vừa được người khác sửa", problem.RootElement.GetProperty("title").GetString());
        Assert.Equal(stored.Version, problem.RootElement.GetProperty("currentVersion").GetInt32());
        Assert.Equal("Chủ nhiệm hợp tác xã", problem.RootElement.GetProperty("current").GetProperty("position").GetString());

        var fresh = await api.PutAsJsonAsync($"{Api}/{id}", new { name = "Bùi Văn Trùng", kind = "individual", movement = fixture.Movement, position = "Mới", version = stored.Version });
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal("Mới", (await StoredAsync(id)).Position);
    }

    [Fact]
    public async Task Each_workflow_step_is_audited_and_a_scheduled_publication_is_entered_in_vietnam_time()
    {
        var created = await CreateAsync(ExemplarSite.Writer, NewExemplar("Đỗ Thị Quy Trình"));
        var id = created.GetProperty("id").GetInt32();
        Assert.Equal(("draft", (await StoredAsync(id)).Version), (created.GetProperty("status").GetString(), created.GetProperty("version").GetInt32()));
        Assert.Equal(HttpStatusCode.OK, (await StepAsync(ExemplarSite.Writer, id, "submit")).StatusCode);

        var editor = await fixture.PagesAsync(ExemplarSite.Editor);
        var localTime = new DateTime(2099, 1, 2, 8, 30, 0);
        var scheduled = await PostPageAsync(editor, $"{Path}/{id}", $"{Path}/{id}/dang", ("HenGio", localTime.ToString("yyyy-MM-ddTHH:mm")));
        Assert.Equal(HttpStatusCode.Redirect, scheduled.StatusCode);
        var stored = await StoredAsync(id);
        Assert.Equal((ContentStatus.Scheduled, new DateTime(2099, 1, 2, 1, 30, 0, DateTimeKind.Utc)), (stored.Status, stored.ScheduledAt!.Value));
        Assert.Contains("08:30 02/01/2099", await editor.GetPageAsync($"{Path}/{id}"));

        Assert.Equal(HttpStatusCode.Redirect, (await PostPageAsync(editor, $"{Path}/{id}", $"{Path}/{id}/tra-ve")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await StepAsync(ExemplarSite.Editor, id, "publish")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await StepAsync(ExemplarSite.Editor, id, "submit")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await StepAsync(ExemplarSite.Editor, id, "archive")).StatusCode);
        var noReason = await PostPageAsync(editor, $"{Path}/{id}", $"{Path}/{id}/thu-hoi", ("LyDo", " "));
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains(HttpExtensions.Encoded("Hãy nhập lý do thu hồi."), await noReason.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await PostPageAsync(editor, $"{Path}/{id}", $"{Path}/{id}/thu-hoi", ("LyDo", "Quyết định khen thưởng đã bị hủy"))).StatusCode);

        await using var db = fixture.Site.CreateDb();
        var entries = await db.AuditEntries.Where(a => a.Target == $"exemplar:{id}").OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(
            [AuditActions.Submitted, AuditActions.Scheduled, AuditActions.Returned, AuditActions.Publish, AuditActions.Archived, AuditActions.Withdrawn],
            entries.Select(a => a.Action));
        Assert.Equal([ExemplarSite.Writer, .. Enumerable.Repeat(ExemplarSite.Editor, 5)], entries.Select(a => a.Actor));
        using var detail = JsonDocument.Parse(entries[^1].Detail!);
        Assert.Equal("Quyết định khen thưởng đã bị hủy", detail.RootElement.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task The_board_changing_a_published_exemplar_gives_a_public_correction_note()
    {
        var id = await PublishedAsync("Mai Văn Đính Chính");
        var version = (await StoredAsync(id)).Version;
        using var api = await fixture.ApiAsync(ExemplarSite.Editor);
        var body = new { name = "Mai Văn Đính Chính", kind = "individual", movement = fixture.Movement, birthYear = 1975, version };
        var refused = await api.PutAsJsonAsync($"{Api}/{id}", body);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("Hãy nhập lý do cập nhật.", JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").GetProperty("correctionNote")[0].GetString());
        Assert.Null((await StoredAsync(id)).BirthYear);

        var saved = await api.PutAsJsonAsync($"{Api}/{id}", new { body.name, body.kind, body.movement, body.birthYear, version, correctionNote = "sửa năm sinh" });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        using var json = JsonDocument.Parse(await saved.Content.ReadAsStringAsync());
        Assert.Matches(@"^Cập nhật ngày \d\d/\d\d/\d{4}: sửa năm sinh$", json.RootElement.GetProperty("correction").GetString());
        var stored = await StoredAsync(id);
        Assert.Equal((1975, "sửa năm sinh"), (stored.BirthYear!.Value, stored.CorrectionNote));
        await using var db = fixture.Site.CreateDb();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Target == $"exemplar:{id}" && a.Action == AuditActions.Corrected));

        // A writer cannot change a story the board wrote: it does not exist for them.
        using var writer = await fixture.ApiAsync(ExemplarSite.Writer);
        Assert.Equal(HttpStatusCode.NotFound, (await writer.PutAsJsonAsync($"{Api}/{id}", body)).StatusCode);
    }

    [Fact]
    public async Task A_withdrawal_through_the_api_takes_the_story_off_the_delivery_api_and_keeps_the_reason_for_staff()
    {
        const string story = "Người thầy giáo cắm bản mười lăm năm";
        var id = await PublishedAsync("Tạ Văn Thu Hồi", story);
        using (var reader = Staff.Client(fixture.Site))
        {
            using var before = JsonDocument.Parse(await reader.GetPageAsync($"/api/v1/exemplars/{id}"));
            Assert.Equal(story, before.RootElement.GetProperty("summary").GetString());
        }
        var noReason = await StepAsync(ExemplarSite.Editor, id, "withdraw", new { reason = "" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);

        var withdrawn = await StepAsync(ExemplarSite.Editor, id, "withdraw", new { reason = "Quyết định khen thưởng đã bị hủy bỏ" });
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        using var json = JsonDocument.Parse(await withdrawn.Content.ReadAsStringAsync());
        Assert.Equal("withdrawn", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("Quyết định khen thưởng đã bị hủy bỏ", json.RootElement.GetProperty("withdrawal").GetProperty("reason").GetString());

        using (var reader = Staff.Client(fixture.Site))
        {
            // The story itself is gone from the public answer (the notice in its place belongs to the public side).
            using var after = JsonDocument.Parse(await (await reader.GetAsync($"/api/v1/exemplars/{id}")).Content.ReadAsStringAsync());
            Assert.False(after.RootElement.TryGetProperty("summary", out var summary) && summary.GetString() == story);
            using var list = JsonDocument.Parse(await reader.GetPageAsync("/api/v1/exemplars?pageSize=100"));
            Assert.DoesNotContain(id, list.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()));
        }
        await using var db = fixture.Site.CreateDb();
        Assert.Equal(AuditActions.Withdrawn, (await db.AuditEntries.Where(a => a.Target == $"exemplar:{id}").OrderBy(a => a.Id).LastAsync()).Action);
    }

    [Fact]
    public async Task Codes_are_made_up_unique_per_agency_and_a_taken_or_personal_code_is_refused()
    {
        var client = await fixture.PagesAsync(ExemplarSite.Editor);
        var first = (await StoredAsync(IdFrom(await PostPageAsync(client, Path + "/moi", Path + "/moi", FormOf("Mã Một", 0, ("Agency", "DTN"), ("Movement", fixture.Movement)))))).Code;
        var second = (await StoredAsync(IdFrom(await PostPageAsync(client, Path + "/moi", Path + "/moi", FormOf("Mã Hai", 0, ("Agency", "DTN"), ("Movement", fixture.Movement)))))).Code;
        Assert.NotEqual(first, second);
        Assert.All([first, second], c => Assert.StartsWith(ExemplarEditor.CodePrefix, c));

        using var api = await fixture.ApiAsync(ExemplarSite.Editor);
        var taken = await api.PostAsJsonAsync(Api, new { agency = "DTN", code = first.ToLowerInvariant(), name = "Mã Ba", kind = "individual", movement = fixture.Movement });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, taken.StatusCode);
        Assert.Contains("Cơ quan đã có điển hình mã", await taken.Content.ReadAsStringAsync());
        var personal = await api.PostAsJsonAsync(Api, new { agency = "DTN", code = "0912345678", name = "Mã Bốn", kind = "individual", movement = fixture.Movement });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, personal.StatusCode);
        // A code is one agency's: the same code in another agency is that agency's own.
        Assert.Equal("HS-2026-77", (await CreateAsync(ExemplarSite.Editor, new { agency = "DTN", code = "HS-2026-77", name = "Mã Năm", kind = "model", movement = fixture.Movement })).GetProperty("code").GetString());
        Assert.Equal("HS-2026-77", (await CreateAsync(ExemplarSite.Editor, new { agency = "SNV", code = "HS-2026-77", name = "Mã Sáu", kind = "model", movement = fixture.Movement })).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_photo_is_uploaded_with_the_imports_checks_given_alt_text_and_removed()
    {
        var id = (await CreateAsync(ExemplarSite.Editor, NewExemplar("Lý Thị Ảnh"))).GetProperty("id").GetInt32();
        var client = await fixture.PagesAsync(ExemplarSite.Editor);

        async Task<HttpResponseMessage> UploadAsync(byte[] bytes, string name, string alt)
        {
            var token = await Staff.FormTokenAsync(client, $"{Path}/{id}");
            using var form = new MultipartFormDataContent
            {
                { new ByteArrayContent(bytes), "photo", name },
                { new StringContent(alt), "alt" },
                { new StringContent((await StoredAsync(id)).Version.ToString()), "version" },
                { new StringContent(token), "__RequestVerificationToken" },
            };
            return await client.PostAsync($"{Path}/{id}/anh", form);
        }

        var html = await UploadAsync("<!doctype html><script>alert(1)</script>"u8.ToArray(), "anh.jpg", "x");
        Assert.Equal(HttpStatusCode.BadRequest, html.StatusCode);
        Assert.Contains(HttpExtensions.Encoded("Ảnh \"anh.jpg\": nội dung là một trang HTML, không phải ảnh"), await html.Content.ReadAsStringAsync());

        var uploaded = await UploadAsync(GuongSang.Tests.Samples.Photo(800, 600, shade: 11), "chan-dung.jpg", "Chị Ảnh bên khung cửi, gọi 0912 345 678");
        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode); // the answer tells what was hidden in the alt text
        Assert.Contains(HttpExtensions.Encoded("Chú thích ảnh"), await uploaded.Content.ReadAsStringAsync());
        await using (var db = fixture.Site.CreateDb())
        {
            var photo = await db.Exemplars.Where(e => e.Id == id).SelectMany(e => e.Photos).Include(p => p.Media).SingleAsync();
            Assert.StartsWith("Chị Ảnh bên khung cửi", photo.Media.AltText);
            Assert.DoesNotContain("0912", photo.Media.AltText);
            Assert.True(File.Exists(System.IO.Path.Combine(fixture.Site.DataPath, photo.Media.StoragePath)));
        }

        using var api = await fixture.ApiAsync(ExemplarSite.Editor);
        using var view = JsonDocument.Parse(await api.GetPageAsync($"{Api}/{id}"));
        var mediaId = view.RootElement.GetProperty("photos")[0].GetProperty("mediaId").GetInt32();
        var version = view.RootElement.GetProperty("version").GetInt32();
        var removed = await api.PutAsJsonAsync($"{Api}/{id}", new
        {
            name = "Lý Thị Ảnh", kind = "individual", movement = fixture.Movement, version,
            photos = new[] { new { mediaId, alt = "Chị Ảnh", remove = true } },
        });
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        await using (var db = fixture.Site.CreateDb())
        {
            Assert.False(await db.Exemplars.Where(e => e.Id == id).SelectMany(e => e.Photos).AnyAsync());
        }
    }
}
