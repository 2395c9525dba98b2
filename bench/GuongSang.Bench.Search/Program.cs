// Search benchmark: builds an index of generated Vietnamese stories, then measures the real site's
// /api/v1/search at 1 and 8 concurrent clients, the same query mix in-process, and SQLite FTS5
// (unicode61 remove_diacritics 2) on the same data, plus FTS5's relevance on the relevance set.
// Usage: dotnet build -c Release web/GuongSang.Web && dotnet run -c Release --project bench/GuongSang.Bench.Search -- [stories=100000] [requestsPerClient=200]
// Not run by the tests. Prints the machine it ran on.
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using GuongSang.Bench.Search;
using GuongSang.Content;
using GuongSang.Content.Model;
using GuongSang.Content.Seeding;
using GuongSang.Content.Storage;
using GuongSang.Search;
using GuongSang.Search.Indexing;
using GuongSang.Search.Relevance;
using GuongSang.Search.Searching;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

// Options: --reuse keeps the data folder of an earlier run (same story count) instead of building it again;
// --profile=S runs the query mix in-process on one thread for S seconds and stops (to attach dotnet-trace);
// --site-only measures only the site over HTTP (no in-process, FTS5 or relevance runs).
var options = args.Where(a => a.StartsWith("--", StringComparison.Ordinal)).ToList();
var positional = args.Except(options).ToList();
var storyCount = positional.Count > 0 ? int.Parse(positional[0], CultureInfo.InvariantCulture) : 100_000;
var requestsPerClient = positional.Count > 1 ? int.Parse(positional[1], CultureInfo.InvariantCulture) : 200;
var reuse = options.Contains("--reuse");
var siteOnly = options.Contains("--site-only");
var profileSeconds = options.Where(o => o.StartsWith("--profile=", StringComparison.Ordinal))
    .Select(o => int.Parse(o["--profile=".Length..], CultureInfo.InvariantCulture)).FirstOrDefault();
var repo = FindRepositoryRoot();
var data = new DataFolder(Path.Combine(repo, "bench", "out", "search-" + storyCount));
reuse &= File.Exists(data.DatabasePath) && Directory.Exists(data.IndexPath);
if (Directory.Exists(data.Root) && !reuse) Directory.Delete(data.Root, recursive: true);
data = new DataFolder(data.Root);

