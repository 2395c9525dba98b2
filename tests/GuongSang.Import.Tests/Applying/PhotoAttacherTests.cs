using GuongSang.Content.Storage;
using GuongSang.Import.Applying;

namespace GuongSang.Import.Tests.Applying;

public class PhotoAttacherTests
{
    private static byte[] Jpeg(double red)
    {
        using var image = (NetVips.Image.Black(64, 48, bands: 3) + new[] { red, 120, 200 }).Cast(NetVips.Enums.BandFormat.Uchar);
        return image.JpegsaveBuffer();
    }

    private static (PhotoFolder Folder, string Root) Folder(PartsBed bed, params (string Name, byte[] Bytes)[] files)
    {
        var root = Path.Combine(bed.Bed.Root, "goi");
        foreach (var (name, bytes) in files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(root, name))!);
            File.WriteAllBytes(Path.Combine(root, name), bytes);
        }
        return (new PhotoFolder(root, depth: 8), root);
    }

    [Fact]
    public async Task A_row_without_photo_names_gets_the_photos_named_after_its_code_in_order()
    {
        await using var bed = await PartsBed.CreateAsync();
        var (folder, _) = Folder(bed, ("anh/P-7-2.jpg", Jpeg(10)), ("anh/P-7.jpg", Jpeg(20)), ("anh/P-70.jpg", Jpeg(30)));
        var photos = new PhotoAttacher(bed.Context, new MediaStore(bed.Bed.Data), folder);
        var draft = PartsBed.Draft("P-7");

        await photos.StartAsync([draft], [], default);
        await photos.ReadyAsync();
        var (media, bad) = photos.ForRow(draft);

        Assert.Null(bad);
        Assert.Equal(["anh/P-7-2.jpg", "anh/P-7.jpg"], draft.PhotoNames);
        Assert.Equal(2, media.Count);
        Assert.Contains("Ảnh theo mã hồ sơ: anh/P-7-2.jpg, anh/P-7.jpg", draft.Report.Messages);
    }

    [Fact]
    public async Task Two_names_with_the_same_bytes_are_one_photo_and_a_photo_that_is_no_image_rejects_its_row()
    {
        await using var bed = await PartsBed.CreateAsync();
        var bytes = Jpeg(40);
        var (folder, _) = Folder(bed, ("a.jpg", bytes), ("b/a-copy.jpg", bytes), ("gia.jpg", "<html>not a photo</html>"u8.ToArray()));
        var photos = new PhotoAttacher(bed.Context, new MediaStore(bed.Bed.Data), folder);
        var twice = PartsBed.Draft("T-1", photos: ["a.jpg", "b/a-copy.jpg", "khong-co.jpg"]);
        var fake = PartsBed.Draft("T-2", photos: ["gia.jpg"]);

        await photos.StartAsync([twice, fake], [], default);
        await photos.ReadyAsync();

        var (media, bad) = photos.ForRow(twice);
        Assert.Null(bad);
        Assert.Single(media);
        Assert.Contains("Không tìm thấy ảnh \"khong-co.jpg\" (cột Ảnh); bỏ qua ảnh này", twice.Report.Messages);
        var (none, fakeBad) = photos.ForRow(fake);
        Assert.Empty(none);
        Assert.Equal("gia.jpg", fakeBad!.Value.Name);
        Assert.Contains("HTML", fakeBad.Value.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task New_photos_no_row_used_are_removed_after_the_commit_and_every_written_file_after_a_failure()
    {
        await using var bed = await PartsBed.CreateAsync();
        var (folder, _) = Folder(bed, ("used.jpg", Jpeg(50)), ("unused.jpg", Jpeg(60)));
        var used = PartsBed.Draft("U-1", photos: ["used.jpg"]);
        var flagged = PartsBed.Draft("U-2", photos: ["unused.jpg"]);
        var photos = new PhotoAttacher(bed.Context, new MediaStore(bed.Bed.Data), folder);
        await photos.StartAsync([used, flagged], [], default);
        await photos.ReadyAsync();
        var kept = Assert.Single(photos.ForRow(used).Media);

        photos.DropUnused();

        var left = bed.Bed.MediaFiles().Select(f => Path.GetRelativePath(bed.Bed.Data.Root, f).Replace('\\', '/')).ToHashSet();
        Assert.Equal(kept.Variants.Select(v => v.StoragePath).Prepend(kept.StoragePath).ToHashSet(), left);

        await photos.DropAllAsync();
        Assert.Empty(bed.Bed.MediaFiles());
    }
}
