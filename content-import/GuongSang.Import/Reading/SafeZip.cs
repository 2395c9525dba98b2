using System.IO.Compression;
using System.Text;

namespace GuongSang.Import.Reading;

/// <summary>
/// Unpacks an agency's package into the import's own work folder, refusing anything that could
/// write elsewhere or fill the disk: paths that climb out ("../"), absolute paths, links,
/// too many entries, too many bytes (counted while unpacking, not trusted from the header).
/// </summary>
public static class SafeZip
{
    public const int MaxEntries = 2000;
    public const long MaxUnpackedBytes = 1L << 30;

    /// <summary>Longest name of one folder or file in an entry's path (what common file systems allow).</summary>
    public const int MaxNamePartBytes = 255;

    /// <summary>Longest entry path, so it unpacks under any data folder.</summary>
    public const int MaxEntryNameLength = 1024;

    /// <summary>How much of an entry's name a message repeats.</summary>
    private const int ShownNameLength = 120;

    public static List<string> Extract(string zipPath, string targetFolder, long maxUnpackedBytes = MaxUnpackedBytes, CancellationToken ct = default)
    {
        using (var archive = Open(zipPath, "tệp .zip bị hỏng, không mở được"))
        {
            if (archive.Entries.Count > MaxEntries)
                throw new ImportRejectedException($"gói có {archive.Entries.Count} mục, nhiều hơn giới hạn {MaxEntries}");
            var root = Path.GetFullPath(targetFolder);
            Directory.CreateDirectory(root);
            var declared = 0L;
            // Check every entry before writing anything: a package with one bad entry is refused whole.
            // Messages name the entry as the agency wrote it, never the folder it would be unpacked to.
            var plan = new List<(ZipArchiveEntry Entry, string Target)>();
            // Photos are found by name whatever the case, and some file systems ignore case: "Anh.jpg" and "anh.jpg" are one file.
            var seenFiles = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var folders = new Dictionary<string, ZipArchiveEntry>(StringComparer.OrdinalIgnoreCase);
            foreach (var entry in archive.Entries)
            {
                var shown = Shown(entry.FullName);
                var name = entry.FullName;
                if (name.Contains('\\', StringComparison.Ordinal)) name = name.Replace('\\', '/');
                if (name.StartsWith('/') || (name.Length > 1 && name[1] == ':') || Path.IsPathRooted(name))
                    throw new ImportRejectedException($"mục \"{shown}\" trong gói có đường dẫn tuyệt đối: gói bị từ chối");
                if (name.Split('/').Any(part => part == ".."))
                    throw new ImportRejectedException($"mục \"{shown}\" trong gói trỏ ra ngoài thư mục (\"../\"): gói bị từ chối");
                if (name.Length > MaxEntryNameLength || name.Split('/').Any(part => Encoding.UTF8.GetByteCount(part) > MaxNamePartBytes))
                {
                    throw new ImportRejectedException(
                        $"mục \"{shown}\" trong gói có tên quá dài (tối đa {MaxNamePartBytes} byte cho mỗi tên thư mục hay tệp, {MaxEntryNameLength} ký tự cho cả đường dẫn): gói bị từ chối");
                }
                // Unix mode bits in the high word: 0xA000 is a symbolic link.
                var unixMode = (entry.ExternalAttributes >> 16) & 0xF000;
                if (unixMode == 0xA000)
                    throw new ImportRejectedException($"mục \"{shown}\" trong gói là liên kết (symlink): gói bị từ chối");
                var target = Path.GetFullPath(Path.Combine(root, name));
                if (!target.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                    throw new ImportRejectedException($"mục \"{shown}\" trong gói trỏ ra ngoài thư mục: gói bị từ chối");
                declared += entry.Length;
                if (declared > maxUnpackedBytes)
                    throw new ImportRejectedException($"gói giải nén ra hơn {maxUnpackedBytes / (1 << 20)} MiB: gói bị từ chối");
                var isFolder = name.EndsWith('/');
                target = target.TrimEnd(Path.DirectorySeparatorChar);
                if (!isFolder && !seenFiles.Add(target))
                    throw new ImportRejectedException($"gói có hai mục cùng tên \"{shown}\" (chữ hoa và chữ thường được coi là như nhau): gói bị từ chối");
                for (var folder = isFolder ? target : Path.GetDirectoryName(target)!; folder.Length > root.Length; folder = Path.GetDirectoryName(folder)!)
                    folders.TryAdd(folder, entry);
                if (!isFolder) plan.Add((entry, target));
            }
            // "a" as a file and "a/b.csv" inside a folder "a" cannot both be unpacked.
            if (plan.FirstOrDefault(p => folders.ContainsKey(p.Target)) is { Entry: not null } clash)
            {
                throw new ImportRejectedException(
                    $"mục \"{Shown(clash.Entry.FullName)}\" trong gói trùng tên với thư mục chứa mục \"{Shown(folders[clash.Target].FullName)}\": gói bị từ chối");
            }

            var written = 0L;
            var files = new List<string>();
            var buffer = new byte[81920];
            foreach (var (entry, target) in plan)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                try
                {
                    using var input = entry.Open();
                    using var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write);
                    int read;
                    while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
                    {
                        ct.ThrowIfCancellationRequested();
                        written += read;
                        if (written > maxUnpackedBytes)
                            throw new ImportRejectedException($"gói giải nén ra hơn {maxUnpackedBytes / (1 << 20)} MiB: gói bị từ chối");
                        output.Write(buffer, 0, read);
                    }
                }
                catch (InvalidDataException e)
                {
                    // Packed bytes that do not unpack (damaged, or an unknown method): the library's words go to the log.
                    throw new ImportRejectedException($"mục \"{Shown(entry.FullName)}\" trong gói bị hỏng, không giải nén được: gói bị từ chối", e);
                }
                files.Add(target);
            }
            return files;
        }
    }

    /// <summary>
    /// Opens a zip and reads its central directory, refusing a damaged one with <paramref name="corrupt"/>: the
    /// directory is read when the entries are first asked for, so a damaged one fails there, not on opening.
    /// </summary>
    public static ZipArchive Open(string zipPath, string corrupt)
    {
        ZipArchive? archive = null;
        try
        {
            archive = ZipFile.OpenRead(zipPath);
            _ = archive.Entries;
            return archive;
        }
        catch (InvalidDataException e)
        {
            archive?.Dispose();
            throw new ImportRejectedException(corrupt, e);
        }
    }

    /// <summary>An entry's name for a message: as the agency wrote it, cut short when it is very long.</summary>
    private static string Shown(string entryName) =>
        entryName.Length <= ShownNameLength ? entryName : entryName[..ShownNameLength] + "…";
}
