using System.IO.Compression;
using System.Xml;

namespace GuongSang.Import.Reading;

/// <summary>
/// An .xlsx or .docx opened as the zip it is, checked before any Office parser touches it: how many
/// entries, how big each XML part unpacks (counted, not trusted from the header) and how deep its
/// elements nest. The Open Xml SDK builds a part's tree recursively, so a few kilobytes nesting an
/// element 100,000 deep would end the process with a stack overflow, which no catch can stop.
/// </summary>
public sealed class OfficePackage : IDisposable
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    private readonly ZipArchive _zip;
    private readonly string _kind;
    private readonly CancellationToken _ct;

    private OfficePackage(ZipArchive zip, string kind, CancellationToken ct)
    {
        _zip = zip;
        _kind = kind;
        _ct = ct;
    }

    /// <summary>Opens the package and checks its entries' count and declared sizes; <paramref name="kind"/> names it in messages ("tệp Excel").</summary>
    public static OfficePackage Open(string path, string kind, CancellationToken ct)
    {
        var zip = SafeZip.Open(path, $"{kind} bị hỏng hoặc bị cắt ngang, không mở được");
        var package = new OfficePackage(zip, kind, ct);
        try
        {
            package.CheckEntries();
        }
        catch
        {
            zip.Dispose();
            throw;
        }
        return package;
    }

    private void CheckEntries()
    {
        if (_zip.Entries.Count > ReadLimits.MaxPackageEntries)
            throw new ImportRejectedException($"{_kind} có {_zip.Entries.Count} phần bên trong, nhiều hơn giới hạn {ReadLimits.MaxPackageEntries}");
        var total = 0L;
        foreach (var entry in _zip.Entries)
        {
            if (IsXml(entry) && entry.Length > LimitOf(entry)) throw TooLarge(entry);
            total += entry.Length;
            if (total > ReadLimits.MaxPackageUnpackedBytes)
                throw new ImportRejectedException($"{_kind} giải nén ra hơn {ReadLimits.Describe(ReadLimits.MaxPackageUnpackedBytes)} (giới hạn)");
        }
    }

    /// <summary>The entry at a package path ("xl/workbook.xml", "/xl/worksheets/sheet1.xml"), or null.</summary>
    public ZipArchiveEntry? Entry(string partPath) => _zip.GetEntry(partPath.TrimStart('/'));

    /// <summary>Reads every XML part through to its end: sizes and nesting checked before an Office parser builds a tree.</summary>
    public void CheckXmlParts()
    {
        foreach (var entry in _zip.Entries.Where(IsXml))
        {
            try
            {
                using var reader = OpenXml(entry);
                while (Read(reader, entry))
                {
                }
            }
            // Broken XML, or packed bytes that do not unpack: the library's words go to the log, the part's name to the sender.
            catch (Exception e) when (e is XmlException or InvalidDataException)
            {
                throw new ImportRejectedException($"{_kind} bị hỏng, không mở được (phần \"{entry.FullName}\" không đọc được)", e);
            }
        }
    }

    /// <summary>An XML reader over one part, failing past the part's size bound; read it with <see cref="Read"/>.</summary>
    public XmlReader OpenXml(ZipArchiveEntry entry)
    {
        var limit = LimitOf(entry);
        var stream = new BoundedStream(entry.Open(), limit, () => TooLarge(entry), _ct);
        return XmlReader.Create(stream, Settings);
    }

    /// <summary>The next node, refusing nesting deeper than <see cref="ReadLimits.MaxXmlDepth"/>.</summary>
    public bool Read(XmlReader reader, ZipArchiveEntry entry)
    {
        if (!reader.Read()) return false;
        if (reader.Depth > ReadLimits.MaxXmlDepth)
            throw new ImportRejectedException(
                $"phần \"{entry.FullName}\" bên trong {_kind} lồng các thẻ sâu hơn {ReadLimits.MaxXmlDepth} cấp: không phải tài liệu thật, tệp bị từ chối");
        return true;
    }

    private static bool IsXml(ZipArchiveEntry entry) =>
        entry.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || entry.FullName.EndsWith(".rels", StringComparison.OrdinalIgnoreCase);

    // A worksheet is streamed row by row; every other part may be held whole.
    private static long LimitOf(ZipArchiveEntry entry) =>
        entry.FullName.StartsWith("xl/worksheets/", StringComparison.OrdinalIgnoreCase) ? ReadLimits.MaxSheetPartBytes : ReadLimits.MaxXmlPartBytes;

    private ImportRejectedException TooLarge(ZipArchiveEntry entry) =>
        new($"phần \"{entry.FullName}\" bên trong {_kind} giải nén ra hơn {ReadLimits.Describe(LimitOf(entry))} (giới hạn): tệp bị từ chối");

    public void Dispose() => _zip.Dispose();
}
