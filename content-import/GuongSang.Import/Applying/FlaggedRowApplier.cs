using GuongSang.Content.Model;
using GuongSang.Content.Review;
using GuongSang.Content.Storage;
using GuongSang.Content.Text;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Import.Applying;

/// <summary>
/// A flagged row applied the way an import applies a row: the same movement resolver (aliases, new movements for
/// review) and the same exemplar writer. Photos are not kept with a flag, so the exemplar is written without them.
/// </summary>
public sealed class FlaggedRowApplier : IFlaggedRowApplier
{
    public Recognition? RecognitionOf(FlaggedRow row) => ExemplarWriter.RecognitionOf(Draft(row, "", 0));

    public async Task<Exemplar> CreateExemplarAsync(GuongSangDb db, ImportFlag flag, CancellationToken ct)
    {
        var agency = await db.Agencies.AsTracking().FirstAsync(a => a.Id == flag.AgencyId, ct);
        var draft = Draft(FlaggedRow.Parse(flag.Row), flag.SourceFile ?? "", flag.SourceRow ?? 0);
        var report = new FileReport { File = draft.SourceFile };
        report.Rows.Add(draft.Report);
        var context = new ApplyContext(db, db.Clock.GetUtcNow().UtcDateTime, new ImportOptions(), report);
        var localities = new LocalityMatcher(await db.Localities.ToListAsync(ct));
        var movement = (await MovementResolver.LoadAsync(context, ct)).Resolve(draft.MovementName, draft.Report);
        var writer = new ExemplarWriter(context, localities);
        await writer.LoadStoredAsync([(draft, agency)], ct);
        return writer.Write(draft, agency, movement, [], out _);
    }

    private static ExemplarDraft Draft(FlaggedRow row, string sourceFile, int sourceRow) => new()
    {
        Report = new RowReport { Row = sourceRow, Code = row.Code, Outcome = RowOutcome.Skipped },
        Code = row.Code,
        Kind = row.ExemplarKind ?? ExemplarKind.Individual,
        Name = row.Name,
        Gender = row.Gender,
        BirthYear = row.BirthYear,
        Ethnicity = row.Ethnicity,
        Position = row.Position,
        Address = row.Address,
        Area = row.Area,
        MovementName = row.Movement,
        Summary = row.Summary ?? "",
        Award = row.Award,
        DecisionNumberAsWritten = row.DecisionNumber,
        DecisionDate = row.DecisionDate,
        Issuer = row.Issuer,
        SourceFile = sourceFile,
        SourceRow = sourceRow,
    };
}
