using GuongSang.Content;
using GuongSang.Content.Model;
using GuongSang.Content.Seeding;
using GuongSang.Content.Storage;
using GuongSang.Content.Text;
using GuongSang.Search.Indexing;
using GuongSang.Search.Searching;
using GuongSang.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace GuongSang.Search.Tests;

/// <summary>The indexer on a real SQLite database in its own data folder.</summary>
public sealed class IndexerTests : IAsyncLifetime
{
    private readonly DataFolder _folder = new(Path.Combine(Path.GetTempPath(), "guongsang-indexer-" + Guid.NewGuid().ToString("N")));

    public async Task InitializeAsync()
    {
        await using var db = ContentServiceCollectionExtensions.CreateDb(_folder, "kiem-thu");
        await new DatabaseInitializer(db, new SeedOptions { Movements = false, DemoContent = false }, NullLogger<DatabaseInitializer>.Instance)
            .InitializeAsync(allowDemoContent: false);
        db.Movements.Add(new Movement { Name = "Hiến máu tình nguyện", Slug = "hien-mau" });
        db.Agencies.Add(new Agency { Code = "so-y-te", Name = "Sở Y tế", Key = "so y te" });
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder.Root, recursive: true);
        }
        catch (IOException)
        {
        }
        return Task.CompletedTask;
    }

    /// <summary>A site's search services on the data folder, the indexer started.</summary>
    private async Task<ServiceProvider> StartAsync()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddContent(_folder, new SeedOptions { Movements = false, DemoContent = false });
        services.AddSearch(o => o.PollInterval = TimeSpan.FromMilliseconds(200));
        var provider = services.BuildServiceProvider();
        foreach (var hosted in provider.GetServices<IHostedService>()) await hosted.StartAsync(default);
        await WaitForAsync(() => provider.GetRequiredService<SearchIndex>().State == IndexState.Ready, "index ready");
        return provider;
    }

    private static async Task StopAsync(ServiceProvider provider)
    {
        foreach (var hosted in provider.GetServices<IHostedService>()) await hosted.StopAsync(default);
        await provider.DisposeAsync();
    }

    private static Task WaitForAsync(Func<bool> condition, string what) => Poll.UntilAsync(condition, what);

    private async Task<int> AddExemplarAsync(string name, string body, ContentStatus status = ContentStatus.Published, string decision = "1456/QĐ-UBND")
    {
        await using var db = ContentServiceCollectionExtensions.CreateDb(_folder, "nhap-lieu:test.xlsx");
        var exemplar = new Exemplar
        {
            AgencyId = db.Agencies.Single().Id,
            MovementId = db.Movements.Single().Id,
            Code = "HS-" + Guid.NewGuid().ToString("N")[..8],
            Name = name,
            Slug = VietnameseText.Slug(name),
            NameKey = VietnameseText.Key(name),
            Body = body,
            Status = status,
            PublishedAt = DateTime.UtcNow,
            Recognitions = [new Recognition { Award = "Bằng khen", DecisionNumber = decision, DecisionDate = new DateOnly(2024, 5, 2) }],
        };
        db.Exemplars.Add(exemplar);
        await db.SaveChangesAsync();
        return exemplar.Id;
    }

    private static List<int> Find(ServiceProvider provider, string q) =>
        [.. provider.GetRequiredService<SearchService>().Search(new SearchRequest(q)).Items.Select(i => i.Id)];

    [Fact]
    public async Task Changes_in_the_log_reach_search_within_seconds()
    {
        var provider = await StartAsync();
        try
        {
            var id = await AddExemplarAsync("Anh Trần Văn Đức", "Anh Đức hiến máu 42 lần.");
            await WaitForAsync(() => Find(provider, "hien mau").Contains(id), "new exemplar searchable");
            Assert.Equal([id], Find(provider, "1456/qd-ubnd"));

            await using (var db = ContentServiceCollectionExtensions.CreateDb(_folder, "bien-tap"))
            {
                var e = db.Exemplars.AsTracking().Single(x => x.Id == id);
                e.Status = ContentStatus.Withdrawn;
                await db.SaveChangesAsync();
            }
            await WaitForAsync(() => Find(provider, "hien mau").Count == 0, "withdrawn exemplar gone");
        }
        finally
        {
            await StopAsync(provider);
        }
    }

    [Fact]
    public async Task Renaming_an_agency_a_province_or_a_movement_re_indexes_what_shows_its_name()
    {
        var provider = await StartAsync();
        try
        {
            var id = await AddExemplarAsync("Chị Lê Thị Hoa", "Chị Hoa hiến máu 30 lần.");
            await using (var db = ContentServiceCollectionExtensions.CreateDb(_folder, "bien-tap"))
            {
                var province = await db.Localities.Where(l => l.IsCurrent).OrderBy(l => l.Id).FirstAsync();
                (await db.Exemplars.AsTracking().SingleAsync(e => e.Id == id)).ProvinceId = province.Id;
                db.Articles.Add(new Article
                {
                    Title = "Ngày hội", Slug = "ngay-hoi", Body = "Bài về phong trào.", Status = ContentStatus.Published,
                    PublishedAt = DateTime.UtcNow, MovementId = db.Movements.Single().Id,
                });
                await db.SaveChangesAsync();
            }
            var service = provider.GetRequiredService<SearchService>();
            await WaitForAsync(() => service.Search(new SearchRequest("hien mau")).Facets["province"].Count == 1, "exemplar with its province indexed");
            Assert.Empty(Find(provider, "cho ray"));

            // One at a time: each rename alone must reach the index.
            await using (var db = ContentServiceCollectionExtensions.CreateDb(_folder, "quan-tri"))
            {
                (await db.Agencies.AsTracking().SingleAsync()).Name = "Bệnh viện Chợ Rẫy";
                await db.SaveChangesAsync();
            }
            await WaitForAsync(() => Find(provider, "cho ray").Contains(id), "agency's new name searchable");
            Assert.Equal("Bệnh viện Chợ Rẫy", Assert.Single(service.Search(new SearchRequest("hien mau")).Facets["agency"]).Label);

            await using (var db = ContentServiceCollectionExtensions.CreateDb(_folder, "quan-tri"))
            {
                var provinceId = await db.Exemplars.Where(e => e.Id == id).Select(e => e.ProvinceId).SingleAsync();
                (await db.Localities.AsTracking().SingleAsync(l => l.Id == provinceId)).Name = "Tỉnh Thử Nghiệm";
                await db.SaveChangesAsync();
            }
            await WaitForAsync(() => Find(provider, "thu nghiem").Contains(id), "province's new name searchable");
            Assert.Equal("Tỉnh Thử Nghiệm", Assert.Single(service.Search(new SearchRequest("hien mau")).Facets["province"]).Label);

            await using (var db = ContentServiceCollectionExtensions.CreateDb(_folder, "quan-tri"))
            {
                (await db.Movements.AsTracking().SingleAsync()).Name = "Phong trào Giọt hồng";
                await db.SaveChangesAsync();
            }
            await WaitForAsync(() => service.SearchArticles("giot hong").Count == 1, "article under the movement's new name");
            Assert.Equal([id], Find(provider, "giot hong"));
        }
        finally
        {
            await StopAsync(provider);
        }
    }

    [Fact]
    public async Task Articles_reach_search_through_the_change_log_too()
    {
        var provider = await StartAsync();
        try
        {
            await using (var db = ContentServiceCollectionExtensions.CreateDb(_folder, "bien-tap"))
            {
                db.Articles.Add(new Article
                {
                    Title = "Ngày hội hiến máu", Slug = "ngay-hoi-hien-mau", Body = "Hàng nghìn **đoàn viên** hiến máu.",
                    Status = ContentStatus.Published, PublishedAt = DateTime.UtcNow,
                });
                await db.SaveChangesAsync();
            }
            var service = provider.GetRequiredService<SearchService>();
            await WaitForAsync(() => service.SearchArticles("doan vien").Count == 1, "new article searchable");
            Assert.Empty(Find(provider, "doan vien"));
        }
        finally
        {
            await StopAsync(provider);
        }
    }

    [Fact]
    public async Task A_restarted_site_catches_up_from_the_last_change_in_the_index()
    {
        var first = await AddExemplarAsync("Tổ hòa giải thôn Đông", "Hòa giải thành công.");
        var provider = await StartAsync();
        Assert.Equal([first], Find(provider, "hoa giai"));
        var lastApplied = provider.GetRequiredService<SearchIndex>().LastAppliedChange;
        Assert.True(lastApplied > 0);
        await StopAsync(provider);

        var second = await AddExemplarAsync("Tổ hòa giải thôn Tây", "Hòa giải giỏi.");
        provider = await StartAsync();
        try
        {
            // Opened from its commit (no rebuild), then the one change made while stopped.
            await WaitForAsync(() => Find(provider, "hoa giai").Count == 2, "change made while stopped");
            Assert.True(provider.GetRequiredService<SearchIndex>().LastAppliedChange > lastApplied);
        }
        finally
        {
            await StopAsync(provider);
        }
    }

    [Fact]
    public async Task A_corrupt_index_is_rebuilt_from_the_database_on_start()
    {
        var id = await AddExemplarAsync("Bác sĩ Mỹ Linh", "Khám bệnh miễn phí vùng cao.");
        await StopAsync(await StartAsync());
        foreach (var file in Directory.GetFiles(_folder.IndexPath))
        {
            await File.WriteAllBytesAsync(file, [1, 2, 3, 4, 5, 6, 7, 8]);
        }

        var provider = await StartAsync();
        try
        {
            Assert.Equal([id], Find(provider, "kham benh mien phi"));
        }
        finally
        {
            await StopAsync(provider);
        }
    }

    [Fact]
    public async Task An_index_written_with_another_schema_is_rebuilt_on_start()
    {
        var id = await AddExemplarAsync("Tổ hòa giải thôn Đông", "Hòa giải thành công.");
        // An index as an older version would have left it: valid, current, but laid out differently.
        using (var old = new SearchIndex(_folder.IndexPath, NullLogger<SearchIndex>.Instance))
        {
            old.Open();
            old.Writer.AddDocument(new Lucene.Net.Documents.Document { new Lucene.Net.Documents.StringField("old", "x", Lucene.Net.Documents.Field.Store.YES) });
            old.Writer.SetCommitData(new Dictionary<string, string> { [SearchIndex.LastChangeKey] = "999999", [SearchIndex.SchemaKey] = "0" });
            old.Writer.Commit();
        }

        var provider = await StartAsync();
        try
        {
            Assert.Equal([id], Find(provider, "hoa giai"));
        }
        finally
        {
            await StopAsync(provider);
        }
    }

    [Fact]
    public void An_index_another_writer_holds_is_left_alone_even_before_its_first_build_is_committed()
    {
        // The first site has just created its index (a commit with no schema yet) and is building it.
        using var first = new SearchIndex(_folder.IndexPath, NullLogger<SearchIndex>.Instance);
        Assert.True(first.Open());
        first.Writer.AddDocument(new Lucene.Net.Documents.Document { new Lucene.Net.Documents.StringField("built", "yes", Lucene.Net.Documents.Field.Store.YES) });

        // A second site on the same data folder must not take it for an old or missing index and delete it.
        using (var second = new SearchIndex(_folder.IndexPath, NullLogger<SearchIndex>.Instance))
        {
            Assert.Throws<Lucene.Net.Store.LockObtainFailedException>(() => second.Open());
        }

        first.Commit(1);
        first.MarkReady();
        Assert.Equal(1, first.Search(s => s.IndexReader.NumDocs));
    }

    [Fact]
    public async Task A_missing_index_is_built_and_a_rebuild_request_in_the_log_is_honoured()
    {
        var id = await AddExemplarAsync("Bác sĩ Mỹ Linh", "Khám bệnh miễn phí vùng cao.");
        var provider = await StartAsync();
        try
        {
            Assert.Equal([id], Find(provider, "my linh"));
            var index = provider.GetRequiredService<SearchIndex>();
            var before = index.LastAppliedChange;
            await SearchCommands.RequestRebuildAsync(_folder);
            await WaitForAsync(() => index.LastAppliedChange > before, "rebuild request applied");
            Assert.Equal([id], Find(provider, "my linh"));
        }
        finally
        {
            await StopAsync(provider);
        }
    }

    private static readonly string OverDeepStory = "Mở đầu.\n\n" + new string('>', 200) + " sâu";

    [Fact]
    public async Task An_item_that_cannot_be_indexed_is_recorded_and_the_changes_after_it_still_reach_search()
    {
        var provider = await StartAsync();
        try
        {
            var status = provider.GetRequiredService<IndexerStatus>();
            var bad = await AddExemplarAsync("Anh Bùi Văn Sâu", OverDeepStory);
            var good = await AddExemplarAsync("Chị Lê Thị Hoa", "Chị Hoa hiến máu 30 lần.");
            await WaitForAsync(() => Find(provider, "hien mau").Contains(good), "the exemplar after the bad one searchable");
            Assert.Equal(bad, Assert.Single(status.Failures).Id);
            Assert.Empty(Find(provider, "bui van sau"));
            await using (var db = ContentServiceCollectionExtensions.CreateDb(_folder, "bien-tap"))
            {
                db.Exemplars.AsTracking().Single(e => e.Id == bad).Body = "Anh Sâu dạy bơi cho trẻ em.";
                await db.SaveChangesAsync();
            }
            await WaitForAsync(() => Find(provider, "bui van sau").Contains(bad), "the corrected exemplar searchable");
            Assert.Empty(status.Failures);
            Assert.True(status.FailureCount >= 1);
        }
        finally
        {
            await StopAsync(provider);
        }
    }

    [Fact]
    public async Task A_document_Lucene_refuses_is_recorded_and_skipped()
    {
        var provider = await StartAsync();
        try
        {
            var status = provider.GetRequiredService<IndexerStatus>();
            // A decision number longer than a Lucene term may be (32 766 bytes): the writer refuses the document.
            var bad = await AddExemplarAsync("Anh Bùi Văn Dài", "Anh Dài hiến máu.", decision: "12/QĐ-" + new string('X', 40_000));
            var good = await AddExemplarAsync("Chị Lê Thị Hoa", "Chị Hoa hiến máu 30 lần.");
            await WaitForAsync(() => Find(provider, "hien mau").Contains(good), "the exemplar after the refused one searchable");
            Assert.Equal(bad, Assert.Single(status.Failures).Id);
            Assert.DoesNotContain(bad, Find(provider, "hien mau"));
        }
        finally
        {
            await StopAsync(provider);
        }
    }

    [Fact]
    public async Task A_rebuild_leaves_out_an_item_it_cannot_index_and_indexes_the_rest()
    {
        var bad = await AddExemplarAsync("Anh Bùi Văn Sâu", OverDeepStory);
        var good = await AddExemplarAsync("Chị Lê Thị Hoa", "Chị Hoa hiến máu 30 lần.");
        var provider = await StartAsync();
        try
        {
            Assert.Equal([good], Find(provider, "hien mau"));
            Assert.Equal(bad, Assert.Single(provider.GetRequiredService<IndexerStatus>().Failures).Id);
        }
        finally
        {
            await StopAsync(provider);
        }
    }
}
