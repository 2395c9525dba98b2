using GuongSang.Content.Accounts;
using GuongSang.Content.Markdown;
using GuongSang.Content.Model;
using GuongSang.Content.Storage;
using GuongSang.Content.Text;
using GuongSang.Content.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Web.Manager.Editing;

/// <summary>What a person sends to write or change an article, from the manager's form or the management API's JSON.</summary>
public sealed record ArticleInput(
    string? Title, string? Body, string? Movement, IReadOnlyList<int>? ExemplarIds, int? Version = null, string? Correction = null);

/// <summary>
/// The outcome of a save or a step. <see cref="Article"/> is the saved article (Saved) or the one found (Invalid, WrongState);
/// <see cref="Current"/> is the article as saved now by someone else (Conflict).
/// </summary>
public sealed record EditResult(EditStatus Outcome, Article? Article, IReadOnlyDictionary<string, string> Errors, Article? Current = null)
{
    private static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();

    public static EditResult Of(EditStatus outcome, Article? article = null) => new(outcome, article, None);
}

/// <summary>
/// Writing and changing articles, and taking them through the workflow: the one service the manager's pages and the
/// management API both call, so both validate, check permissions, keep versions and record the audit log alike.
/// Field names in <see cref="EditResult.Errors"/> are the API's JSON names, which the form uses too.
/// </summary>
public sealed class ArticleEditor(GuongSangDb db, IAuditLog audit)
{
    public const int MaxTitleLength = 400;

    /// <summary>A long feature is ~50,000 characters; the bound is checked before any parser sees the text.</summary>
    public const int MaxBodyLength = 200_000;

    public const string ConflictMessage = ContentWorkflow.ConflictMessage;

    /// <summary>Numbers in messages as Vietnamese readers write them: 200.000.</summary>
    private static readonly System.Globalization.CultureInfo Vietnamese = System.Globalization.CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>The audit log's target for an article: "article:12".</summary>
    public static string Target(int id) => "article:" + id;

    /// <summary>The articles this person sees, with what the manager shows of them.</summary>
    public IQueryable<Article> Visible(ContentAccess access) =>
        access.Visible(db.Articles).Include(a => a.Movement).Include(a => a.Agency).Include(a => a.Exemplars);

    /// <summary>An article this person sees, tracked for a change; null when they do not see it.</summary>
    public Task<Article?> FindAsync(ContentAccess access, int id, CancellationToken ct) =>
        Visible(access).AsTracking().AsSplitQuery().FirstOrDefaultAsync(a => a.Id == id, ct);

    public async Task<EditResult> CreateAsync(ContentAccess access, ArticleInput input, CancellationToken ct)
    {
        if (!access.MayCreate) return EditResult.Of(EditStatus.Forbidden);
        var now = db.Clock.GetUtcNow().UtcDateTime;
        var article = new Article { Title = "", Slug = "", Status = ContentStatus.Draft, CreatedAt = now, UpdatedAt = now, CreatedBy = access.Name };
        if (access.AgencyCode is { } code)
        {
            // An Agency account's articles belong to its agency, so only it (and the board) sees them.
            article.Agency = await db.Agencies.AsTracking().FirstOrDefaultAsync(a => a.Code == code, ct);
            if (article.Agency is null) return EditResult.Of(EditStatus.Forbidden);
        }
        var errors = await ApplyAsync(access, article, input, ct);
        if (errors.Count > 0) return new EditResult(EditStatus.Invalid, article, errors);
        db.Articles.Add(article);
        db.Actor = access.Name;
        await db.SaveChangesAsync(ct);
        return EditResult.Of(EditStatus.Saved, article);
    }

    /// <summary>
    /// Saves a change from <paramref name="input"/>, refused when <see cref="ArticleInput.Version"/> is not the stored
    /// version. A published story is the board's to change, and only with a public correction note.
    /// </summary>
    public async Task<EditResult> UpdateAsync(ContentAccess access, int id, ArticleInput input, CancellationToken ct)
    {
        var article = await FindAsync(access, id, ct);
        if (article is null) return EditResult.Of(EditStatus.NotFound);
        if (!access.MayEdit(article)) return EditResult.Of(EditStatus.Forbidden, article);
        var errors = await ApplyAsync(access, article, input, ct);
        if (input.Version is null) errors["version"] = "Thiếu số phiên bản (version) của bài mà bạn đã sửa.";
        var published = article.Status == ContentStatus.Published;
        if (published && errors.Count == 0 &&
            ContentWorkflow.Correct(article, input.Correction, db.Clock.GetUtcNow().UtcDateTime) is { Done: false } refused)
        {
            errors["correction"] = refused.Error! + " Bài đã đăng: bạn đọc sẽ thấy dòng \"Cập nhật ngày …\" với lý do này.";
        }
        if (errors.Count > 0) return new EditResult(EditStatus.Invalid, article, errors);
        // A public correction is in the audit log, saved with it, as for exemplars.
        return await SaveAsync(access, article, input.Version!.Value, published
            ? () => audit.RecordAsync(AuditActions.Corrected, Target(id), new { note = article.CorrectionNote }, access.Name, ct)
            : null, ct);
    }

