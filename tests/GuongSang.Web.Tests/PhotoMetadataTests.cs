using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using GuongSang.Content.Model;
using GuongSang.Content.Review;
using GuongSang.Content.Storage;
using GuongSang.Content.Text;
using GuongSang.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using NetVips;

namespace GuongSang.Web.Tests;

/// <summary>
/// What the site serves of a photo, the full-size download included, says nothing of where it was taken or
/// by which camera: no EXIF (GPS, serial, maker notes), XMP, IPTC or comments; turned upright; colour profile kept.
/// </summary>
public sealed class PhotoMetadataTests
{
    /// <summary>Imports a package of one row with one photo, as a new agency that the board then confirms; the row's exemplar id.</summary>
    private static async Task<int> ImportOnePhotoAsync(SiteFactory site, string code, string format, byte[] photoBytes)
    {
        var zip = Path.Combine(site.DataPath, "goi-anh.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            using (var w = new StreamWriter(archive.CreateEntry("ds.csv").Open(), new UTF8Encoding(false)))
                await w.WriteAsync($"Mã hồ sơ;Họ tên;Loại;Phong trào;Trạng thái;Cơ quan đề xuất\n{code};Lò Văn Pá;Cá nhân;Dân vận khéo;Đã duyệt;Xã P\n");
            await using var photo = archive.CreateEntry($"anh/{code}.{format}").Open();
            await photo.WriteAsync(photoBytes);
        }
        Assert.True((await new ImportService(site.DataFolder).ImportAsync([zip], new ImportOptions())).AllImported);
        await using var db = site.CreateDb();
        Assert.True(await NewNames.ConfirmAgencyAsync(db, "xa-p"));
        return (await db.Exemplars.SingleAsync(e => e.Code == code)).Id;
    }
    [Theory]
    [InlineData("jpg")]
    [InlineData("png")]
    public async Task An_imported_photo_is_served_full_size_and_in_web_sizes_without_location_or_camera_metadata(string format)
    {
        using var site = new SiteFactory(demoContent: false);
        using var client = site.CreatePlainClient();
        await client.GetPageAsync("/");
        var id = await ImportOnePhotoAsync(site, "P-7", format, TaggedPhoto.Make(format));
        await using var db = site.CreateDb();

        using var json = JsonDocument.Parse(await client.GetPageAsync($"/api/v1/exemplars/{id}"));
        var photoJson = json.RootElement.GetProperty("photos").EnumerateArray().Single();
        var urls = photoJson.GetProperty("variants").EnumerateArray().Select(v => v.GetProperty("url").GetString()!)
            .Prepend(photoJson.GetProperty("originalUrl").GetString()!).ToList();
        Assert.Equal(3, urls.Count); // the full-size copy and the web versions 480 and 960 wide
        foreach (var url in urls) TaggedPhoto.AssertClean(await client.GetByteArrayAsync(url), format, url);
        var original = await client.GetByteArrayAsync(urls[0]);
        Assert.Equal(original.LongLength, (await db.Media.SingleAsync()).Length);
    }

    [Fact]
    public async Task A_jpeg_that_needs_no_turning_is_served_full_size_with_exactly_its_pixels_and_none_of_its_metadata()
    {
        using var site = new SiteFactory(demoContent: false);
        using var client = site.CreatePlainClient();
        await client.GetPageAsync("/");
        var received = TaggedPhoto.Make("jpg", orientation: 1);
        var id = await ImportOnePhotoAsync(site, "P-8", "jpg", received);

        using var json = JsonDocument.Parse(await client.GetPageAsync($"/api/v1/exemplars/{id}"));
        var photoJson = json.RootElement.GetProperty("photos").EnumerateArray().Single();
        var originalUrl = photoJson.GetProperty("originalUrl").GetString()!;
        foreach (var url in photoJson.GetProperty("variants").EnumerateArray().Select(v => v.GetProperty("url").GetString()!).Prepend(originalUrl))
            TaggedPhoto.AssertClean(await client.GetByteArrayAsync(url), "jpg", url);

        // Not encoded again: the full-size copy decodes to the very pixels that were received.
        using var before = Image.NewFromBuffer(received);
        using var after = Image.NewFromBuffer(await client.GetByteArrayAsync(originalUrl));
        Assert.Equal(before.WriteToMemory<byte>(), after.WriteToMemory<byte>());
    }

