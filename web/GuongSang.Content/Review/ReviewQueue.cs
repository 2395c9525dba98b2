using GuongSang.Content.Model;
using GuongSang.Content.Seeding;
using GuongSang.Content.Storage;
using GuongSang.Content.Text;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Content.Review;

public enum ReviewItemType { Duplicate, Agency, Movement }

/// <summary>
/// One thing waiting for the board. <paramref name="Id"/> is stable: "duplicate-{flag id}", "agency-{code}", "movement-{slug}".
/// </summary>
public sealed record ReviewItem(string Id, ReviewItemType Type, string Name, string Detail, DateTime CreatedAt);

public sealed record ReviewQueueList(IReadOnlyList<ReviewItem> Items, int Duplicates, int Agencies, int Movements)
{
    public int Total => Duplicates + Agencies + Movements;
}

/// <summary>A flagged row beside the stored exemplar it resembles (null when that exemplar is gone).</summary>
public sealed record DuplicateReview(ImportFlag Flag, FlaggedRow Row, Exemplar? Existing);

/// <summary>The review actions, as the management API and the forms name them.</summary>
public static class ReviewActions
{
    public const string Merge = "merge";
    public const string KeepBoth = "keep-both";
    public const string Reject = "reject";
    public const string Confirm = "confirm";
    public const string Rename = "rename";
    public const string Map = "map";

    public static IReadOnlyList<string> For(ReviewItemType type) => type switch
    {
        ReviewItemType.Duplicate => [Merge, KeepBoth, Reject],
        ReviewItemType.Agency => [Confirm, Rename, Merge],
        _ => [Confirm, Map],
    };
}

public enum ReviewStatus { Done, NotFound, Refused }

/// <summary>What a decision did: <see cref="Error"/> in Vietnamese when refused; <see cref="Detail"/> for the audit log.</summary>
public sealed record ReviewOutcome(ReviewStatus Status, string? Error = null, object? Detail = null)
{
    public static readonly ReviewOutcome NotFound = new(ReviewStatus.NotFound, "Không có mục này trong hàng chờ (có thể đã được xử lý).");

    public static ReviewOutcome Refused(string error) => new(ReviewStatus.Refused, error);
}

/// <summary>
/// The board's review queue: cross-agency duplicates an import flagged, and the agencies and movements imports
/// created for review. Every decision runs in one transaction and saves with the caller's <see cref="GuongSangDb.Actor"/>,
/// so revisions and the change log (which the search index follows) record it; the caller audits it.
/// </summary>
public sealed class ReviewQueue(GuongSangDb db, IFlaggedRowApplier applier)
{
    public const int MaxNameLength = 300;

    public async Task<ReviewQueueList> ListAsync(CancellationToken ct = default)
    {
        var flags = await db.ImportFlags.Where(f => f.Resolution == null)
            .Select(f => new { f.Id, f.Name, f.Code, Agency = f.Agency.Name, f.Reason, f.CreatedAt })
            .ToListAsync(ct);
        var names = await NewNames.ListAsync(db, ct);
        var items = flags
            .Select(f => new ReviewItem($"duplicate-{f.Id}", ReviewItemType.Duplicate, f.Name, $"{f.Agency}, mã {f.Code}: {f.Reason}", f.CreatedAt))
            .Concat(names.Select(n => n.Kind == NewNameKind.Agency
                ? new ReviewItem($"agency-{n.Key}", ReviewItemType.Agency, n.Name, $"Mã {n.Key}, {n.HeldExemplars} gương đang chờ", n.CreatedAt)
                : new ReviewItem($"movement-{n.Key}", ReviewItemType.Movement, n.Name, $"Đường dẫn /phong-trao/{n.Key}, {n.HeldExemplars} gương đang chờ", n.CreatedAt)))
            .OrderByDescending(i => i.CreatedAt).ThenBy(i => i.Id, StringComparer.Ordinal)
            .ToList();
        return new ReviewQueueList(items, flags.Count, names.Count(n => n.Kind == NewNameKind.Agency), names.Count(n => n.Kind == NewNameKind.Movement));
    }