    /// <summary>
    /// Takes a workflow step (<paramref name="at"/>: when to publish, UTC; <paramref name="reason"/>: why withdrawn), and
    /// records it in the audit log in the same save. <paramref name="version"/>, when given, must be the stored one.
    /// </summary>
    public async Task<EditResult> TakeAsync(
        ContentAccess access, int id, WorkflowAction action, int? version, DateTime? at, string? reason, CancellationToken ct)
    {
        var article = await FindAsync(access, id, ct);
        if (article is null) return EditResult.Of(EditStatus.NotFound);
        if (!access.MayTake(action, article)) return EditResult.Of(EditStatus.Forbidden, article);
        var from = article.Status;
        var result = ContentWorkflow.Apply(article, action, db.Clock.GetUtcNow().UtcDateTime, at, reason);
        if (!result.Done)
        {
            var field = action == WorkflowAction.Withdraw && ContentWorkflow.CanTake(from, action) ? "reason" : "status";
            return new EditResult(EditStatus.WrongState, article, new Dictionary<string, string> { [field] = result.Error! });
        }
        // The step and its audit line are saved together (the audit log saves the context): no publication without its entry.
        return await SaveAsync(access, article, version ?? article.Version, () => audit.RecordAsync(
            AuditActions.Of(action, article.Status), Target(id), new
            {
                from = WorkflowVerbs.StatusCode(from),
                to = WorkflowVerbs.StatusCode(article.Status),
                at = article.ScheduledAt,
                reason = action == WorkflowAction.Withdraw ? article.WithdrawalReason : null,
            }, access.Name, ct), ct);
    }

    /// <summary>Saves with the version the person started from; a later save by someone else makes it a conflict.</summary>
    private async Task<EditResult> SaveAsync(ContentAccess access, Article article, int version, Func<Task>? save, CancellationToken ct)
    {
        db.Actor = access.Name;
        db.Entry(article).Property(a => a.Version).OriginalValue = version;
        try
        {
            await (save?.Invoke() ?? db.SaveChangesAsync(ct));
            return EditResult.Of(EditStatus.Saved, article);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await access.Visible(db.Articles).Include(a => a.Movement).Include(a => a.Exemplars)
                .AsSplitQuery().FirstOrDefaultAsync(a => a.Id == article.Id, ct);
            return new EditResult(EditStatus.Conflict, article, new Dictionary<string, string> { ["version"] = ConflictMessage }, current);
        }
    }

    /// <summary>Checks the input and, field by field, copies what is valid onto the article (stored text is NFC).</summary>
    private async Task<Dictionary<string, string>> ApplyAsync(ContentAccess access, Article article, ArticleInput input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var title = VietnameseText.Clean(input.Title);
        if (string.IsNullOrEmpty(title)) errors["title"] = "Hãy nhập tiêu đề.";
        else if (title.Length > MaxTitleLength) errors["title"] = $"Tiêu đề dài tối đa {MaxTitleLength} ký tự (đang có {title.Length}).";
        else
        {
            // The public address follows the title until the story is first published; after that links to it must keep working.
            if (article.PublishedAt is null) article.Slug = VietnameseText.Slug(title);
            article.Title = title;
        }

        // The length is checked on the text as sent, before normalising or parsing it.
        if (string.IsNullOrWhiteSpace(input.Body)) errors["body"] = "Hãy nhập nội dung bài.";
        else if (input.Body.Length > MaxBodyLength) errors["body"] = string.Create(Vietnamese, $"Nội dung dài tối đa {MaxBodyLength:N0} ký tự (đang có {input.Body.Length:N0}).");
        else if (MarkdownRenderer.CheckDepth(input.Body) is { } tooDeep) errors["body"] = $"Nội dung không hiển thị được: {tooDeep}.";
        else article.Body = VietnameseText.Clean(input.Body)!.ReplaceLineEndings("\n");

        var movement = VietnameseText.Clean(input.Movement);
        if (string.IsNullOrEmpty(movement))
        {
            article.Movement = null;
            article.MovementId = null;
        }
        else if (await db.Movements.AsTracking().FirstOrDefaultAsync(m => m.Slug == movement, ct) is { } found)
        {
            article.Movement = found;
        }
        else
        {
            errors["movement"] = $"Không có phong trào thi đua \"{movement}\" (ghi đường dẫn của phong trào, ví dụ dan-van-kheo).";
        }

        var wanted = (input.ExemplarIds ?? []).Distinct().ToList();
        var linked = article.Exemplars.Select(x => x.ExemplarId).ToHashSet();
        var added = wanted.Where(id => !linked.Contains(id)).ToList();
        // Only new links are checked: a link the board made stays even when this person could not make it.
        var allowed = added.Count == 0 ? [] : await access.Visible(db.Exemplars).Where(e => added.Contains(e.Id)).Select(e => e.Id).ToListAsync(ct);
        var refused = added.Except(allowed).ToList();
        if (refused.Count > 0)
        {
            errors["exemplarIds"] = $"Không có gương điển hình số {string.Join(", ", refused)}, hoặc bạn không được liên kết với gương đó.";
        }
        else
        {
            article.Exemplars.RemoveAll(x => !wanted.Contains(x.ExemplarId));
            article.Exemplars.AddRange(added.Select(id => new ArticleExemplar { ExemplarId = id }));
        }
        return errors;
    }
}
