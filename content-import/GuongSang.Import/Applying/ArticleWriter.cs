using System.Text.RegularExpressions;
using GuongSang.Content.Model;
using GuongSang.Content.Text;
using GuongSang.Import.Privacy;
using GuongSang.Import.Reading;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Import.Applying;

/// <summary>
/// Writes a submission's articles, each for its owner: an article a row names is that row's agency's, else
/// the file's agencies'. It links to its exemplar only among its owner's exemplars, and a new version of an
/// article replaces the owner's stored one. Scripts are removed; images become the stored photos' web versions.
/// </summary>
internal sealed partial class ArticleWriter(ApplyContext context, AgencyResolver agencies, MovementResolver movements, ExemplarWriter exemplars, PhotoAttacher photos, PhotoFolder folder)
{
    [GeneratedRegex(@"<script\b[\s\S]*?(</script\s*>|$)", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptBlock();

    [GeneratedRegex(@"\]\(\s*(javascript|vbscript|data):[^)]*\)", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptLink();

    // An alt text may hold balanced brackets, as Markdown allows: "[đã ẩn]" where personal data was masked.
    [GeneratedRegex(@"!\[(?<alt>(?:[^\[\]]|\[[^\[\]]*\])*)\]\((?<src>[^)\s]+)(?<title>\s+""[^""]*"")?\)")]
    private static partial Regex MarkdownImage();

    /// <summary>The image names an article refers to: its cover and the images of its body.</summary>
    public static IEnumerable<string> ImagesOf(ArticleSource article)
    {
        if (article.Cover is not null) yield return article.Cover;
        foreach (Match m in MarkdownImage().Matches(article.Body)) yield return m.Groups["src"].Value;
    }

    public async Task WriteAsync(IEnumerable<SubmittedArticle> articles, IEnumerable<ExemplarDraft> drafts, CancellationToken ct)
    {
        // An article named in a row's "Bài viết" column belongs to that row's exemplar.
        var linkedBy = new Dictionary<string, ExemplarDraft>(StringComparer.OrdinalIgnoreCase);
        foreach (var draft in drafts.Where(d => d.ArticleName is not null))
        {
            var path = folder.Resolve(draft.ArticleName!);
            if (path is null) draft.Report.Messages.Add($"Không tìm thấy bài viết \"{draft.ArticleName}\" (cột Bài viết)");
            else linkedBy[folder.Relative(path)] = draft;
        }
        foreach (var (article, origin) in articles)
        {
            var row = new RowReport { Row = 0, Kind = "article", Outcome = RowOutcome.Created, Source = origin.Document, Code = article.ExemplarCode };
            context.Report.Rows.Add(row);
            Redactor.RedactFields(article, row);
            linkedBy.TryGetValue(origin.Document, out var rowDraft);
            await WriteOneAsync(article, origin, row, rowDraft, ct);
        }
    }

    private async Task WriteOneAsync(ArticleSource article, SourceRef origin, RowReport row, ExemplarDraft? rowDraft, CancellationToken ct)
    {
        var code = article.ExemplarCode ?? rowDraft?.Code;
        row.Code = code;
        List<Agency> owners = rowDraft is not null && agencies.Of(rowDraft) is { } rowAgency ? [rowAgency] : agencies.OfFile(row);
        var exemplar = code is null ? null : await FindExemplarAsync(code, owners, row, ct);
        var owner = exemplar?.Agency ?? (owners.Count == 1 ? owners[0] : null);

        var title = VietnameseText.Clean(article.Title);
        var body = VietnameseText.Clean(article.Body) ?? "";
        if (RowNormaliser.RejectIfTooDeep(row, body))
        {
            row.Messages.Insert(0, $"Bài viết \"{title}\"");
            return;
        }
        // The renderer sanitises anyway; scripts and javascript: links are not kept at all.
        var scripts = ScriptBlock().Count(body) + ScriptLink().Count(body);
        body = ScriptLink().Replace(ScriptBlock().Replace(body, ""), "](#)");
        if (scripts > 0) row.Messages.Add($"Đã gỡ {scripts} đoạn mã script/liên kết javascript: khỏi bài");
        var cover = Cover(article, row);
        body = MarkdownImage().Replace(body, m =>
        {
            var src = m.Groups["src"].Value;
            var media = photos.Use(folder.Resolve(src, article.BaseFolder), m.Groups["alt"].Value);
            if (media is null)
            {
                if (!src.StartsWith("http", StringComparison.OrdinalIgnoreCase) && !src.StartsWith('/')) row.Messages.Add($"Không tìm thấy ảnh \"{src}\" trong bài");
                return m.Value;
            }
            var web = media.Variants.Where(v => v.Width <= 960).OrderByDescending(v => v.Width).FirstOrDefault() ?? media.Variants.FirstOrDefault();
            return $"![{m.Groups["alt"].Value}](/{web?.StoragePath ?? media.StoragePath}{m.Groups["title"].Value})";
        });

        var movement = article.Movement is not null ? movements.Resolve(VietnameseText.Clean(article.Movement)!, row) : exemplar?.Movement;
        var slug = VietnameseText.Slug(title);
        var existing = await FindStoredAsync(origin, exemplar, slug, owner, ct);
        var tags = article.Tags.Select(t => VietnameseText.Clean(t)!).Where(t => t.Length > 0).Distinct().ToList();
        // The article's own date when it has one; else the day it goes public (now, or when the board publishes it).
        DateTime? publishedAt = article.Date is { } date ? date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - VietnamTime.Offset
            : context.PublishNew ? context.Now : null;
        var a = existing ?? new Article { Title = title!, Slug = slug, Agency = owner, Status = context.NewStatus, PublishedAt = publishedAt, CreatedAt = context.Now, UpdatedAt = context.Now };
        var changes = 0;
        if (a.Title != title) { a.Title = title!; changes++; }
        if (a.Body != body) { a.Body = body; changes++; }
        var author = VietnameseText.Clean(article.Author);
        if (a.Author != author) { a.Author = author; changes++; }
        if (movement is not null && a.Movement != movement && a.MovementId != movement.Id) { a.Movement = movement; changes++; }
        if (cover is not null && a.Cover != cover && a.CoverMediaId != cover.Id) { a.Cover = cover; changes++; }
        if (!a.Tags.Select(t => t.Tag).Order(StringComparer.Ordinal).SequenceEqual(tags.Order(StringComparer.Ordinal)))
        {
            a.Tags.Clear();
            a.Tags.AddRange(tags.Select(t => new ArticleTag { Tag = t }));
            changes++;
        }
        if (exemplar is not null && !a.Exemplars.Any(x => x.Exemplar == exemplar || (exemplar.Id != 0 && x.ExemplarId == exemplar.Id)))
        {
            a.Exemplars.Add(new ArticleExemplar { Exemplar = exemplar });
            changes++;
        }
        if (existing is null)
        {
            a.SourceFile = origin.Display;
            a.SourceDocument = origin.Document;
            context.Db.Articles.Add(a);
            row.Outcome = RowOutcome.Created;
        }
        else
        {
            row.Outcome = changes > 0 ? RowOutcome.Updated : RowOutcome.Unchanged;
        }
        row.Messages.Insert(0, $"Bài viết \"{title}\"");
        await context.Db.SaveChangesAsync(ct);
        row.ArticleId = a.Id;
    }

    private Media? Cover(ArticleSource article, RowReport row)
    {
        if (article.Cover is null) return null;
        var path = folder.Resolve(article.Cover, article.BaseFolder);
        if (path is null) row.Messages.Add($"Không tìm thấy ảnh bìa \"{article.Cover}\"");
        else if (photos.ErrorOf(path) is { } error) row.Messages.Add($"Ảnh bìa \"{article.Cover}\" {error}; bỏ qua");
        else return photos.Use(path, article.Title);
        return null;
    }

    /// <summary>
    /// The stored article a submitted one is a new version of, among its owner's articles only. An article
    /// about an exemplar is known by that exemplar and its document (so a corrected title updates it rather
    /// than adding a second); otherwise by its title, but never an article about other exemplars.
    /// </summary>
    private async Task<Article?> FindStoredAsync(SourceRef origin, Exemplar? exemplar, string slug, Agency? owner, CancellationToken ct)
    {
        var ownerId = owner?.Id;
        var articles = context.Db.Articles.AsTracking().Include(a => a.Tags).Include(a => a.Exemplars).Where(a => !a.IsSample && a.AgencyId == ownerId);
        if (exemplar is { Id: > 0 })
        {
            // The same document, whatever the package that brought it was called.
            var sameDocument = await articles
                .Where(a => a.Exemplars.Any(x => x.ExemplarId == exemplar.Id) && a.SourceDocument == origin.Document)
                .OrderBy(a => a.Id).FirstOrDefaultAsync(ct);
            if (sameDocument is not null) return sameDocument;
        }
        var exemplarId = exemplar?.Id;
        return await articles
            .Where(a => a.Slug == slug && (exemplar == null || !a.Exemplars.Any() || a.Exemplars.Any(x => x.ExemplarId == exemplarId)))
            .OrderBy(a => a.Id).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// The exemplar an article is about: one of these agencies' exemplars with that code, never another
    /// agency's (reported by its code only). With no agency known, the one exemplar anywhere with that code.
    /// </summary>
    private async Task<Exemplar?> FindExemplarAsync(string code, List<Agency> owners, RowReport row, CancellationToken ct)
    {
        foreach (var agency in owners)
        {
            if (exemplars.Find(agency, code) is { } here) return here;
        }
        var withCode = context.Db.Exemplars.AsTracking().Where(e => e.Code == code);
        if (owners.Count > 0)
        {
            var ids = owners.Select(a => a.Id).Where(id => id != 0).ToList();
            withCode = withCode.Where(e => ids.Contains(e.AgencyId));
        }
        var found = await withCode.OrderBy(e => e.Id).Take(2).ToListAsync(ct);
        if (found.Count == 1) return found[0];
        if (found.Count > 1)
            row.Messages.Add($"Mã \"{code}\" có ở nhiều cơ quan: bài viết được nhập nhưng chưa gắn với gương nào (dùng --agency để chỉ rõ cơ quan)");
        else if (owners.Count > 0 && await context.Db.Exemplars.AnyAsync(e => e.Code == code, ct))
            row.Messages.Add($"Gương mã \"{code}\" không phải hồ sơ của {string.Join(", ", owners.Select(a => a.Name))}: bài viết được nhập nhưng không gắn với gương đó");
        else
            row.Messages.Add($"Chưa có gương mã \"{code}\": bài viết được nhập nhưng chưa gắn với gương nào");
        return null;
    }
}