    /// <summary>How many items wait, for the manager's menu.</summary>
    public async Task<int> CountAsync(CancellationToken ct = default) =>
        await db.ImportFlags.CountAsync(f => f.Resolution == null, ct)
        + await db.Agencies.CountAsync(a => a.NeedsReview, ct)
        + await db.Movements.CountAsync(m => m.NeedsReview, ct);

    /// <summary>An open flag with its row and the exemplar it resembles; null when no open flag has this id.</summary>
    public async Task<DuplicateReview?> DuplicateAsync(int flagId, CancellationToken ct = default)
    {
        var flag = await db.ImportFlags.Include(f => f.Agency).FirstOrDefaultAsync(f => f.Id == flagId && f.Resolution == null, ct);
        if (flag is null) return null;
        var existing = flag.SimilarExemplarId is not { } id ? null : await db.Exemplars
            .Include(e => e.Agency).Include(e => e.Movement).Include(e => e.Province).Include(e => e.Recognitions)
            .AsSplitQuery().FirstOrDefaultAsync(e => e.Id == id, ct);
        return new DuplicateReview(flag, FlaggedRow.Parse(flag.Row), existing);
    }

    /// <summary>The agencies a waiting agency can be merged into, and the movements a waiting movement can be mapped onto.</summary>
    public async Task<List<Agency>> ConfirmedAgenciesAsync(CancellationToken ct = default) =>
        await db.Agencies.Where(a => !a.NeedsReview).OrderBy(a => a.Name).ToListAsync(ct);

    public async Task<List<Movement>> ConfirmedMovementsAsync(CancellationToken ct = default) =>
        await db.Movements.Where(m => !m.NeedsReview).OrderBy(m => m.SortOrder).ThenBy(m => m.Name).ToListAsync(ct);

