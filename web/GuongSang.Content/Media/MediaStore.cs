using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NetVips;

namespace GuongSang.Content.Storage;

/// <summary>
/// Photos in the data folder, everything under media/ served as it is stored: a full-size copy for
/// press download ("original", in the format it came in) and JPEG web sizes. Every one is upright and
/// carries its colour profile and nothing else: no EXIF (GPS position, camera serial, maker notes), XMP,
/// IPTC or comments. A JPEG that needs no turning keeps its compressed pixels as received, its metadata
/// segments removed (<see cref="JpegMarkers"/>); any other photo is decoded, turned and encoded again.
/// The file as received is not kept. Paths are
/// content-addressed by the SHA-256 of the bytes as received, so the same photo sent twice is stored
/// once and a re-import finds it.
/// </summary>
public sealed class MediaStore(DataFolder folder)
{
    /// <summary>
    /// One libvips thread per photo: callers make photos side by side (the importer one per core), and
    /// libvips' own worker threads on top only added switching (bench/GuongSang.Bench.Import: ~10 % less CPU).
    /// </summary>
    static MediaStore() => NetVips.NetVips.Concurrency = 1;

    /// <summary>
    /// JPEG/WebP quality of the full-size copy: it stands in for the original, so it is kept high
    /// (libvips then keeps full colour resolution); Huffman tables are optimised to keep the file small.
    /// </summary>
    private const int FullSizeQuality = 90;

    /// <summary>
    /// Widths of the web versions; a narrower original gets one version at its own width. They are
    /// JPEG (quality 80, colour profile only): WebP was 2–3× slower to encode on this 2-core machine
    /// (bench/GuongSang.Bench.Import) for ~30 % smaller files. Pages pick one by <c>srcset</c>: a card
    /// or a phone screen takes 480 or 960; the widest photo a page shows is 42rem (672 CSS px), which
    /// 1200 covers on screens up to ~1.8× density (editors who need more download the original).
    /// 1200 rather than 1600: a 2400 px original (what agencies send) is then decoded at half size by
    /// the JPEG decoder itself, and the largest file is smaller for slow connections; on the bench's
    /// photos that is 44 ms instead of 55 ms a photo and 171 KiB instead of 210 KiB for the three.
    /// </summary>
    public static readonly int[] WebWidths = [480, 960, 1200];

