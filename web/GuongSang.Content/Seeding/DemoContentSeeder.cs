using GuongSang.Content.Model;
using GuongSang.Content.Storage;
using GuongSang.Content.Text;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Content.Seeding;

/// <summary>Sample exemplars and articles for a new site, each marked as sample data.</summary>
internal static class DemoContentSeeder
{
    public static async Task SeedAsync(GuongSangDb db, CancellationToken ct)
    {
        var demo = SeedData.Read<DemoData>("demo-content.json");
        var now = db.Clock.GetUtcNow().UtcDateTime;
        var localities = await db.Localities.AsTracking().ToListAsync(ct);
        var matcher = new LocalityMatcher(localities);
        var movements = await db.Movements.AsTracking().ToDictionaryAsync(m => m.SortOrder, ct);

        var agencies = new Dictionary<string, Agency>();
        foreach (var a in demo.Agencies)
        {
            var name = VietnameseText.Clean(a.Name)!;
            var agency = new Agency
            {
                Code = a.Code,
                Name = name,
                Key = VietnameseText.Key(name),
                Type = Enum.TryParse<AgencyType>(a.Type.Replace("-", ""), ignoreCase: true, out var type) ? type : AgencyType.Other,
                Province = matcher.Match(a.Province).Current,
                PressContact = VietnameseText.Clean(a.PressContact),
                CreatedAt = now,
            };
            agencies[a.Code] = agency;
            db.Agencies.Add(agency);
        }

        var exemplars = new Dictionary<string, Exemplar>();
        foreach (var e in demo.Exemplars)
        {
            var name = VietnameseText.Clean(e.Name)!;
            var exemplar = new Exemplar
            {
                Agency = agencies[e.Agency],
                Code = e.Code,
                Kind = DatabaseInitializer.ParseKind(e.Kind),
                Name = name,
                Slug = VietnameseText.Slug(name),
                NameKey = VietnameseText.Key(name),
                Gender = VietnameseText.Clean(e.Gender),
                BirthYear = e.BirthYear,
                Ethnicity = VietnameseText.Clean(e.Ethnicity),
                Position = VietnameseText.Clean(e.Position),
                AddressAsRecognised = VietnameseText.Clean(e.Address),
                Province = matcher.Match(e.Address ?? e.Province).Current,
                Field = VietnameseText.Clean(e.Field),
                Movement = movements[e.MovementOrder],
                Summary = VietnameseText.Clean(e.Summary) ?? "",
                Body = VietnameseText.Clean(e.Body) ?? "",
                Status = ContentStatus.Published,
                PublishedAt = e.PublishedAt,
                CreatedAt = now,
                UpdatedAt = now,
                IsFeatured = e.Featured,
                IsSample = true,
                SourceUser = DatabaseInitializer.SeederActor,
                Recognitions = [.. e.Recognitions.Select(r => new Recognition
                {
                    Award = VietnameseText.Clean(r.Award)!,
                    DecisionNumberAsWritten = VietnameseText.Clean(r.DecisionNumber),
                    DecisionNumber = DecisionNumber.Normalize(r.DecisionNumber),
                    DecisionDate = r.DecisionDate,
                    Issuer = VietnameseText.Clean(r.Issuer),
                    Level = Enum.TryParse<RecognitionLevel>(r.Level, ignoreCase: true, out var level) ? level : RecognitionLevel.Unknown,
                    Posthumous = r.Posthumous,
                })],
            };
            exemplars[e.Code] = exemplar;
            db.Exemplars.Add(exemplar);
        }

        foreach (var a in demo.Articles)
        {
            var title = VietnameseText.Clean(a.Title)!;
            db.Articles.Add(new Article
            {
                Title = title,
                Slug = VietnameseText.Slug(title),
                Body = VietnameseText.Clean(a.Body) ?? "",
                Author = VietnameseText.Clean(a.Author),
                Movement = a.MovementOrder is { } order ? movements[order] : null,
                Status = ContentStatus.Published,
                PublishedAt = a.PublishedAt,
                CreatedAt = now,
                UpdatedAt = now,
                IsSample = true,
                Tags = [.. a.Tags.Select(t => new ArticleTag { Tag = VietnameseText.Clean(t)! })],
                Exemplars = [.. a.ExemplarCodes.Select(c => new ArticleExemplar { Exemplar = exemplars[c] })],
            });
        }
        await db.SaveChangesAsync(ct);
    }

    private sealed record DemoData(List<AgencyData> Agencies, List<ExemplarData> Exemplars, List<ArticleData> Articles);

    private sealed record AgencyData(string Code, string Name, string Type, string? Province, string? PressContact);

    private sealed record RecognitionData(string Award, string? DecisionNumber, DateOnly? DecisionDate, string? Issuer, string? Level, bool Posthumous);

    private sealed record ExemplarData(
        string Code, string Agency, string Kind, string Name, string? Gender, int? BirthYear, string? Ethnicity,
        string? Position, string? Address, string? Province, string? Field, int MovementOrder, string? Summary,
        string? Body, bool Featured, List<RecognitionData> Recognitions, DateTime PublishedAt);

    private sealed record ArticleData(
        string Title, string? Author, int? MovementOrder, List<string> ExemplarCodes, List<string> Tags,
        DateTime PublishedAt, string Body);
}
