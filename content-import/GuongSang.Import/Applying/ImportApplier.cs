using GuongSang.Content;
using GuongSang.Content.Model;
using GuongSang.Content.Storage;
using GuongSang.Content.Text;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Import.Applying;

/// <summary>
/// Applies one submission in one transaction, in this order: normalise the rows; start the photos; resolve
/// each row's agency and movement and write its exemplar (or flag it as another agency's duplicate); write
/// the articles. A failure rolls everything back and removes the media files written. The parts
/// (<see cref="AgencyResolver"/>, <see cref="MovementResolver"/>, <see cref="PhotoAttacher"/>,
/// <see cref="DuplicateFinder"/>, <see cref="ExemplarWriter"/>, <see cref="ArticleWriter"/>) share an <see cref="ApplyContext"/>.
/// </summary>
internal sealed class ImportApplier(DataFolder dataFolder, TimeProvider clock, ImportOptions options, FileReport report, string actor)
{
    private const int SaveEvery = 500;

    public async Task RunAsync(Submission submission, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        await using var db = ContentServiceCollectionExtensions.CreateDb(dataFolder, actor);
        db.Clock = clock;
        var context = new ApplyContext(db, clock.GetUtcNow().UtcDateTime, options, report);
        var photos = new PhotoAttacher(context, new MediaStore(dataFolder), submission.Photos);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var localities = new LocalityMatcher(await db.Localities.ToListAsync(ct));
            var agencies = await AgencyResolver.LoadAsync(context, localities, ct);
            var movements = await MovementResolver.LoadAsync(context, ct);
            var exemplars = new ExemplarWriter(context, localities);

            var drafts = Normalise(submission);
            await photos.StartAsync(drafts, submission.Articles, ct);
            await WriteExemplarsAsync(context, drafts, agencies, movements, exemplars, photos, progress, ct);
            await photos.ReadyAsync();
            await new ArticleWriter(context, agencies, movements, exemplars, photos, submission.Photos).WriteAsync(submission.Articles, drafts, ct);
            await db.SaveChangesAsync(ct);

            if (options.DryRun)
            {
                await transaction.RollbackAsync(ct);
            }
            else
            {
                await transaction.CommitAsync(ct);
                photos.DropUnused();
            }
        }
        catch
        {
            await photos.DropAllAsync();
            await transaction.RollbackAsync(CancellationToken.None);
            throw;
        }
    }

    private List<ExemplarDraft> Normalise(Submission submission)
    {
        var drafts = new List<ExemplarDraft>();
        foreach (var table in submission.Tables)
        {
            foreach (var draft in RowNormaliser.Normalise(table, report))
            {
                draft.Report.Code ??= draft.Code;
                draft.AgencyName ??= table.Table.Agency;
                drafts.Add(draft);
            }
        }
        return drafts;
    }

    private async Task WriteExemplarsAsync(ApplyContext context, List<ExemplarDraft> drafts, AgencyResolver agencies, MovementResolver movements,
        ExemplarWriter exemplars, PhotoAttacher photos, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        // Agencies first, then what they already have under these codes, then the possible duplicates of the new rows.
        var rows = new List<(ExemplarDraft Draft, Agency Agency)>();
        foreach (var draft in drafts)
        {
            if (agencies.Resolve(draft) is { } agency) rows.Add((draft, agency));
        }
        await exemplars.LoadStoredAsync(rows, ct);
        var duplicates = new DuplicateFinder(context);
        await duplicates.LoadCandidatesAsync(rows.Where(x => exemplars.Find(x.Agency, x.Draft.Code) is null).Select(x => x.Draft), ct);

        // Rows without photos first, while the photos are being made; then the rows that need them.
        rows = [.. rows.Where(x => x.Draft.PhotoNames.Count == 0), .. rows.Where(x => x.Draft.PhotoNames.Count > 0)];
        var done = 0;
        foreach (var (draft, agency) in rows)
        {
            ct.ThrowIfCancellationRequested();
            if (draft.PhotoNames.Count > 0) await photos.ReadyAsync();
            var movement = movements.Resolve(draft.MovementName, draft.Report);
            var (media, bad) = photos.ForRow(draft);
            if (bad is var (name, error))
            {
                draft.Report.Outcome = RowOutcome.Rejected;
                draft.Report.Messages.Add($"Từ chối: ảnh \"{name}\" {error}");
                continue;
            }
            if (exemplars.Find(agency, draft.Code) is null && duplicates.Find(draft, agency, movement) is { } duplicate)
            {
                await duplicates.FlagAsync(draft, agency, duplicate, ct);
                continue;
            }
            var exemplar = exemplars.Write(draft, agency, movement, media, out var created);
            if (created) duplicates.Created(exemplar, draft.DecisionNumber);

            done++;
            options.AfterRowApplied?.Invoke(done);
            if (done % SaveEvery == 0) await exemplars.SaveBatchAsync(ct);
            if (done % 50 == 0 || done == rows.Count) progress?.Report(new ImportProgress(report.File, done, rows.Count));
        }
        await context.Db.SaveChangesAsync(ct);
        exemplars.ReportIds();
    }
}
