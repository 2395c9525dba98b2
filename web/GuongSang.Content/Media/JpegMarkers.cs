using System.Buffers.Binary;

namespace GuongSang.Content.Storage;

/// <summary>
/// Removes metadata from a JPEG without decoding it: the marker segments are copied or dropped and the
/// compressed scans copied byte for byte, so the pixels are exactly those received. Kept: the JFIF header
/// (without its thumbnail), the ICC colour profile (APP2 "ICC_PROFILE"), the Adobe colour-transform flag
/// (APP14) and everything the decoder needs (tables, frame, scans). Dropped: every other application
/// segment (EXIF with GPS, serial, maker notes and thumbnail; XMP; IPTC; maker data), comments, and
/// whatever follows the end of the image (phones append previews and depth maps there).
/// No codec library offers this alone: jpegtran-like transcoders decode the entropy coding.
/// </summary>
internal static class JpegMarkers
{
    private const byte Soi = 0xD8, Eoi = 0xD9, Sos = 0xDA, App0 = 0xE0, App2 = 0xE2, App14 = 0xEE, Com = 0xFE;

    /// <summary>The JFIF header's fields up to the thumbnail's size, which the copy sets to 0 × 0.</summary>
    private const int JfifPayload = 14;

    /// <summary>
    /// The same image, metadata removed. Walks every segment to the end of the image, bounds-checked, and
    /// throws <see cref="InvalidDataException"/> (reason in Vietnamese) for a structure that is not a
    /// whole JPEG: a length past the end, a byte where a marker must be, no scan, or no end of image.
    /// </summary>
    public static byte[] Strip(ReadOnlySpan<byte> jpeg)
    {
        if (jpeg.Length < 4 || jpeg[0] != 0xFF || jpeg[1] != Soi) throw Malformed("không bắt đầu bằng dấu SOI", 0);
        var output = new byte[jpeg.Length];
        var written = 0;
        Write(jpeg[..2]);
        var at = 2;
        var scans = 0;
        while (true)
        {
            if (at >= jpeg.Length) throw Truncated();
            if (jpeg[at] != 0xFF) throw Malformed("thiếu dấu đoạn", at);
            // Any number of 0xFF may pad the space before a marker.
            while (at < jpeg.Length && jpeg[at] == 0xFF) at++;
            if (at >= jpeg.Length) throw Truncated();
            var marker = jpeg[at];
            var start = at - 1;
            at++;
            if (marker == Eoi)
            {
                if (scans == 0) throw Malformed("kết thúc trước khi có dữ liệu ảnh", start);
                Write([0xFF, Eoi]);
                return output[..written];
            }
            if (marker is 0x00 or Soi or (>= 0xD0 and <= 0xD7) or 0x01) throw Malformed($"dấu 0x{marker:X2} không đúng chỗ", start);
            if (at + 2 > jpeg.Length) throw Truncated();
            var length = BinaryPrimitives.ReadUInt16BigEndian(jpeg[at..]);
            if (length < 2) throw Malformed($"độ dài đoạn {length} không hợp lệ", start);
            if (at + length > jpeg.Length) throw Truncated();
            var payload = jpeg.Slice(at + 2, length - 2);
            at += length;

            switch (marker)
            {
                case App0 when payload.Length >= JfifPayload && payload.StartsWith("JFIF\0"u8):
                    Write([0xFF, App0, 0, 2 + JfifPayload]);
                    Write(payload[..(JfifPayload - 2)]);
                    Write([0, 0]);
                    break;
                case App2 when payload.StartsWith("ICC_PROFILE\0"u8):
                case App14 when payload.StartsWith("Adobe"u8):
                    Write(jpeg[start..at]);
                    break;
                case >= App0 and <= 0xEF or Com:
                    break;
                case Sos:
                    Write(jpeg[start..at]);
                    var scanEnd = EndOfScan(jpeg, at);
                    Write(jpeg[at..scanEnd]);
                    at = scanEnd;
                    scans++;
                    break;
                default:
                    Write(jpeg[start..at]);
                    break;
            }
        }

        void Write(ReadOnlySpan<byte> bytes)
        {
            bytes.CopyTo(output.AsSpan(written));
            written += bytes.Length;
        }
    }

    /// <summary>Where the compressed data that follows a scan header ends: at the first marker other than a stuffed 0xFF00 or a restart.</summary>
    private static int EndOfScan(ReadOnlySpan<byte> jpeg, int at)
    {
        while (true)
        {
            var next = jpeg[at..].IndexOf((byte)0xFF);
            if (next < 0) throw Truncated();
            at += next;
            if (at + 1 >= jpeg.Length) throw Truncated();
            var following = jpeg[at + 1];
            if (following == 0x00 || following is >= 0xD0 and <= 0xD7) at += 2;
            else if (following == 0xFF) at++;
            else return at;
        }
    }

    private static InvalidDataException Truncated() => new("tệp JPEG bị cắt ngang, thiếu phần cuối");

    private static InvalidDataException Malformed(string what, int offset) => new($"cấu trúc JPEG sai ở byte {offset}: {what}");
}
