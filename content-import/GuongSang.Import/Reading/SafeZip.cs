using System.IO.Compression;

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

    public static List<string> Extract(string zipPath, string targetFolder, long maxUnpackedBytes = MaxUnpackedBytes, CancellationToken ct = default)
    {
        ZipArchive archive;
        try
        {
            archive = ZipFile.OpenRead(zipPath);
        }
        catch (InvalidDataException e)
        {
            throw new ImportRejectedException("tệp .zip bị hỏng, không mở được (" + e.Message + ")");
        }
        using (archive)
        {
            if (archive.Entries.Count > MaxEntries)
                throw new ImportRejectedException($"gói có {archive.Entries.Count} mục, nhiều hơn giới hạn {MaxEntries}");
            var root = Path.GetFullPath(targetFolder);
            Directory.CreateDirectory(root);
            var declared = 0L;
            // Check every entry before writing anything: a package with one bad entry is refused whole.
            var plan = new List<(ZipArchiveEntry Entry, string Target)>();
            foreach (var entry in archive.Entries)
            {
                var name = entry.FullName;
                if (name.Contains('\\', StringComparison.Ordinal)) name = name.Replace('\\', '/');
                if (name.StartsWith('/') || (name.Length > 1 && name[1] == ':') || Path.IsPathRooted(name))
                    throw new ImportRejectedException($"mục \"{entry.FullName}\" trong gói có đường dẫn tuyệt đối: gói bị từ chối");
                if (name.Split('/').Any(part => part == ".."))
                    throw new ImportRejectedException($"mục \"{entry.FullName}\" trong gói trỏ ra ngoài thư mục (\"../\"): gói bị từ chối");
                // Unix mode bits in the high word: 0xA000 is a symbolic link.
                var unixMode = (entry.ExternalAttributes >> 16) & 0xF000;
                if (unixMode == 0xA000)
                    throw new ImportRejectedException($"mục \"{entry.FullName}\" trong gói là liên kết (symlink): gói bị từ chối");
                var target = Path.GetFullPath(Path.Combine(root, name));
                if (!target.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                    throw new ImportRejectedException($"mục \"{entry.FullName}\" trong gói trỏ ra ngoài thư mục: gói bị từ chối");
                declared += entry.Length;
                if (declared > maxUnpackedBytes)
                    throw new ImportRejectedException($"gói giải nén ra hơn {maxUnpackedBytes / (1 << 20)} MiB: gói bị từ chối");
                if (name.EndsWith('/')) continue;
                plan.Add((entry, target));
            }

            var written = 0L;
            var files = new List<string>();
            var buffer = new byte[81920];
            foreach (var (entry, target) in plan)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
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
                files.Add(target);
            }
            return files;
        }
    }
}