    /// <summary>Applies <paramref name="action"/> to the item; <paramref name="target"/> is an agency code or a movement slug.</summary>
    public async Task<ReviewOutcome> ResolveAsync(string itemId, string? action, string? target, string? name, CancellationToken ct = default)
    {
        var (type, key) = ParseId(itemId);
        if (type is null) return ReviewOutcome.NotFound;
        if (action is null || !ReviewActions.For(type.Value).Contains(action))
        {
            return ReviewOutcome.Refused($"Trường \"action\": với mục này chỉ được chọn {string.Join(", ", ReviewActions.For(type.Value))}.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var outcome = type switch
        {
            ReviewItemType.Duplicate => int.TryParse(key, out var id) ? await ResolveDuplicateAsync(id, action, ct) : ReviewOutcome.NotFound,
            ReviewItemType.Agency => await ResolveAgencyAsync(key, action, target, name, ct),
            _ => await ResolveMovementAsync(key, action, target, ct),
        };
        if (outcome.Status == ReviewStatus.Done) await transaction.CommitAsync(ct);
        return outcome;
    }

    private static (ReviewItemType? Type, string Key) ParseId(string id)
    {
        foreach (var type in Enum.GetValues<ReviewItemType>())
        {
            var prefix = type.ToString().ToLowerInvariant() + "-";
            if (id.StartsWith(prefix, StringComparison.Ordinal) && id.Length > prefix.Length) return (type, id[prefix.Length..]);
        }
        return (null, "");
    }

    private async Task<ReviewOutcome> ResolveDuplicateAsync(int flagId, string action, CancellationToken ct)
    {
        var flag = await db.ImportFlags.AsTracking().Include(f => f.Agency).FirstOrDefaultAsync(f => f.Id == flagId && f.Resolution == null, ct);
        if (flag is null) return ReviewOutcome.NotFound;
        int? exemplarId = null;
        var added = false;
        switch (action)
        {
            case ReviewActions.Merge:
                var existing = flag.SimilarExemplarId is not { } similar ? null
                    : await db.Exemplars.AsTracking().Include(e => e.Recognitions).FirstOrDefaultAsync(e => e.Id == similar, ct);
                if (existing is null) return ReviewOutcome.Refused("Gương giống hồ sơ này không còn: hãy chọn \"Nhập thành gương mới\" hoặc \"Từ chối\".");
                // The same decision is one recognition, whichever agency sent it.
                if (applier.RecognitionOf(FlaggedRow.Parse(flag.Row)) is { } recognition && !existing.Recognitions.Any(r => SameRecognition(r, recognition)))
                {
                    existing.Recognitions.Add(recognition);
                    added = true;
                }
                exemplarId = existing.Id;
                flag.Resolution = ImportFlagResolutions.Merged;
                break;
            case ReviewActions.KeepBoth:
                var created = await applier.CreateExemplarAsync(db, flag, ct);
                await db.SaveChangesAsync(ct);
                exemplarId = created.Id;
                flag.Resolution = ImportFlagResolutions.Created;
                break;
            default:
                flag.Resolution = ImportFlagResolutions.Rejected;
                break;
        }
        flag.ResolvedBy = db.Actor;
        flag.ResolvedAt = db.Clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return new ReviewOutcome(ReviewStatus.Done, Detail: new
        {
            action, flag = flag.Id, agency = flag.Agency.Code, code = flag.Code, exemplar = exemplarId, recognitionAdded = added,
        });
    }

    private static bool SameRecognition(Recognition a, Recognition b) => a.DecisionNumber is not null || b.DecisionNumber is not null
        ? a.DecisionNumber == b.DecisionNumber
        : a.Award == b.Award && a.DecisionDate == b.DecisionDate && a.Issuer == b.Issuer;

    private async Task<ReviewOutcome> ResolveAgencyAsync(string code, string action, string? target, string? name, CancellationToken ct)
    {
        var agency = await db.Agencies.AsTracking().FirstOrDefaultAsync(a => a.Code == code && a.NeedsReview, ct);
        if (agency is null) return ReviewOutcome.NotFound;
        switch (action)
        {
            case ReviewActions.Confirm:
                agency.NeedsReview = false;
                await db.SaveChangesAsync(ct);
                return new ReviewOutcome(ReviewStatus.Done, Detail: new { action, agency = code });
            case ReviewActions.Rename:
                var newName = VietnameseText.Clean(name);
                if (string.IsNullOrWhiteSpace(newName)) return ReviewOutcome.Refused("Trường \"name\": hãy nhập tên mới của cơ quan.");
                if (newName.Length > MaxNameLength) return ReviewOutcome.Refused($"Trường \"name\": tên cơ quan tối đa {MaxNameLength} ký tự.");
                var key = VietnameseText.Key(newName);
                if (await db.Agencies.AnyAsync(a => a.Key == key && a.Id != agency.Id, ct))
                {
                    return ReviewOutcome.Refused($"Trường \"name\": đã có cơ quan tên \"{newName}\"; hãy gộp vào cơ quan đó.");
                }
                // The name the files wrote still leads here at the next import.
                if (key != agency.Key) db.AgencyAliases.Add(new AgencyAlias { AgencyId = agency.Id, Key = agency.Key });
                var oldName = agency.Name;
                (agency.Name, agency.Key, agency.NeedsReview) = (newName, key, false);
                await db.SaveChangesAsync(ct);
                return new ReviewOutcome(ReviewStatus.Done, Detail: new { action, agency = code, from = oldName, to = newName });
            default:
                return await MergeAgencyAsync(agency, target, ct);
        }
    }

    /// <summary>
    /// Everything of the created agency moves to the target (exemplars, articles, accounts, flags); the agency is
    /// removed and its code and name become the target's aliases, so the next import that writes them finds the target.
    /// </summary>
    private async Task<ReviewOutcome> MergeAgencyAsync(Agency agency, string? targetCode, CancellationToken ct)
    {
        var into = await db.Agencies.AsTracking().FirstOrDefaultAsync(a => a.Code == targetCode && !a.NeedsReview && a.Id != agency.Id, ct);
        if (into is null) return ReviewOutcome.Refused("Trường \"target\": hãy chọn một cơ quan đã xác nhận để gộp vào.");
        var exemplars = await db.Exemplars.AsTracking().Where(e => e.AgencyId == agency.Id).ToListAsync(ct);
        var codes = exemplars.Select(e => e.Code).ToList();
        var clashes = await db.Exemplars.Where(e => e.AgencyId == into.Id && codes.Contains(e.Code)).Select(e => e.Code).ToListAsync(ct);
        if (clashes.Count > 0)
        {
            return ReviewOutcome.Refused($"Không gộp được: {into.Name} đã có hồ sơ cùng mã {string.Join(", ", clashes.Order(StringComparer.Ordinal))}.");
        }
        foreach (var e in exemplars) e.Agency = into;
        foreach (var a in await db.Articles.AsTracking().Where(a => a.AgencyId == agency.Id).ToListAsync(ct)) a.Agency = into;
        foreach (var f in await db.ImportFlags.AsTracking().Where(f => f.AgencyId == agency.Id).ToListAsync(ct)) f.Agency = into;
        foreach (var u in await db.Users.AsTracking().Where(u => u.AgencyId == agency.Id).ToListAsync(ct))
        {
            u.Agency = into;
            // The account's sign-in carries its agency: a new stamp makes it sign in again under the target.
            u.SecurityStamp = Guid.NewGuid().ToString();
        }
        foreach (var alias in await db.AgencyAliases.AsTracking().Where(a => a.AgencyId == agency.Id).ToListAsync(ct)) alias.Agency = into;
        db.AgencyAliases.Add(new AgencyAlias { Agency = into, Code = agency.Code, Key = agency.Key });
        db.Agencies.Remove(agency);
        await db.SaveChangesAsync(ct);
        return new ReviewOutcome(ReviewStatus.Done, Detail: new { action = ReviewActions.Merge, agency = agency.Code, into = into.Code, exemplars = exemplars.Count });
    }

    private async Task<ReviewOutcome> ResolveMovementAsync(string slug, string action, string? target, CancellationToken ct)
    {
        var movement = await db.Movements.AsTracking().Include(m => m.Aliases).FirstOrDefaultAsync(m => m.Slug == slug && m.NeedsReview, ct);
        if (movement is null) return ReviewOutcome.NotFound;
        if (action == ReviewActions.Confirm)
        {
            movement.NeedsReview = false;
            await db.SaveChangesAsync(ct);
            return new ReviewOutcome(ReviewStatus.Done, Detail: new { action, movement = slug });
        }

        var into = await db.Movements.AsTracking().Include(m => m.Aliases)
            .FirstOrDefaultAsync(m => m.Slug == target && !m.NeedsReview && m.Id != movement.Id, ct);
        if (into is null) return ReviewOutcome.Refused("Trường \"target\": hãy chọn một phong trào đã xác nhận.");
        var exemplars = await db.Exemplars.AsTracking().Where(e => e.MovementId == movement.Id).ToListAsync(ct);
        foreach (var e in exemplars) e.Movement = into;
        foreach (var a in await db.Articles.AsTracking().Where(a => a.MovementId == movement.Id).ToListAsync(ct)) a.Movement = into;
        // The spellings the files wrote become the target's aliases: the next import with them matches it.
        var spellings = movement.Aliases.Select(a => (a.Name, a.Key)).Append((movement.Name, DatabaseInitializer.MovementKey(movement.Name)));
        foreach (var (name, key) in spellings.DistinctBy(s => s.Item2))
        {
            if (key.Length > 0 && !into.Aliases.Any(a => a.Key == key)) into.Aliases.Add(new MovementAlias { Name = name, Key = key });
        }
        db.Movements.Remove(movement);
        db.AddRedirect(GuongSangDb.MovementPathPrefix + movement.Slug, GuongSangDb.MovementPathPrefix + into.Slug);
        await db.SaveChangesAsync(ct);
        return new ReviewOutcome(ReviewStatus.Done, Detail: new { action, movement = slug, into = into.Slug, exemplars = exemplars.Count });
    }
}
