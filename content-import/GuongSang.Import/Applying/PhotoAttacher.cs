using System.Collections.Concurrent;
using GuongSang.Content.Model;
using GuongSang.Content.Storage;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Import.Applying;

/// <summary>
/// The photos rows and articles name: found in the submission's files, hashed, matched with those already
/// stored, and the new ones stored with their web versions in the background while rows without photos are
/// written. Knows the files it wrote, to remove them on failure and to drop the new photos no row used.
/// </summary>
internal sealed class PhotoAttacher(ApplyContext context, MediaStore media, PhotoFolder folder)
{
    private sealed record PhotoResult(Media? Media, string? Error, bool IsNew);

    private readonly List<string> _createdFiles = [];
    private readonly Dictionary<string, PhotoResult> _photos = [];
    private readonly HashSet<Media> _usedNew = [];
    private Task _work = Task.CompletedTask;
    private bool _ready;

    /// <summary>
    /// Finds the photos rows and articles name (a row without an "Ảnh" value gets the photos named after its code),
    /// hashes them, looks up the ones already stored, then starts making web versions of the new ones.
    /// </summary>
    public async Task StartAsync(IEnumerable<ExemplarDraft> drafts, IEnumerable<SubmittedArticle> articles, CancellationToken ct)
    {
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var draft in drafts)
        {
            if (draft.PhotoNames.Count == 0 && folder.ImagesNamedFor(draft.Code) is { Count: > 0 } byCode)
            {
                draft.PhotoNames.AddRange(byCode);
                draft.Report.Messages.Add($"Ảnh theo mã hồ sơ: {string.Join(", ", byCode)}");
            }
            foreach (var name in draft.PhotoNames)
            {
                var path = folder.Resolve(name);
                if (path is null) draft.Report.Messages.Add($"Không tìm thấy ảnh \"{name}\" (cột Ảnh); bỏ qua ảnh này");
                else wanted.Add(path);
            }
        }
        foreach (var (article, _) in articles)
        {
            foreach (var name in ArticleWriter.ImagesOf(article))
            {
                if (folder.Resolve(name, article.BaseFolder) is { } path) wanted.Add(path);
            }
        }
        if (wanted.Count == 0) return;

        var hashes = new ConcurrentDictionary<string, string>();
        await Parallel.ForEachAsync(wanted, Workers(ct), async (path, token) =>
            hashes[path] = MediaStore.Sha256Of(await File.ReadAllBytesAsync(path, token)));
        var existing = new Dictionary<string, Media>();
        foreach (var chunk in hashes.Values.Distinct().Chunk(500))
        {
            foreach (var m in await context.Db.Media.AsTracking().Include(m => m.Variants).Where(m => chunk.Contains(m.Sha256)).ToListAsync(ct))
                existing.TryAdd(m.Sha256, m);
        }
        _work = Task.Run(() => StoreNewAsync(wanted, hashes, existing, ct), ct);
    }

    private static ParallelOptions Workers(CancellationToken ct) => new() { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount };

    private async Task StoreNewAsync(HashSet<string> wanted, ConcurrentDictionary<string, string> hashes, Dictionary<string, Media> existing, CancellationToken ct)
    {
        var results = new ConcurrentDictionary<string, PhotoResult>();
        var bySha = new ConcurrentDictionary<string, Lazy<PhotoResult>>();
        await Parallel.ForEachAsync(wanted, Workers(ct), async (path, token) =>
        {
            var sha = hashes[path];
            if (existing.TryGetValue(sha, out var stored))
            {
                results[path] = new PhotoResult(stored, null, false);
                return;
            }
            var bytes = await File.ReadAllBytesAsync(path, token);
            // Two names, same bytes: one media record.
            results[path] = bySha.GetOrAdd(sha, _ => new Lazy<PhotoResult>(() =>
            {
                try
                {
                    var photo = media.Store(bytes, Path.GetFileName(path), context.Options.DryRun, context.Now, sha);
                    lock (_createdFiles) _createdFiles.AddRange(photo.CreatedFiles);
                    return new PhotoResult(photo.Media, null, true);
                }
                catch (InvalidDataException e)
                {
                    return new PhotoResult(null, e.Message, false);
                }
            })).Value;
        });
        foreach (var (path, result) in results) _photos[path] = result;
    }

    /// <summary>Waits for the web versions (once); photos already stored are tracked again (a batch save forgets them).</summary>
    public async Task ReadyAsync()
    {
        if (_ready) return;
        await _work;
        _ready = true;
        foreach (var m in _photos.Values.Select(p => p.Media).OfType<Media>().Where(m => m.Id != 0).Distinct())
        {
            if (context.Db.Entry(m).State == EntityState.Detached) context.Db.Attach(m);
        }
    }

    /// <summary>A row's photos in its order, or the first one that could not be stored, with why.</summary>
    public (List<Media> Media, (string Name, string Error)? Bad) ForRow(ExemplarDraft draft)
    {
        var paths = draft.PhotoNames.Select(n => (Name: n, Path: folder.Resolve(n))).ToList();
        foreach (var (name, path) in paths)
        {
            if (ErrorOf(path) is { } error) return ([], (name, error));
        }
        return ([.. paths.Select(p => Use(p.Path, draft.Name)).OfType<Media>().Distinct()], null);
    }

    /// <summary>Why the photo at this path could not be stored; null when it was, or was never asked for.</summary>
    public string? ErrorOf(string? path) => path is not null && _photos.TryGetValue(path, out var photo) ? photo.Error : null;

    /// <summary>The stored photo for a path, added to the database the first time a new one is used.</summary>
    public Media? Use(string? path, string altText)
    {
        if (path is null || !_photos.TryGetValue(path, out var photo) || photo.Media is null) return null;
        if (photo.IsNew && _usedNew.Add(photo.Media))
        {
            photo.Media.AltText = ApplyContext.Truncate(altText, 400);
            context.Db.Media.Add(photo.Media);
        }
        return photo.Media;
    }

    /// <summary>After the commit: new photos no row ended up using (flagged or rejected rows) are not referenced, not kept.</summary>
    public void DropUnused()
    {
        var unused = _photos.Values.Where(p => p is { IsNew: true, Media: not null } && !_usedNew.Contains(p.Media!))
            .SelectMany(p => p.Media!.Variants.Select(v => v.StoragePath).Prepend(p.Media.StoragePath)).ToHashSet();
        media.Delete(_createdFiles.Where(unused.Contains));
    }

    /// <summary>After a failure: lets the workers finish, then removes every file they wrote.</summary>
    public async Task DropAllAsync()
    {
        try
        {
            await _work;
        }
        catch (Exception)
        {
            // Already failing: the first error is the one reported.
        }
        media.Delete(_createdFiles);
    }
}