Console.WriteLine($"Machine: {Environment.MachineName}, {Environment.ProcessorCount} cores ({Cpu()}), {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
Console.WriteLine($"Stories: {storyCount:N0}; data folder {data.Root}; load average at start: {LoadAverage()}");

// 1. The database, through the content layer like any writer.
var watch = Stopwatch.StartNew();
if (!reuse)
{
    await FillDatabaseAsync(data, storyCount);
    Console.WriteLine($"Database filled in {watch.Elapsed.TotalSeconds:0.0} s ({new FileInfo(data.DatabasePath).Length / 1048576.0:0} MB)");
}

// 2. The index, built by the site's own indexer code (a full rebuild).
var services = new ServiceCollection();
services.AddLogging(b => b.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
services.AddContent(data, new SeedOptions { Movements = false, DemoContent = false });
// In-process figures measure the search itself: no result cache (the site runs below measure with and without).
services.AddSearch(o => o.ResultCacheSize = 0);
var provider = services.BuildServiceProvider();
var index = provider.GetRequiredService<SearchIndex>();
if (index.Open() || !reuse)
{
    var indexer = provider.GetServices<IHostedService>().OfType<SearchIndexer>().Single();
    watch.Restart();
    await indexer.RebuildAsync(default);
    var indexSeconds = watch.Elapsed.TotalSeconds;
    Console.WriteLine($"Lucene index: {indexSeconds:0.0} s to build ({storyCount / indexSeconds:0} stories/s)");
}
var indexBytes = Directory.GetFiles(data.IndexPath).Sum(f => new FileInfo(f).Length);
Console.WriteLine($"Lucene index: {indexBytes / 1048576.0:0.0} MB");

// 3. The query mix, in-process (no HTTP), to separate search from the web stack.
var mix = QueryMix();
var service = provider.GetRequiredService<SearchService>();
// Warm-up: the JIT compiles the hot paths in tiers (with profiling in between) over the first seconds of
// load; a site runs for days, so the figures are taken after it.
// The long tail (below) takes the first 9 × requestsPerClient of these; the site warm-ups the 2,200 after.
var warmUpQueries = StoryGenerator.LongTailQueries(Math.Max(4000, 9 * requestsPerClient + 2200));
for (var warm = Stopwatch.StartNew(); warm.Elapsed < TimeSpan.FromSeconds(profileSeconds > 0 ? 3 : 10);)
{
    foreach (var (q, f) in mix) service.Search(Request(q, f));
    foreach (var q in warmUpQueries.Take(50)) service.Search(Request(q, ""));
}
if (profileSeconds > 0)
{
    Console.WriteLine($"Profiling: the mix in-process on one thread for {profileSeconds} s (process {Environment.ProcessId}).");
    var perQuery = mix.Select(_ => new List<double>()).ToList();
    var (pausedBefore, collectionsBefore, allocatedBefore) = (GC.GetTotalPauseDuration(), GC.CollectionCount(0), GC.GetTotalAllocatedBytes());
    var until = Stopwatch.StartNew();
    for (var i = 0; until.Elapsed.TotalSeconds < profileSeconds; i++)
    {
        var start = Stopwatch.GetTimestamp();
        service.Search(Request(mix[i % mix.Count].Q, mix[i % mix.Count].Filters));
        perQuery[i % mix.Count].Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    }
    var searches = perQuery.Sum(p => p.Count);
    Console.WriteLine($"  {searches / until.Elapsed.TotalSeconds:0} searches/s; GC: {GC.CollectionCount(0) - collectionsBefore} collections, " +
        $"{(GC.GetTotalPauseDuration() - pausedBefore).TotalMilliseconds / until.Elapsed.TotalMilliseconds:P1} of the time paused, " +
        $"{(GC.GetTotalAllocatedBytes() - allocatedBefore) / 1024.0 / searches:0} KiB allocated per search");
    for (var i = 0; i < mix.Count; i++)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var r = service.Search(Request(mix[i].Q, mix[i].Filters));
        var allocated = (GC.GetAllocatedBytesForCurrentThread() - before) / 1024.0;
        Console.WriteLine($"  {mix[i].Q + mix[i].Filters,-40} {perQuery[i].Order().ElementAt(perQuery[i].Count / 2),7:0.00} ms median, {r.Total,6} hits, {allocated,7:0} KiB allocated");
    }
    return 0;
}
foreach (var clients in siteOnly ? [] : new[] { 1, 8 })
{
    var latencies = Run(clients, requestsPerClient, i =>
    {
        var (q, f) = mix[i % mix.Count];
        service.Search(Request(q, f));
        return Task.CompletedTask;
    });
    Report($"Lucene in-process, {clients} client(s)", latencies);
}
await provider.DisposeAsync();

// 4. The real site on 127.0.0.1, on the same data folder (it finds the index current and serves it).
//    First with its result cache (the default): the fixed mix repeats, as popular searches do, and a
//    long tail of distinct searches (each asked once, so never from the cache). Then with the cache off,
//    the fixed mix again: what every search costs when it is really run.
//    Each run is preceded by a warm-up (the JIT compiles the hot paths in tiers during the first seconds).
var longTail = StoryGenerator.LongTailQueries(8 * requestsPerClient + requestsPerClient);
foreach (var cacheSize in new[] { 500, 0 })
{
    var port = 5199;
    using var site = StartSite(repo, data, port, cacheSize);
    using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    await WaitHealthyAsync(http);
    var check = await http.GetStringAsync(Url("hien mau", ""));
    Console.WriteLine($"Site (result cache {cacheSize}) answers: {check[..Math.Min(100, check.Length)]}…");
    // Warm-up, 15 s of distinct searches (none of them measured below), for the JIT as in-process.
    var warmUp = warmUpQueries.Skip(longTail.Count).ToList();
    for (var warm = Stopwatch.StartNew(); warm.Elapsed < TimeSpan.FromSeconds(15);) Run(8, 100, i => GetAsync(http, warmUp[i % warmUp.Count], ""), quiet: true);
    Console.WriteLine("  (warm-up, 15 s)");
    foreach (var clients in new[] { 1, 8 })
    {
        var latencies = Run(clients, requestsPerClient, i => GetAsync(http, mix[i % mix.Count].Q, mix[i % mix.Count].Filters));
        Report($"Site GET /api/v1/search, fixed mix, cache {(cacheSize > 0 ? "on" : "off")}, {clients} client(s)", latencies);
    }
    // The same mix from wrk (a small C load generator, if installed): this client's own CPU, which shares
    // the two cores with the site, is a large part of the figures above; wrk's is a small one.
    foreach (var connections in cacheSize > 0 ? new[] { 8 } : [1, 8])
    {
        if (Wrk(port, [.. mix.Select(m => Url(m.Q, m.Filters))], connections, seconds: 15) is { } line)
        {
            Console.WriteLine($"  {line} wrk GET /api/v1/search, fixed mix, cache {(cacheSize > 0 ? "on" : "off")}, {connections} connection(s)");
        }
    }
    if (cacheSize > 0)
    {
        foreach (var clients in new[] { 1, 8 })
        {
            // Client c asks queries c*perClient … (c+1)*perClient-1: no query is asked twice in a run.
            var offset = clients == 1 ? 8 * requestsPerClient : 0;
            var latencies = Run(clients, requestsPerClient, i => GetAsync(http, longTail[offset + i], ""), distinct: true);
            Report($"Site GET /api/v1/search, long tail (all distinct), {clients} client(s)", latencies);
        }
    }
    site.Kill(entireProcessTree: true);
}
if (siteOnly) return 0;

// 5. SQLite FTS5 on the same stories (name, text, extra as the index has them), same mix (text part only).
var ftsPath = Path.Combine(data.Root, "fts5.db");
File.Delete(ftsPath);
watch.Restart();
var ftsRows = await FillFtsAsync(data, ftsPath);
Console.WriteLine($"FTS5 index: {watch.Elapsed.TotalSeconds:0.0} s to build ({ftsRows:N0} rows), {new FileInfo(ftsPath).Length / 1048576.0:0.0} MB (file incl. row text)");
foreach (var clients in new[] { 1, 8 })
{
    var connections = new ConcurrentBag<SqliteConnection>();
    var local = new ThreadLocal<SqliteConnection>(() =>
    {
        var c = new SqliteConnection($"Data Source={ftsPath};Mode=ReadOnly");
        c.Open();
        connections.Add(c);
        return c;
    });
    var latencies = Run(clients, requestsPerClient, i =>
    {
        var (q, _) = mix[i % mix.Count];
        FtsSearch(local.Value!, q, 20);
        return Task.CompletedTask;
    });
    Report($"FTS5 in-process, {clients} client(s)", latencies);
    foreach (var c in connections) c.Dispose();
}

Console.WriteLine($"Load average after the latency runs: {LoadAverage()} (other processes share these cores)");

// 6. Relevance of FTS5 on the relevance set, next to Lucene's (the same as the test computes).
using (var fts = new SqliteConnection("Data Source=:memory:"))
{
    fts.Open();
    Exec(fts, "CREATE VIRTUAL TABLE stories USING fts5(name, text, extra, tokenize = 'unicode61 remove_diacritics 2')");
    foreach (var s in RelevanceSet.Stories)
    {
        using var insert = fts.CreateCommand();
        insert.CommandText = "INSERT INTO stories(rowid, name, text, extra) VALUES ($id, $n, $t, $e)";
        insert.Parameters.AddWithValue("$id", s.Id);
        insert.Parameters.AddWithValue("$n", s.Name);
        insert.Parameters.AddWithValue("$t", s.Text);
        insert.Parameters.AddWithValue("$e", s.Extra + " " + s.Decision);
        insert.ExecuteNonQuery();
    }
    PrintRelevance("FTS5 (AND of words, bm25)", RelevanceSet.Evaluate(q => FtsSearch(fts, q, 10, orFallback: false)));
    PrintRelevance("FTS5 (AND of words, OR if none, bm25)", RelevanceSet.Evaluate(q => FtsSearch(fts, q, 10)));
}
var relevanceIndex = Path.Combine(data.Root, "relevance-index");
if (Directory.Exists(relevanceIndex)) Directory.Delete(relevanceIndex, recursive: true);
using (var small = new SearchIndex(relevanceIndex, NullLogger<SearchIndex>.Instance))
{
    small.Open();
    foreach (var s in RelevanceSet.Stories)
    {
        small.Writer.AddDocument(new SearchDocument(s.Id, "R" + s.Id, s.Name, "r", "individual", "Cá nhân", "m", "M", null, null, "a", "A",
            s.Text, s.Extra, s.Decision is null ? [] : [s.Decision], [], null, 0, 0, false, null).ToLucene());
    }
    small.Commit(0);
    small.MarkReady();
    var smallService = new SearchService(small);
    PrintRelevance("Lucene (this project)", RelevanceSet.Evaluate(q => [.. smallService.Search(new SearchRequest(q, PageSize: 10)).Items.Select(i => i.Id)]));
}
return 0;

static List<(string Q, string Filters)> QueryMix() =>
[
    ("hien mau", ""), ("hiến máu tình nguyện", ""), ("hòa giải", ""), ("hoà giải mâu thuẫn", ""), ("chuyen doi so", ""),
    ("Nguyễn Văn Hùng", ""), ("tran thi lan", ""), ("khuyến học", ""), ("\"gia đình văn hóa\"", ""), ("thắp sáng đường quê", ""),
    ("phong chay chua chay", ""), ("bác sỹ gia đình", ""), ("kĩ thuật", ""), ("1456/QĐ-UBND", ""), ("dak mar", ""),
    ("", ""), ("giúp đỡ người nghèo xây nhà", ""), ("trồng rừng phòng hộ", ""), ("y học cổ truyền", ""), ("HIẾN TIỂU CẦU", ""),
    ("hien mau", "&kind=collective"), ("hòa giải", "&movement=dan-van-kheo"), ("", "&year=2023&kind=individual"), ("khuyen hoc", "&year=2024"),
];

static SearchRequest Request(string q, string filters)
{
    var f = filters.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
    return new SearchRequest(q, f.GetValueOrDefault("movement"), f.GetValueOrDefault("kind"), f.GetValueOrDefault("province"), f.GetValueOrDefault("year"));
}

// Runs wrk (Debian package "wrk") over the URLs in turn, one thread; null when wrk is not installed.
static string? Wrk(int port, List<string> urls, int connections, int seconds)
{
    var script = Path.Combine(Path.GetTempPath(), $"guongsang-wrk-{Environment.ProcessId}.lua");
    File.WriteAllText(script, string.Join('\n',
        "local urls = {" + string.Join(",", urls.Select(u => "\"" + u.Replace("\"", "\\\"") + "\"")) + "}",
        "local i = 0",
        "request = function() i = i + 1; return wrk.format(\"GET\", urls[(i % #urls) + 1]) end",
        "done = function(s, l, r)",
        "  local errors = s.errors.status + s.errors.connect + s.errors.read + s.errors.write + s.errors.timeout",
        "  io.write(string.format(\"[%d requests in %.1f s, %.0f req/s, %d errors] p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms\\n\",",
        "    s.requests, s.duration / 1e6, s.requests / (s.duration / 1e6), errors, l:percentile(50) / 1000, l:percentile(95) / 1000, l:percentile(99) / 1000, l.max / 1000))",
        "end"));
    try
    {
        var info = new ProcessStartInfo("wrk", $"-t1 -c{connections} -d{seconds}s -s {script} http://127.0.0.1:{port}") { RedirectStandardOutput = true, UseShellExecute = false };
        using var wrk = Process.Start(info)!;
        var output = wrk.StandardOutput.ReadToEnd();
        wrk.WaitForExit();
        return output.Split('\n').LastOrDefault(l => l.StartsWith('['))?.Trim();
    }
    catch (System.ComponentModel.Win32Exception)
    {
        return null;
    }
    finally
    {
        File.Delete(script);
    }
}

static string Url(string q, string filters) => "/api/v1/search?q=" + Uri.EscapeDataString(q) + filters;

static async Task GetAsync(HttpClient http, string q, string filters)
{
    using var response = await http.GetAsync(Url(q, filters));
    response.EnsureSuccessStatusCode();
    await response.Content.ReadAsByteArrayAsync();
}

// Request numbers: c*7+i (clients start at different places in a mix), or c*perClient+i with distinct.
static List<double> Run(int clients, int perClient, Func<int, Task> request, bool distinct = false, bool quiet = false)
{
    var all = new ConcurrentBag<double>();
    var tasks = Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
    {
        for (var i = 0; i < perClient; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await request(distinct ? c * perClient + i : c * 7 + i);
            all.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
    })).ToArray();
    var wall = Stopwatch.StartNew();
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    Task.WaitAll(tasks);
    cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
    var list = all.Order().ToList();
    if (!quiet) Console.Write($"  [{list.Count} requests in {wall.Elapsed.TotalSeconds:0.0} s, {list.Count / wall.Elapsed.TotalSeconds:0} req/s, this process {cpu.TotalMilliseconds / list.Count:0.00} ms CPU each] ");
    return list;
}

