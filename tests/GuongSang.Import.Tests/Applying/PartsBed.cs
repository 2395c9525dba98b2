using GuongSang.Content.Model;
using GuongSang.Content.Storage;
using GuongSang.Content.Text;
using GuongSang.Import.Applying;

namespace GuongSang.Import.Tests.Applying;

/// <summary>One part of the applier on a real migrated SQLite file: the database, a file's report and the context the parts share.</summary>
internal sealed class PartsBed : IAsyncDisposable
{
    public ImportTestBed Bed { get; }
    public GuongSangDb Db { get; }
    public FileReport Report { get; } = new() { File = "kiem-thu.csv" };
    public ApplyContext Context { get; }

    private PartsBed(ImportTestBed bed, ImportOptions options)
    {
        Bed = bed;
        Db = bed.OpenDb();
        Context = new ApplyContext(Db, new DateTime(2026, 11, 2, 3, 0, 0, DateTimeKind.Utc), options, Report);
    }

    public static async Task<PartsBed> CreateAsync(ImportOptions? options = null) => new(await ImportTestBed.CreateAsync(), options ?? new ImportOptions());

    public async Task<Agency> AgencyAsync(string code, string name)
    {
        var agency = new Agency { Code = code, Name = name, Key = VietnameseText.Key(name), CreatedAt = Context.Now };
        Db.Agencies.Add(agency);
        await Db.SaveChangesAsync();
        return agency;
    }

    public static ExemplarDraft Draft(string code, string name = "Nguyễn Văn An", string movement = "Dạy tốt - Học tốt", string? agency = null,
        int? birthYear = 1980, string? decision = null, List<string>? photos = null, string? summary = null) => new()
    {
        Report = new RowReport { Row = 2, Code = code, Outcome = RowOutcome.Skipped },
        Code = code,
        Kind = ExemplarKind.Individual,
        Name = name,
        BirthYear = birthYear,
        MovementName = movement,
        AgencyName = agency,
        DecisionNumberAsWritten = decision,
        Summary = summary ?? "",
        PhotoNames = photos ?? [],
        SourceFile = "ds.csv",
        SourceRow = 2,
    };

    public async ValueTask DisposeAsync()
    {
        await Db.DisposeAsync();
        await Bed.DisposeAsync();
    }
}