    [Fact]
    public async Task Photos_an_earlier_version_stored_as_received_are_cleaned_at_start_under_the_same_urls_and_only_once()
    {
        var path = Path.Combine(Path.GetTempPath(), "guongsang-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            string[] urls;
            using (var first = new SiteFactory(demoContent: false, dataPath: path))
            {
                await first.CreatePlainClient().GetPageAsync("/");
                urls = await AddPhotosAsReceivedAsync(first, "jpg", "png");
                File.Delete(first.DataFolder.MediaCleanMarkerPath); // as a data folder of the earlier version has none
            }

            var served = new List<byte[]>();
            using (var upgraded = new SiteFactory(demoContent: false, dataPath: path))
            {
                using var client = upgraded.CreatePlainClient();
                await client.GetPageAsync("/");
                foreach (var (url, format) in urls.Zip(new[] { "jpg", "png" }))
                {
                    var bytes = await client.GetByteArrayAsync(url);
                    TaggedPhoto.AssertClean(bytes, format, url);
                    served.Add(bytes);
                }
                await using var db = upgraded.CreateDb();
                Assert.Equal(served.Select(b => b.LongLength), await db.Media.OrderBy(m => m.Id).Select(m => m.Length).ToListAsync());
            }

            // A clean file is left as it is, so a cleaning cut short and run again loses no quality.
            using (var again = new SiteFactory(demoContent: false, dataPath: path))
            {
                File.Delete(again.DataFolder.MediaCleanMarkerPath);
                using var client = again.CreatePlainClient();
                await client.GetPageAsync("/");
                foreach (var (url, bytes) in urls.Zip(served)) Assert.Equal(bytes, await client.GetByteArrayAsync(url));
                Assert.True(File.Exists(again.DataFolder.MediaCleanMarkerPath));
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(path, recursive: true);
        }
    }

    [Fact]
    public async Task A_data_folder_once_cleaned_is_not_scanned_again()
    {
        using var site = new SiteFactory(demoContent: false);
        await site.CreatePlainClient().GetPageAsync("/");
        Assert.True(File.Exists(site.DataFolder.MediaCleanMarkerPath));
        var url = (await AddPhotosAsReceivedAsync(site, "jpg")).Single();
        await using var db = site.CreateDb();

        Assert.Equal(0, await new MediaStore(site.DataFolder).CleanStoredFilesAsync(db, NullLogger.Instance));
        File.Delete(site.DataFolder.MediaCleanMarkerPath);
        Assert.Equal(1, await new MediaStore(site.DataFolder).CleanStoredFilesAsync(db, NullLogger.Instance));
        TaggedPhoto.AssertClean(File.ReadAllBytes(site.DataFolder.Resolve(url.TrimStart('/'))), "jpg", url);
    }

    [Fact]
    public async Task A_stored_jpeg_cut_short_is_still_cleaned_at_start()
    {
        using var site = new SiteFactory(demoContent: false);
        await site.CreatePlainClient().GetPageAsync("/");
        var url = (await AddPhotosAsReceivedAsync(site, "jpg")).Single();
        // An earlier version took a photo whose copy was interrupted near its end (the decoder reads what there is).
        var whole = TaggedPhoto.Make("jpg", orientation: 1);
        File.WriteAllBytes(site.DataFolder.Resolve(url.TrimStart('/')), whole[..(whole.Length * 9 / 10)]);
        File.Delete(site.DataFolder.MediaCleanMarkerPath);
        await using var db = site.CreateDb();

        Assert.Equal(1, await new MediaStore(site.DataFolder).CleanStoredFilesAsync(db, NullLogger.Instance));
        TaggedPhoto.AssertClean(File.ReadAllBytes(site.DataFolder.Resolve(url.TrimStart('/'))), "jpg", url);
    }

    /// <summary>An exemplar with photos written to disk byte for byte as an agency sent them, as earlier versions did; returns their URLs.</summary>
    private static async Task<string[]> AddPhotosAsReceivedAsync(SiteFactory site, params string[] formats)
    {
        await using var db = site.CreateDb();
        var movement = await db.Movements.AsTracking().OrderBy(m => m.SortOrder).FirstAsync();
        var now = DateTime.UtcNow;
        var exemplar = new Exemplar
        {
            Agency = new Agency { Code = "CU", Name = "Cơ quan cũ", Key = "co quan cu", CreatedAt = now },
            Movement = movement, Code = "CU-1", Kind = ExemplarKind.Individual,
            Name = "Người có ảnh cũ", Slug = "nguoi-co-anh-cu", NameKey = VietnameseText.Key("Người có ảnh cũ"),
            Summary = "Tóm tắt.", Status = ContentStatus.Published, PublishedAt = now, CreatedAt = now, UpdatedAt = now,
        };
        foreach (var (format, i) in formats.Select((f, i) => (f, i)))
        {
            var bytes = TaggedPhoto.Make(format);
            var storagePath = $"media/originals/ab/cu-{i}.{format}";
            var full = site.DataFolder.Resolve(storagePath);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            await File.WriteAllBytesAsync(full, bytes);
            exemplar.Photos.Add(new ExemplarPhoto
            {
                SortOrder = i,
                Media = new Media
                {
                    FileName = "cu." + format, ContentType = format == "png" ? "image/png" : "image/jpeg", Length = bytes.LongLength,
                    Sha256 = MediaStore.Sha256Of(bytes), Width = 1000, Height = 2000, StoragePath = storagePath, CreatedAt = now,
                },
            });
        }
        db.Exemplars.Add(exemplar);
        await db.SaveChangesAsync();
        return [.. formats.Select((f, i) => $"/media/originals/ab/cu-{i}.{f}")];
    }
}

/// <summary>
/// A photo shown upright as 1000 × 2000, red on top, blue below, with a Display P3 colour profile and
/// everything a camera or a phone writes about place and device. With EXIF orientation 6 (the default) it
/// is stored lying on its side (2000 × 1000, red on the left); with orientation 1 it is stored upright.
/// </summary>
internal static class TaggedPhoto
{
    private const string Serial = "GS-SERIAL-7731", MakerNote = "GS-MAKERNOTE-0042", XmpPlace = "GS-XMP-PLEIKU", IptcCity = "GS-IPTC-PLEIKU",
        JpegComment = "GS-COMMENT-IA-PA";

