using GuongSang.Content.Model;
using GuongSang.Content.Queries;
using GuongSang.Content.Storage;
using GuongSang.Content.Text;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Web.Manager.Editing;

/// <summary>
/// A photo for an article, uploaded in the manager: stored by the same <see cref="MediaStore"/> as imported photos (type
/// from the bytes, metadata removed, web versions), and handed back as the Markdown that shows it in the story.
/// </summary>
public sealed class ArticlePhotos(GuongSangDb db, DataFolder folder)
{
    /// <summary>A camera's full-size JPEG is 5–15 MiB.</summary>
    public const int MaxBytes = 20 << 20;

    public const int MaxAltLength = 400;

    public async Task<(string? Markdown, IReadOnlyDictionary<string, string> Errors)> AddAsync(IFormFile? file, string? alt, string actor, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var text = VietnameseText.Clean(alt);
        if (string.IsNullOrEmpty(text)) errors["alt"] = "Hãy nhập lời mô tả ảnh: người không xem được ảnh sẽ nghe lời này.";
        else if (text.Length > MaxAltLength) errors["alt"] = $"Lời mô tả ảnh dài tối đa {MaxAltLength} ký tự.";
        if (file is null || file.Length == 0) errors["photo"] = "Hãy chọn một ảnh (JPEG, PNG, WebP hoặc GIF).";
        else if (file.Length > MaxBytes) errors["photo"] = $"Tệp \"{file.FileName}\": ảnh lớn hơn {MaxBytes >> 20} MiB.";
        if (errors.Count > 0) return (null, errors);

        var bytes = new byte[file!.Length];
        await using (var stream = file.OpenReadStream()) await stream.ReadExactlyAsync(bytes, ct);
        var sha = MediaStore.Sha256Of(bytes);
        // Content-addressed: the same photo sent again is the one already stored.
        var media = await db.Media.Include(m => m.Variants).FirstOrDefaultAsync(m => m.Sha256 == sha, ct);
        if (media is null)
        {
            StoredPhoto stored;
            try
            {
                stored = new MediaStore(folder).Store(bytes, file.FileName, dryRun: false, db.Clock.GetUtcNow().UtcDateTime, sha);
            }
            catch (InvalidDataException e)
            {
                return (null, new Dictionary<string, string> { ["photo"] = $"Tệp \"{file.FileName}\": {e.Message}." });
            }
            media = stored.Media;
            media.AltText = text!;
            db.Media.Add(media);
            db.Actor = actor;
            await db.SaveChangesAsync(ct);
        }
        var shown = media.Variants.OrderByDescending(v => v.Width).Select(v => v.StoragePath).FirstOrDefault() ?? media.StoragePath;
        return ($"![{EscapeAlt(text!)}]({PhotoView.UrlOf(shown)})", errors);
    }

    /// <summary>Brackets and backslashes in the description would end or break the Markdown image.</summary>
    private static string EscapeAlt(string alt) => alt.Replace("\\", "\\\\").Replace("[", "\\[").Replace("]", "\\]").ReplaceLineEndings(" ");
}