    /// <summary>The content type the bytes really are, or null when they are no image we take.</summary>
    public static string? DetectImageType(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF) return "image/jpeg";
        if (head.Length >= 8 && head[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return "image/png";
        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8)) return "image/webp";
        if (head.Length >= 6 && (head[..6].SequenceEqual("GIF87a"u8) || head[..6].SequenceEqual("GIF89a"u8))) return "image/gif";
        return null;
    }

    /// <summary>What non-image bytes look like, in Vietnamese, for an error message.</summary>
    public static string DescribeNonImage(ReadOnlySpan<byte> head)
    {
        var text = System.Text.Encoding.UTF8.GetString(head[..Math.Min(head.Length, 512)]).TrimStart('\uFEFF', ' ', '\r', '\n', '\t').ToLowerInvariant();
        if (text.StartsWith("<!doctype html", StringComparison.Ordinal) || text.StartsWith("<html", StringComparison.Ordinal) || text.Contains("<script", StringComparison.Ordinal))
            return "nội dung là một trang HTML, không phải ảnh";
        if (head.Length >= 4 && head[..4].SequenceEqual("%PDF"u8)) return "nội dung là tệp PDF, không phải ảnh";
        if (head.Length >= 2 && head[0] == (byte)'P' && head[1] == (byte)'K') return "nội dung là tệp nén/Office, không phải ảnh";
        if (head.Length == 0) return "tệp rỗng";
        return "nội dung không phải ảnh JPEG, PNG, WebP hay GIF";
    }

    public static string Sha256Of(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>
    /// Checks a photo and, unless <paramref name="dryRun"/>, writes its full-size copy and its web
    /// versions. Returns an unsaved <see cref="Model.Media"/> and the files it created (so a
    /// failed import can remove them). Throws <see cref="InvalidDataException"/> for non-images.
    /// </summary>
    public StoredPhoto Store(byte[] bytes, string fileName, bool dryRun, DateTime now, string? sha256 = null)
    {
        var contentType = DetectImageType(bytes) ?? throw new InvalidDataException(DescribeNonImage(bytes));
        var sha = sha256 ?? Sha256Of(bytes);
        // A JPEG's structure is checked whole before the decoder sees it; what is left once metadata is removed
        // is the full-size copy when the photo needs no turning (most do).
        var stripped = contentType == "image/jpeg" ? StripJpeg(bytes) : null;
        int width, height, orientation;
        try
        {
            using var header = Image.NewFromBuffer(bytes, access: Enums.Access.Sequential);
            orientation = Orientation(header);
            // Report the size as displayed: EXIF orientations 5–8 swap width and height.
            (width, height) = orientation >= 5 ? (header.Height, header.Width) : (header.Width, header.Height);
        }
        catch (VipsException e)
        {
            throw Unreadable(e.Message.Split('\n')[0], e);
        }

        var prefix = sha[..2];
        var extension = contentType switch
        {
            "image/png" => ".png",
            "image/webp" => ".webp",
            "image/gif" => ".gif",
            _ => ".jpg",
        };
        var media = new Model.Media
        {
            FileName = Path.GetFileName(fileName),
            ContentType = contentType,
            Sha256 = sha,
            Width = width,
            Height = height,
            StoragePath = $"media/originals/{prefix}/{sha}{extension}",
            CreatedAt = now,
        };
        var created = new List<string>();
        var widths = WebWidths.Where(w => w <= width).ToList();
        if (widths.Count == 0) widths.Add(width);
        foreach (var w in widths)
        {
            var h = (int)Math.Round((double)height * w / width);
            media.Variants.Add(new Model.MediaVariant
            {
                Width = w,
                Height = h,
                ContentType = "image/jpeg",
                StoragePath = $"media/web/{prefix}/{sha}-{w}.jpg",
            });
        }
        if (dryRun) return new StoredPhoto(media, created);

        try
        {
            var fullSize = CleanFullSize(bytes, contentType, orientation, stripped);
            media.Length = fullSize.LongLength;
            WriteIfMissing(media.StoragePath, () => fullSize, created);
            // The web versions come from the full-size copy (upright, clean). The largest is decoded straight at
            // the scale it needs (a JPEG decoder shrinks by 2, 4 or 8 while decoding, so a 2400 px photo is
            // never held whole) and kept in memory; the smaller ones are made from it.
            var ordered = media.Variants.OrderByDescending(v => v.Width).ToList();
            using var largest = Image.ThumbnailBuffer(fullSize, ordered[0].Width, height: 100_000, size: Enums.Size.Down).CopyMemory();
            foreach (var variant in ordered)
            {
                using var image = variant == ordered[0] ? largest.Copy() : largest.ThumbnailImage(variant.Width, height: 100_000, size: Enums.Size.Down);
                WriteIfMissing(variant.StoragePath, () => image.JpegsaveBuffer(q: 80, keep: Enums.ForeignKeep.Icc), created);
                variant.Width = image.Width;
                variant.Height = image.Height;
            }
        }
        catch (Exception e) when (e is VipsException or IOException)
        {
            Delete(created);
            throw new InvalidDataException("không tạo được bản cho web (" + e.Message.Split('\n')[0] + ")", e);
        }
        return new StoredPhoto(media, created);
    }

    /// <summary>
    /// Makes a data folder written by a version that kept photos as received safe to serve: every image
    /// under media/ that still carries metadata (or an unapplied EXIF rotation) is re-encoded like a new
    /// photo, in place, so its URL keeps working; its media record gets the new length. Runs once per
    /// data folder (a marker file beside the database records it); a file already clean is left as it is,
    /// so a run cut short or two sites starting together redo nothing. A file that cannot be read is
    /// logged and the marker not written, so the next start tries again.
    /// </summary>
    /// <returns>How many files were re-encoded.</returns>
    public async Task<int> CleanStoredFilesAsync(GuongSangDb db, ILogger logger, CancellationToken ct = default)
    {
        if (File.Exists(folder.MediaCleanMarkerPath) || !Directory.Exists(folder.MediaPath)) return MarkClean(0);
        var cleaned = new ConcurrentBag<(string Path, long Length)>();
        var failed = 0;
        var files = Directory.EnumerateFiles(folder.MediaPath, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".tmp", StringComparison.Ordinal));
        Parallel.ForEach(files, new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount }, file =>
        {
            try
            {
                if (CleanInPlace(file) is { } length)
                    cleaned.Add((Path.GetRelativePath(folder.Root, file).Replace(Path.DirectorySeparatorChar, '/'), length));
            }
            catch (Exception e) when (e is VipsException or IOException)
            {
                Interlocked.Increment(ref failed);
                logger.LogError(e, "Không xoá được siêu dữ liệu (vị trí GPS, số máy ảnh…) của ảnh {File}; ảnh này vẫn được phục vụ như cũ.", file);
            }
        });
        foreach (var (path, length) in cleaned)
            await db.Media.Where(m => m.StoragePath == path).ExecuteUpdateAsync(u => u.SetProperty(m => m.Length, length), ct);
        if (!cleaned.IsEmpty) logger.LogInformation("Đã xoá siêu dữ liệu (vị trí GPS, số máy ảnh…) khỏi {Count} ảnh trong {Path}.", cleaned.Count, folder.MediaPath);
        return failed == 0 ? MarkClean(cleaned.Count) : cleaned.Count;

        int MarkClean(int count)
        {
            File.WriteAllText(folder.MediaCleanMarkerPath, "Ảnh trong media/ chỉ còn điểm ảnh và hồ sơ màu.\n");
            return count;
        }
    }

    /// <summary>Re-encodes one stored image that carries metadata; returns its new length, or null when it was clean (or no image).</summary>
    private static long? CleanInPlace(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (DetectImageType(bytes) is not { } contentType) return null;
        int orientation;
        using (var header = Image.NewFromBuffer(bytes, access: Enums.Access.Sequential))
        {
            if (!CarriesMetadata(header)) return null;
            orientation = Orientation(header);
        }
        // A JPEG stored by a version that took it cut short is still cleaned: decoded (as that version did) and encoded again.
        var stripped = contentType == "image/jpeg" ? TryStripJpeg(bytes) : null;
        var clean = CleanFullSize(bytes, contentType, orientation, stripped);
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllBytes(temp, clean);
        File.Move(temp, path, overwrite: true);
        return clean.LongLength;
    }

    /// <summary>What a served photo must not carry: EXIF, XMP, IPTC, comments, or a rotation left to the viewer.</summary>
    private static bool CarriesMetadata(Image header) =>
        header.GetFields().Any(f => f is "exif-data" or "xmp-data" or "iptc-data" || f.StartsWith("exif-", StringComparison.Ordinal) || f.Contains("comment", StringComparison.Ordinal))
        || Orientation(header) != 1;

    /// <summary>The EXIF orientation (1 = upright as stored).</summary>
    private static int Orientation(Image header) =>
        header.Contains("orientation") ? Convert.ToInt32(header.Get("orientation"), System.Globalization.CultureInfo.InvariantCulture) : 1;

    private static InvalidDataException Unreadable(string reason, Exception inner) => new("ảnh bị hỏng, không đọc được (" + reason + ")", inner);

    /// <summary>A JPEG without metadata, pixels untouched (<see cref="JpegMarkers"/>); refused as unreadable when its structure is broken.</summary>
    private static byte[] StripJpeg(byte[] bytes)
    {
        try
        {
            return JpegMarkers.Strip(bytes);
        }
        catch (InvalidDataException e)
        {
            throw Unreadable(e.Message, e);
        }
    }

    /// <summary>A JPEG without metadata, or null when its structure is broken.</summary>
    private static byte[]? TryStripJpeg(byte[] bytes)
    {
        try
        {
            return JpegMarkers.Strip(bytes);
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>
    /// The served full-size copy: a JPEG that needs no turning is the received one without its metadata
    /// (<paramref name="stripped"/>), exactly the same pixels at no decoding cost; anything else is re-encoded.
    /// </summary>
    private static byte[] CleanFullSize(byte[] bytes, string contentType, int orientation, byte[]? stripped) =>
        stripped is not null && orientation == 1 ? stripped : ReEncodeClean(bytes, contentType);

    /// <summary>
    /// The photo decoded, turned as its EXIF orientation says (every frame of an animation, so the full-size
    /// copy still moves) and encoded again with pixels and colour profile only, in the format it came in.
    /// </summary>
    private static byte[] ReEncodeClean(byte[] bytes, string contentType)
    {
        using var loaded = contentType is "image/gif" or "image/webp"
            ? Image.NewFromBuffer(bytes, kwargs: new VOption { { "n", -1 } })
            : Image.NewFromBuffer(bytes);
        using var upright = loaded.Autorot();
        return contentType switch
        {
            "image/png" => upright.PngsaveBuffer(keep: Enums.ForeignKeep.Icc),
            "image/webp" => upright.WebpsaveBuffer(q: FullSizeQuality, keep: Enums.ForeignKeep.Icc),
            "image/gif" => upright.GifsaveBuffer(keep: Enums.ForeignKeep.Icc),
            _ => upright.JpegsaveBuffer(q: FullSizeQuality, optimizeCoding: true, keep: Enums.ForeignKeep.Icc),
        };
    }

    /// <summary>Removes files a failed import wrote.</summary>
    public void Delete(IEnumerable<string> relativePaths)
    {
        foreach (var path in relativePaths)
        {
            try
            {
                File.Delete(folder.Resolve(path));
            }
            catch (IOException)
            {
                // Left behind, unreferenced: harmless.
            }
        }
    }

    private void WriteIfMissing(string relativePath, Func<byte[]> content, List<string> created)
    {
        var full = folder.Resolve(relativePath);
        if (File.Exists(full)) return;
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllBytes(temp, content());
        try
        {
            File.Move(temp, full, overwrite: false);
            created.Add(relativePath);
        }
        catch (IOException) when (File.Exists(full))
        {
            // Another import wrote the same content first.
            File.Delete(temp);
        }
    }
}

/// <summary>An unsaved media record and the files written for it.</summary>
public sealed record StoredPhoto(Model.Media Media, IReadOnlyList<string> CreatedFiles);