    public static byte[] Profile { get; } = (byte[])Operation.Call("profile_load", "p3");

    public static byte[] Make(string format, int orientation = 6)
    {
        using var red = Image.Black(1000, 1000, bands: 3) + new double[] { 255, 0, 0 };
        using var blue = Image.Black(1000, 1000, bands: 3) + new double[] { 0, 0, 255 };
        using var joined = red.Join(blue, orientation == 6 ? Enums.Direction.Horizontal : Enums.Direction.Vertical);
        // Grain, as in a real photo: encoding the pixels again cannot give back exactly the same ones.
        using var r = Image.Gaussnoise(joined.Width, joined.Height, sigma: 6, mean: 0, seed: 7);
        using var g = Image.Gaussnoise(joined.Width, joined.Height, sigma: 6, mean: 0, seed: 8);
        using var b = Image.Gaussnoise(joined.Width, joined.Height, sigma: 6, mean: 0, seed: 9);
        using var grain = r.Bandjoin(g, b);
        using var pixels = (joined + grain).Cast(Enums.BandFormat.Uchar);
        using var tagged = pixels.Mutate(m =>
        {
            m.Set(GValue.BlobType, "exif-data", Exif(orientation));
            m.Set(GValue.BlobType, "xmp-data", Encoding.UTF8.GetBytes(
                "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">" +
                "<rdf:Description xmlns:exif=\"http://ns.adobe.com/exif/1.0/\" xmlns:photoshop=\"http://ns.adobe.com/photoshop/1.0/\" " +
                $"exif:GPSLatitude=\"13,58.0N\" exif:GPSLongitude=\"108,30.0E\" photoshop:City=\"{XmpPlace}\"/></rdf:RDF></x:xmpmeta>"));
            m.Set(GValue.BlobType, "iptc-data", Iptc());
            m.Set(GValue.GStrType, "png-comment-0-Location", "Thon 3, xa Ia Pa");
            m.Set(GValue.BlobType, "icc-profile-data", Profile);
        });
        var bytes = format == "png" ? tagged.PngsaveBuffer(keep: Enums.ForeignKeep.All) : WithComment(tagged.JpegsaveBuffer(keep: Enums.ForeignKeep.All));
        // The photo really carries what must go (else the assertions below prove nothing).
        foreach (var planted in Planted(format)) Assert.True(Contains(bytes, planted), $"{planted} not written into the {format}");
        using var written = Image.NewFromBuffer(bytes);
        foreach (var field in new[] { "exif-data", "xmp-data", format == "png" ? "png-comment-" : "iptc-data" })
            Assert.Contains(written.GetFields(), f => f.StartsWith(field, StringComparison.Ordinal));
        return bytes;
    }

