using System.Text;
using GuongSang.Content.Storage;
using NetVips;

namespace GuongSang.Content.Tests;

public sealed class JpegMarkersTests
{
    private static readonly byte[] Profile = (byte[])Operation.Call("profile_load", "p3");

    /// <summary>
    /// A small JPEG with a colour profile (written by libvips), then by hand: a JFIF header with a thumbnail,
    /// EXIF, XMP, IPTC, a comment, a maker's APP3 segment, and a preview appended after the end of the image.
    /// </summary>
    private static byte[] TaggedJpeg()
    {
        using var noise = Image.Gaussnoise(64, 48, seed: 3);
        using var colour = noise.Bandjoin(noise.Rot180(), noise.FlipHor()).Cast(Enums.BandFormat.Uchar);
        using var profiled = colour.Mutate(m => m.Set(GValue.BlobType, "icc-profile-data", Profile));
        var jpeg = profiled.JpegsaveBuffer(keep: Enums.ForeignKeep.Icc);
        // JFIF 1.01, no density unit, 1 × 2 thumbnail of 3-byte pixels.
        byte[] jfif = [.. "JFIF\0"u8, 1, 1, 0, 0, 1, 0, 1, 1, 2, .. "GSTHUM"u8];
        // An empty TIFF directory, then the serial where a reader would find it through an offset.
        byte[] exif = [.. "Exif\0\0II*\0"u8, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, .. "GS-EXIF-SERIAL"u8];
        return
        [
            0xFF, 0xD8,
            .. Segment(0xE0, jfif),
            .. Segment(0xE1, exif),
            .. Segment(0xE1, [.. "http://ns.adobe.com/xap/1.0/\0"u8, .. "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">GS-XMP-PLACE</x:xmpmeta>"u8]),
            .. Segment(0xED, [.. "Photoshop 3.0\08BIM"u8, 4, 4, 0, 0, 0, 0, 0, 12, .. "GS-IPTC-CITY"u8]),
            .. Segment(0xFE, "GS-COMMENT"u8.ToArray()),
            .. Segment(0xE3, "GS-MAKER-03"u8.ToArray()),
            .. jpeg.AsSpan(2),
            0xFF, 0xD8, .. "GS-PREVIEW-AFTER-EOI"u8,
        ];

        static byte[] Segment(byte marker, byte[] payload) => [0xFF, marker, (byte)((payload.Length + 2) >> 8), (byte)(payload.Length + 2), .. payload];
    }

    private static readonly string[] Planted = ["GS-EXIF-SERIAL", "GS-XMP-PLACE", "GS-IPTC-CITY", "GSTHUM", "GS-COMMENT", "GS-MAKER-03", "GS-PREVIEW"];

    [Fact]
    public void Metadata_segments_and_what_follows_the_image_are_dropped_and_the_pixels_and_profile_kept()
    {
        var received = TaggedJpeg();
        foreach (var planted in Planted) Assert.True(Contains(received, planted), $"{planted} not planted");

        var clean = JpegMarkers.Strip(received);

        foreach (var planted in Planted) Assert.False(Contains(clean, planted), $"{planted} kept");
        Assert.Equal([0xFF, 0xD9], clean[^2..]);
        Assert.True(Contains(clean, "JFIF\0"), "JFIF header dropped");
        using var before = Image.NewFromBuffer(received);
        using var after = Image.NewFromBuffer(clean);
        Assert.DoesNotContain(after.GetFields(), f => f is "exif-data" or "xmp-data" or "iptc-data" || f.Contains("comment", StringComparison.Ordinal));
        Assert.Equal(Profile, (byte[])after.Get("icc-profile-data"));
        Assert.Equal(before.WriteToMemory<byte>(), after.WriteToMemory<byte>());
        // Nothing else moved: a clean JPEG comes out unchanged.
        Assert.Equal(clean, JpegMarkers.Strip(clean));
    }

    [Fact]
    public void Every_truncation_of_a_jpeg_is_refused()
    {
        var jpeg = JpegMarkers.Strip(TaggedJpeg());
        for (var length = 0; length < jpeg.Length; length++)
            Assert.Throws<InvalidDataException>(() => JpegMarkers.Strip(jpeg.AsSpan(0, length)));
    }

    [Theory]
    [InlineData("FFD8 FFE1 0001 FFD9", "độ dài đoạn 1")] // a segment shorter than its own length field
    [InlineData("FFD8 FFE1 0010 0000", "cắt ngang")] // a segment longer than the file
    [InlineData("FFD8 00 FFD9", "thiếu dấu đoạn")] // a data byte where a marker must be
    [InlineData("FFD8 FFD9", "kết thúc trước khi có dữ liệu ảnh")] // no scan at all
    [InlineData("FFD8 FFD8 FFD9", "dấu 0xD8")] // a second start of image
    [InlineData("FFD8 FFD0 FFD9", "dấu 0xD0")] // a restart outside a scan
    [InlineData("FFD9 FFD8", "SOI")] // not a JPEG start
    public void A_broken_segment_structure_is_refused_saying_where(string hex, string reason)
    {
        var bytes = Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));
        var e = Assert.Throws<InvalidDataException>(() => JpegMarkers.Strip(bytes));
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Corrupted_bytes_are_either_read_or_refused_never_read_past()
    {
        var jpeg = TaggedJpeg();
        var random = new Random(12);
        for (var i = 0; i < 2000; i++)
        {
            var corrupt = (byte[])jpeg.Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--) corrupt[random.Next(corrupt.Length)] = (byte)random.Next(256);
            try
            {
                var clean = JpegMarkers.Strip(corrupt);
                Assert.True(clean.Length <= corrupt.Length);
            }
            catch (InvalidDataException)
            {
                // Refused: what a broken photo gets.
            }
        }
    }

    private static bool Contains(byte[] bytes, string text) => bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(text)) >= 0;
}
