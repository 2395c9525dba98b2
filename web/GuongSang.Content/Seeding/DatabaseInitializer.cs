using System.Text.Json;
using GuongSang.Content.Model;
using GuongSang.Content.Storage;
using GuongSang.Content.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace GuongSang.Content.Seeding;

/// <summary>Brings a data folder's database up to date and fills a new one (localities, movements, demo).</summary>
public sealed class DatabaseInitializer(GuongSangDb db, SeedOptions options, ILogger<DatabaseInitializer> logger)
{
    public const string SeederActor = "du-lieu-mau";

    /// <param name="allowDemoContent">False for the importer: only the site seeds sample stories.</param>
    public async Task InitializeAsync(bool allowDemoContent = true, CancellationToken ct = default)
    {
        var isNew = !(await db.Database.GetAppliedMigrationsAsync(ct)).Any();
        await db.Database.MigrateAsync(ct);
        // SQLite only: WAL lets the site read while the importer writes (other providers do this by design).
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        db.Actor ??= SeederActor;

        if (!await db.Localities.AnyAsync(ct)) await SeedLocalitiesAsync(ct);
        if (isNew && options.Movements) await SeedMovementsAsync(ct);
        if (isNew && options.Movements && options.DemoContent && allowDemoContent)
        {
            await DemoContentSeeder.SeedAsync(db, ct);
            logger.LogInformation("Đã tạo dữ liệu mẫu trong {Path}", db.Database.GetDbConnection().DataSource);
        }
    }

    private async Task SeedLocalitiesAsync(CancellationToken ct)
    {
        var rows = SeedData.ReadLines("provinces-2025.csv").Skip(1)
            .Where(l => l.Length > 0)
            .Select(l => l.Split(','))
            .Select(p => (Old: VietnameseText.Clean(p[0])!, New: VietnameseText.Clean(p[1])!, Level: p[2].Trim()))
            .ToList();
        var current = rows.Select(r => (r.New, r.Level)).Distinct()
            .ToDictionary(r => r.New, r => NewLocality(r.New, r.Level, isCurrent: true));
        db.Localities.AddRange(current.Values);
        foreach (var row in rows.Where(r => !current.ContainsKey(r.Old)))
        {
            var old = NewLocality(row.Old, row.Old.StartsWith("Thành phố", StringComparison.Ordinal) ? "thành phố" : "tỉnh", isCurrent: false);
            old.Successor = current[row.New];
            db.Localities.Add(old);
        }
        await db.SaveChangesAsync(ct);

        static Locality NewLocality(string name, string level, bool isCurrent)
        {
            var key = LocalityMatcher.KeyOf(name);
            return new Locality { Name = name, Key = key, Slug = VietnameseText.Slug(key), LevelName = level, IsCurrent = isCurrent };
        }
    }

    private async Task SeedMovementsAsync(CancellationToken ct)
    {
        var plan = SeedData.Read<PlanData>("plan.json");
        // Seed 000 leaves criteria to each lead agency; until they issue theirs, the reference
        // criteria of the Ia Pa plan (seed 002) stand in, with their source named.
        var reference = SeedData.Read<CriteriaData>("criteria.json");
        var now = db.Clock.GetUtcNow().UtcDateTime;
        foreach (var m in SeedData.Read<List<MovementData>>("movements.json"))
        {
            var name = VietnameseText.Clean(m.Name)!;
            var movement = new Movement
            {
                Name = name,
                Slug = VietnameseText.Slug(name),
                Campaign = VietnameseText.Clean(m.Campaign),
                Description = VietnameseText.Clean(m.Description) ?? "",
                LeadAgency = VietnameseText.Clean(m.LeadAgency),
                SortOrder = m.Order,
                PlanNumber = DecisionNumber.Normalize(plan.Number),
                PlanDate = plan.Date,
                PlanIssuer = VietnameseText.Clean(plan.Issuer),
                PlanTitle = VietnameseText.Clean(plan.Title),
                CreatedAt = now,
                UpdatedAt = now,
                Coordinators = [.. m.CoordinatingAgencies.Select((a, i) => new MovementCoordinator { AgencyName = VietnameseText.Clean(a)!, SortOrder = i })],
                Targets = [.. m.Targets.Select(t => new MovementTarget { Kind = ParseKind(t.Kind), Count = t.Count, Period = t.Period })],
                Aliases = [.. m.Aliases.Prepend(name).Distinct().Select(a => new MovementAlias { Name = VietnameseText.Clean(a)!, Key = MovementKey(a) })],
            };
            var fallback = reference.Criteria.FirstOrDefault(c => c.Order == m.Order);
            foreach (var kind in new[] { "collective", "individual", "household", "model" })
            {
                var own = m.Criteria.GetValueOrDefault(kind);
                var text = string.IsNullOrWhiteSpace(own) && fallback is not null
                    ? fallback.Text(kind) is { } t ? $"{t} (Nguồn: {reference.Source})" : null
                    : own;
                if (!string.IsNullOrWhiteSpace(text))
                {
                    movement.Criteria.Add(new MovementCriterion { Kind = ParseKind(kind), Text = VietnameseText.Clean(text)! });
                }
            }
            db.Movements.Add(movement);
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The key a movement name is matched by: folded, filler words ("phong trào", "thi đua") dropped.</summary>
    public static string MovementKey(string name)
    {
        var words = VietnameseText.Key(name).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var text = " " + string.Join(' ', words) + " ";
        foreach (var filler in new[] { " phong trao ", " thi dua ", " cuoc van dong " })
        {
            text = text.Replace(filler, " ", StringComparison.Ordinal);
        }
        return string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    public static ExemplarKind ParseKind(string kind) => kind.ToLowerInvariant() switch
    {
        "individual" => ExemplarKind.Individual,
        "collective" => ExemplarKind.Collective,
        "household" => ExemplarKind.Household,
        "model" => ExemplarKind.Model,
        _ => throw new FormatException($"Unknown exemplar kind '{kind}'"),
    };

    private sealed record PlanData(string Number, DateOnly Date, string Issuer, string Title);

    private sealed record CriteriaData(string Source, List<ReferenceCriteria> Criteria);

    private sealed record ReferenceCriteria(int Order, string? Collective, string? Individual, string? Household, string? Model)
    {
        public string? Text(string kind) => kind switch
        {
            "collective" => Collective,
            "individual" => Individual,
            "household" => Household,
            _ => Model,
        };
    }

    private sealed record TargetData(string Kind, int Count, string Period);

    private sealed record MovementData(
        int Order, string Name, List<string> Aliases, string? Campaign, string Description, string? LeadAgency,
        List<string> CoordinatingAgencies, Dictionary<string, string?> Criteria, List<TargetData> Targets);
}

/// <summary>Reads the data files embedded from web/GuongSang.Content/Data.</summary>
internal static class SeedData
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static T Read<T>(string name)
    {
        using var stream = Open(name);
        return JsonSerializer.Deserialize<T>(stream, Json) ?? throw new InvalidDataException($"Empty seed file {name}");
    }

    public static IEnumerable<string> ReadLines(string name)
    {
        using var reader = new StreamReader(Open(name));
        while (reader.ReadLine() is { } line) yield return line;
    }

    private static Stream Open(string name) =>
        typeof(SeedData).Assembly.GetManifestResourceStream("GuongSang.Content.Data." + name)
        ?? throw new FileNotFoundException($"Embedded seed file {name} is missing");
}