    /// <summary>Served bytes: no planted value, no metadata field, upright, the same colour profile.</summary>
    public static void AssertClean(byte[] served, string format, string url)
    {
        foreach (var planted in Planted(format)) Assert.False(Contains(served, planted), $"{url} still carries {planted}");
        using var image = Image.NewFromBuffer(served);
        Assert.DoesNotContain(image.GetFields(), f => f is "exif-data" or "xmp-data" or "iptc-data" || f.StartsWith("exif-", StringComparison.Ordinal) || f.Contains("comment", StringComparison.Ordinal));
        Assert.True(!image.Contains("orientation") || Convert.ToInt32(image.Get("orientation"), System.Globalization.CultureInfo.InvariantCulture) == 1, url);
        Assert.Equal(Profile, (byte[])image.Get("icc-profile-data"));
        Assert.True(image.Height > image.Width, $"{url} is {image.Width} × {image.Height}: not turned upright");
        var top = image.Getpoint(image.Width / 2, image.Height / 4);
        var bottom = image.Getpoint(image.Width / 2, image.Height * 3 / 4);
        Assert.True(top[0] > 200 && top[2] < 60 && bottom[2] > 200 && bottom[0] < 60, $"{url}: top {string.Join(',', top)}, bottom {string.Join(',', bottom)}");
    }

    /// <summary>Values readable in the file's bytes: PNG has no IPTC block and compresses its text (XMP, comments).</summary>
    private static string[] Planted(string format) =>
        format == "png" ? [Serial, MakerNote] : [Serial, MakerNote, XmpPlace, IptcCity, JpegComment];

    private static bool Contains(byte[] bytes, string text) => bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(text)) >= 0;

    /// <summary>A JPEG comment (COM segment) right after the start of the image: libvips writes none.</summary>
    private static byte[] WithComment(byte[] jpeg) =>
        [.. jpeg.AsSpan(0, 2), 0xFF, 0xFE, 0, (byte)(2 + JpegComment.Length), .. Encoding.ASCII.GetBytes(JpegComment), .. jpeg.AsSpan(2)];

    /// <summary>IPTC City in a Photoshop resource block, as JPEG's APP13 carries it.</summary>
    private static byte[] Iptc()
    {
        byte[] dataset = [0x1C, 2, 90, 0, (byte)IptcCity.Length, .. Encoding.ASCII.GetBytes(IptcCity)];
        byte[] block = [.. "Photoshop 3.0\0"u8, .. "8BIM"u8, 0x04, 0x04, 0, 0, 0, 0, 0, (byte)dataset.Length, .. dataset];
        return dataset.Length % 2 == 0 ? block : [.. block, 0];
    }

    /// <summary>
    /// EXIF built by hand (libvips cannot set a maker note): the orientation, a maker note and the body
    /// serial number, and a GPS position in Gia Lai.
    /// </summary>
    private static byte[] Exif(int orientation)
    {
        static byte[] Longs(params uint[] values)
        {
            var b = new byte[values.Length * 4];
            for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(i * 4), values[i]);
            return b;
        }
        // (tag, TIFF type, count, value); the pointers to the EXIF and GPS directories are filled in below.
        List<(ushort Tag, ushort Type, uint Count, byte[] Value)>[] directories =
        [
            [(0x0112, 3, 1, [(byte)orientation, 0, 0, 0]), (0x8769, 4, 1, []), (0x8825, 4, 1, [])],
            [(0x927C, 7, (uint)MakerNote.Length, Encoding.ASCII.GetBytes(MakerNote)), (0xA431, 2, (uint)Serial.Length + 1, [.. Encoding.ASCII.GetBytes(Serial), 0])],
            [(0x0001, 2, 2, [(byte)'N', 0, 0, 0]), (0x0002, 5, 3, Longs(13, 1, 58, 1, 0, 1)), (0x0003, 2, 2, [(byte)'E', 0, 0, 0]), (0x0004, 5, 3, Longs(108, 1, 30, 1, 0, 1))],
        ];
        var offsets = new int[directories.Length];
        var end = 8;
        for (var i = 0; i < directories.Length; i++)
        {
            offsets[i] = end;
            end += 2 + directories[i].Count * 12 + 4;
        }
        var tiff = new byte[end + 256];
        "II*\0"u8.CopyTo(tiff);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(4), 8);
        for (var i = 0; i < directories.Length; i++)
        {
            var at = offsets[i];
            BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(at), (ushort)directories[i].Count);
            at += 2;
            foreach (var (tag, type, count, value) in directories[i])
            {
                BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(at), tag);
                BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(at + 2), type);
                BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(at + 4), count);
                var bytes = tag switch { 0x8769 => Longs((uint)offsets[1]), 0x8825 => Longs((uint)offsets[2]), _ => value };
                if (bytes.Length <= 4)
                {
                    bytes.CopyTo(tiff.AsSpan(at + 8));
                }
                else
                {
                    BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(at + 8), (uint)end);
                    bytes.CopyTo(tiff.AsSpan(end));
                    end += bytes.Length + (bytes.Length & 1);
                }
                at += 12;
            }
        }
        return [.. "Exif\0\0"u8, .. tiff.AsSpan(0, end)];
    }
}