static void Report(string what, List<double> sorted)
{
    double P(double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    Console.WriteLine($"{what}: p50 {P(0.50):0.0} ms, p95 {P(0.95):0.0} ms, p99 {P(0.99):0.0} ms, max {sorted[^1]:0.0} ms");
}

static void PrintRelevance(string what, List<RelevanceSet.Score> scores)
{
    Console.WriteLine($"Relevance, {what}:");
    foreach (var s in scores) Console.WriteLine($"  {s.Category,-10} n={s.Queries,2} Recall@10={s.RecallAt10:0.000} MRR={s.Mrr:0.000}");
}

static List<int> FtsSearch(SqliteConnection connection, string q, int limit, bool orFallback = true)
{
    var words = Regex.Matches(q, @"[\p{L}\p{M}\p{N}]+").Select(m => "\"" + m.Value + "\"").ToList();
    if (words.Count == 0) return Ids(connection, $"SELECT rowid FROM stories ORDER BY rowid DESC LIMIT {limit}");
    var ids = Ids(connection, $"SELECT rowid FROM stories WHERE stories MATCH $q ORDER BY bm25(stories, 3.0, 1.0, 0.6) LIMIT {limit}", string.Join(" ", words));
    return ids.Count > 0 || words.Count == 1 || !orFallback
        ? ids
        : Ids(connection, $"SELECT rowid FROM stories WHERE stories MATCH $q ORDER BY bm25(stories, 3.0, 1.0, 0.6) LIMIT {limit}", string.Join(" OR ", words));
}

static List<int> Ids(SqliteConnection connection, string sql, string? match = null)
{
    using var command = connection.CreateCommand();
    command.CommandText = sql;
    if (match is not null) command.Parameters.AddWithValue("$q", match);
    using var reader = command.ExecuteReader();
    var ids = new List<int>();
    while (reader.Read()) ids.Add(reader.GetInt32(0));
    return ids;
}

static void Exec(SqliteConnection connection, string sql)
{
    using var command = connection.CreateCommand();
    command.CommandText = sql;
    command.ExecuteNonQuery();
}

static async Task FillDatabaseAsync(DataFolder data, int count)
{
    await using (var db = ContentServiceCollectionExtensions.CreateDb(data, "bench"))
    {
        await new DatabaseInitializer(db, new SeedOptions { Movements = false, DemoContent = false }, NullLogger<DatabaseInitializer>.Instance)
            .InitializeAsync(allowDemoContent: false);
        foreach (var (name, slug, _) in StoryGenerator.Movements) db.Movements.Add(new Movement { Name = name, Slug = slug });
        for (var i = 0; i < 40; i++) db.Agencies.Add(new Agency { Code = "co-quan-" + i, Name = "Cơ quan số " + i, Key = "co quan so " + i });
        await db.SaveChangesAsync();
    }
    var generator = new StoryGenerator(42);
    const int batch = 2000;
    for (var start = 0; start < count; start += batch)
    {
        await using var db = ContentServiceCollectionExtensions.CreateDb(data, "bench");
        var movements = await db.Movements.AsTracking().OrderBy(m => m.Id).ToListAsync();
        var agencies = await db.Agencies.AsTracking().ToListAsync();
        var provinces = await db.Localities.AsTracking().Where(l => l.IsCurrent).ToListAsync();
        for (var n = start; n < Math.Min(count, start + batch); n++)
        {
            var m = generator.Pick(movements.Count);
            db.Exemplars.Add(generator.Exemplar(n, agencies[generator.Pick(agencies.Count)], movements[m], StoryGenerator.Movements[m].Phrases,
                provinces[generator.Pick(provinces.Count)]));
        }
        await db.SaveChangesAsync();
    }
}

static async Task<int> FillFtsAsync(DataFolder data, string path)
{
    await using var db = ContentServiceCollectionExtensions.CreateDb(data, "bench");
    var source = new SearchDocumentSource(new GuongSang.Content.Markdown.MarkdownRenderer());
    using var fts = new SqliteConnection($"Data Source={path}");
    fts.Open();
    Exec(fts, "CREATE VIRTUAL TABLE stories USING fts5(name, text, extra, tokenize = 'unicode61 remove_diacritics 2')");
    var rows = 0;
    await foreach (var docs in source.LoadAllAsync(db, default))
    {
        using var transaction = fts.BeginTransaction();
        using var insert = fts.CreateCommand();
        insert.CommandText = "INSERT INTO stories(rowid, name, text, extra) VALUES ($id, $n, $t, $e)";
        var id = insert.Parameters.Add("$id", SqliteType.Integer);
        var n = insert.Parameters.Add("$n", SqliteType.Text);
        var t = insert.Parameters.Add("$t", SqliteType.Text);
        var e = insert.Parameters.Add("$e", SqliteType.Text);
        foreach (var d in docs)
        {
            id.Value = d.Id;
            n.Value = d.Name;
            t.Value = d.Text;
            e.Value = d.Extra;
            insert.ExecuteNonQuery();
            rows++;
        }
        transaction.Commit();
    }
    Exec(fts, "INSERT INTO stories(stories) VALUES ('optimize')");
    return rows;
}

static Process StartSite(string repo, DataFolder data, int port, int resultCacheSize)
{
    var info = new ProcessStartInfo("dotnet", $"run -c Release --no-build --no-launch-profile --project \"{Path.Combine(repo, "web", "GuongSang.Web")}\" -- --urls http://127.0.0.1:{port}")
    {
        RedirectStandardOutput = true,
        RedirectStandardError = true,
        UseShellExecute = false,
    };
    info.Environment["GuongSang__DataFolder"] = data.Root;
    info.Environment["GuongSang__Seed__Movements"] = "false";
    info.Environment["GuongSang__Seed__DemoContent"] = "false";
    info.Environment["GuongSang__Search__ResultCacheSize"] = resultCacheSize.ToString(CultureInfo.InvariantCulture);
    info.Environment["Logging__LogLevel__Default"] = "Warning";
    info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
    var process = Process.Start(info)!;
    process.OutputDataReceived += (_, e) => { if (e.Data is not null) Console.WriteLine("  site| " + e.Data); };
    process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.WriteLine("  site| " + e.Data); };
    process.BeginOutputReadLine();
    process.BeginErrorReadLine();
    return process;
}

static async Task WaitHealthyAsync(HttpClient http)
{
    var until = DateTime.UtcNow.AddMinutes(5);
    while (DateTime.UtcNow < until)
    {
        try
        {
            var response = await http.GetAsync("/healthz");
            if (response.StatusCode == HttpStatusCode.OK && await response.Content.ReadAsStringAsync() == "Healthy") return;
        }
        catch (HttpRequestException)
        {
        }
        await Task.Delay(500);
    }
    throw new TimeoutException("The site did not become healthy within 5 minutes.");
}

static string LoadAverage()
{
    try
    {
        return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
    }
    catch (IOException)
    {
        return "?";
    }
}

static string Cpu()
{
    try
    {
        return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?";
    }
    catch (IOException)
    {
        return "?";
    }
}

static string FindRepositoryRoot()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "GuongSang.sln"))) dir = dir.Parent;
    return dir?.FullName ?? throw new InvalidOperationException("GuongSang.sln not found");
}
