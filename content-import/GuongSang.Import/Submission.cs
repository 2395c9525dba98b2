using GuongSang.Content.Markdown;
using GuongSang.Content.Model;
using GuongSang.Content.Text;
using GuongSang.Import.Mapping;
using GuongSang.Import.Privacy;
using GuongSang.Import.Reading;

namespace GuongSang.Import;

/// <summary>What one file (or package) holds, read and normalised, before anything is written.</summary>
internal sealed class Submission
{
    public string? Encoding { get; set; }
    public string Format { get; set; } = "";
    public List<SubmittedTable> Tables { get; } = [];
    public List<SubmittedArticle> Articles { get; } = [];
    public required PhotoFolder Photos { get; init; }
}

/// <summary>A list table with its columns found, and where it came from.</summary>
internal sealed record SubmittedTable(SourceTable Table, ColumnMap Map, SourceRef Origin);

/// <summary>An article and where it came from.</summary>
internal sealed record SubmittedArticle(ArticleSource Article, SourceRef Origin);

/// <summary>
/// One approved, valid row, normalised: what the exemplar should look like. Every text says whether readers
/// can see it; <see cref="Redactor.RedactFields"/> masks personal data in all that they can.
/// </summary>
internal sealed class ExemplarDraft
{
    public required RowReport Report { get; init; }

    [NotPublished("a key for re-imports: a code holding personal data refuses its row instead (RowNormaliser)")]
    public required string Code { get; init; }

    public required ExemplarKind Kind { get; init; }

    [Published(Field.Name)]
    public required string Name { get; set; }

    [Published(Field.Gender)]
    public string? Gender { get; set; }

    public int? BirthYear { get; init; }

    [Published(Field.Ethnicity)]
    public string? Ethnicity { get; set; }

    [Published(Field.Position)]
    public string? Position { get; set; }

    [Published(Field.Address, IsAddress = true)]
    public string? Address { get; set; }

    [Published(Field.Area)]
    public string? Area { get; set; }

    /// <summary>A new movement is made from it: its name, page and URL.</summary>
    [Published(Field.Movement)]
    public required string MovementName { get; set; }

    [Published(Field.Summary)]
    public string Summary { get; set; } = "";

    [Published(Field.Body)]
    public string Body { get; set; } = "";

    [Published(Field.Award)]
    public string? Award { get; set; }

    [Published(Field.DecisionNumber)]
    public string? DecisionNumberAsWritten { get; set; }

    public string? DecisionNumber => Content.Text.DecisionNumber.Normalize(DecisionNumberAsWritten);

    public DateOnly? DecisionDate { get; init; }

    [Published(Field.Issuer)]
    public string? Issuer { get; set; }

    /// <summary>A new agency is made from it: its name and code (a URL's part).</summary>
    [Published(Field.Agency)]
    public string? AgencyName { get; set; }

    [NotPublished("the private contact: staff only")]
    public string? PrivateContact { get; init; }

    [NotPublished("file names to find the photos by; pages show the photos, not these names")]
    public List<string> PhotoNames { get; init; } = [];

    [NotPublished("a file name to find the article by")]
    public string? ArticleName { get; init; }

    [NotPublished("the file and row, for staff")]
    public required string SourceFile { get; init; }

    public required int SourceRow { get; init; }
}

/// <summary>Turns a table's rows into drafts and per-row reports.</summary>
internal static class RowNormaliser
{
    public static List<ExemplarDraft> Normalise(SubmittedTable submitted, FileReport report)
    {
        var (table, map, origin) = submitted;
        var drafts = new List<ExemplarDraft>();
        var seenCodes = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var dataRows = table.Header is null ? table.Rows.Skip(map.HeaderRowIndex + 1) : table.Rows;
        foreach (var row in dataRows)
        {
            string? Get(Field f) => map.Index.TryGetValue(f, out var i) && i < row.Cells.Length ? ValueParsers.Text(row.Cells[i]) : null;
            object? Raw(Field f) => map.Index.TryGetValue(f, out var i) && i < row.Cells.Length ? row.Cells[i] : null;

            var code = Get(Field.Code);
            var name = Get(Field.Name);
            var kindText = Get(Field.Kind);
            var status = Get(Field.Status);
            // Footer, signature and note rows ("Người lập biểu", "Thủ trưởng đơn vị") have no name, kind or status.
            if (name is null && kindText is null && status is null) continue;

            // The report names a row by its code, but never repeats personal data written into it.
            var (reportedCode, inCode) = Redactor.Redact(code);
            var rowReport = new RowReport { Row = row.Number, Code = reportedCode, Outcome = RowOutcome.Skipped, Source = origin.Inner };
            report.Rows.Add(rowReport);
            if (!ValueParsers.IsApproved(status))
            {
                rowReport.Messages.Add(status is null
                    ? "Bỏ qua: không ghi trạng thái; chỉ nhập hồ sơ \"Đã duyệt\""
                    : $"Bỏ qua: trạng thái \"{status}\"; chỉ nhập hồ sơ \"Đã duyệt\"");
                continue;
            }
            if (code is null)
            {
                rowReport.Messages.Add($"Bỏ qua: thiếu {Columns.Label(Field.Code)} (cột \"Mã hồ sơ\" là khóa để nhập lại không bị trùng)");
                continue;
            }
            // A code is the row's key for re-imports: masking it would break matching, so the row is refused.
            if (inCode.Count > 0)
            {
                Reject(rowReport, $"cột {Columns.Label(Field.Code)} chứa {Redactor.Describe(inCode[0])}; mã hồ sơ là khóa để nhập lại nên không thể ẩn, hãy dùng mã khác");
                continue;
            }
            if (map.Index.Keys.Select(f => FieldLimits.Check(f, Get(f))).FirstOrDefault(e => e is not null) is { } tooLong)
            {
                Reject(rowReport, tooLong);
                continue;
            }
            if (seenCodes.TryGetValue(code, out var firstRow))
            {
                Reject(rowReport, $"{Columns.Label(Field.Code)} \"{code}\" trùng với dòng {firstRow} trong cùng tệp");
                continue;
            }
            seenCodes[code] = row.Number;
            if (name is null)
            {
                Reject(rowReport, $"thiếu {Columns.Label(Field.Name)}");
                continue;
            }
            var kind = ValueParsers.Kind(kindText);
            if (kind is null)
            {
                Reject(rowReport, kindText is null
                    ? $"thiếu {Columns.Label(Field.Kind)}"
                    : $"{Columns.Label(Field.Kind)} \"{kindText}\" không hợp lệ (Cá nhân, Tập thể, Hộ gia đình, Mô hình)");
                continue;
            }
            var movement = Get(Field.Movement);
            if (movement is null)
            {
                Reject(rowReport, $"thiếu {Columns.Label(Field.Movement)}");
                continue;
            }

            if (ValueParsers.ParseYear(Raw(Field.BirthYear), out var birthYear) is { } yearError)
                rowReport.Messages.Add($"Cột {Columns.Label(Field.BirthYear)}: {yearError}; để trống");
            if (ValueParsers.ParseDate(Raw(Field.DecisionDate), out var decisionDate) is { } dateError)
                rowReport.Messages.Add($"Cột {Columns.Label(Field.DecisionDate)}: {dateError}; để trống");

            if (RejectIfTooDeep(rowReport, Get(Field.Body))) continue;

            var draft = new ExemplarDraft
            {
                Report = rowReport,
                Code = code,
                Kind = kind.Value,
                Name = name,
                Gender = Get(Field.Gender),
                BirthYear = birthYear,
                Ethnicity = Get(Field.Ethnicity),
                Position = Get(Field.Position),
                Address = Get(Field.Address),
                Area = Get(Field.Area),
                MovementName = movement,
                Summary = Get(Field.Summary) ?? "",
                Body = Get(Field.Body) ?? "",
                Award = Get(Field.Award),
                DecisionNumberAsWritten = Get(Field.DecisionNumber),
                DecisionDate = decisionDate,
                Issuer = Get(Field.Issuer),
                AgencyName = Get(Field.Agency) ?? table.Agency,
                PrivateContact = Get(Field.PrivateContact),
                PhotoNames = ValueParsers.FileList(Get(Field.Photos)),
                ArticleName = Get(Field.Article),
                SourceFile = origin.Display,
                SourceRow = row.Number,
            };
            Redactor.RedactFields(draft, rowReport);
            draft.Gender = KnownGender(draft.Gender, rowReport);
            drafts.Add(draft);
        }
        return drafts;
    }

    /// <summary>
    /// A story nested deeper than the renderer shows is rejected, not flattened: the agency owns its wording
    /// and fixes the source; the rest of the file is imported.
    /// </summary>
    public static bool RejectIfTooDeep(RowReport row, string? markdown)
    {
        if (MarkdownRenderer.CheckDepth(markdown) is not { } problem) return false;
        Reject(row, $"cột {Columns.Label(Field.Body)}: {problem}");
        return true;
    }

    /// <summary>"Nam" or "Nữ" as agencies write them; anything else is no gender, reported and left empty.</summary>
    private static string? KnownGender(string? gender, RowReport row)
    {
        if (gender is null) return null;
        if (ValueParsers.Gender(gender) is { } known) return known;
        row.Messages.Add($"Cột {Columns.Label(Field.Gender)}: \"{gender}\" không phải Nam hay Nữ; để trống");
        return null;
    }

    private static void Reject(RowReport row, string reason)
    {
        row.Outcome = RowOutcome.Rejected;
        row.Messages.Add("Từ chối: " + reason);
    }
}

/// <summary>
/// The photos and articles a submission can refer to by name: the files of a package, or the
/// files beside a file imported on its own.
/// </summary>
internal sealed class PhotoFolder
{
    private readonly string? _root;
    private readonly Dictionary<string, List<string>> _byName = new(StringComparer.OrdinalIgnoreCase);

    public PhotoFolder(string? root, int depth)
    {
        _root = root is null ? null : Path.GetFullPath(root);
        if (_root is null || !Directory.Exists(_root)) return;
        var options = new EnumerationOptions { RecurseSubdirectories = depth > 0, MaxRecursionDepth = depth, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        foreach (var file in Directory.EnumerateFiles(_root, "*", options))
        {
            var name = Path.GetFileName(file);
            if (!_byName.TryGetValue(name, out var list)) _byName[name] = list = [];
            list.Add(file);
        }
    }

    public static PhotoFolder Empty { get; } = new(null, 0);

    /// <summary>A file named in a row or an article: a relative path first, else any file of that name.</summary>
    public string? Resolve(string reference, string? relativeTo = null)
    {
        if (_root is null || string.IsNullOrWhiteSpace(reference)) return null;
        var clean = reference.Trim().Replace('\\', '/');
        if (clean.Contains("://", StringComparison.Ordinal)) return null;
        foreach (var baseFolder in new[] { relativeTo, _root })
        {
            if (baseFolder is null) continue;
            var full = Path.GetFullPath(Path.Combine(baseFolder, clean));
            if (full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal) && File.Exists(full)) return full;
        }
        return _byName.TryGetValue(Path.GetFileName(clean), out var list) ? list[0] : null;
    }

    /// <summary>Photos named after an exemplar's code: "MA-1.jpg", "MA-1-2.jpg", "MA-1_b.png".</summary>
    public List<string> ImagesNamedFor(string code)
    {
        var found = new List<string>();
        foreach (var (name, paths) in _byName)
        {
            var extension = Path.GetExtension(name);
            if (!ImportService.ImageExtensions.Contains(extension, StringComparer.OrdinalIgnoreCase)) continue;
            var stem = Path.GetFileNameWithoutExtension(name);
            if (stem.Equals(code, StringComparison.OrdinalIgnoreCase) ||
                (stem.Length > code.Length + 1 && stem.StartsWith(code, StringComparison.OrdinalIgnoreCase) && stem[code.Length] is '-' or '_' or ' '))
            {
                found.AddRange(paths.Select(Relative));
            }
        }
        found.Sort(StringComparer.Ordinal);
        return found;
    }

    public IEnumerable<string> FilesWithExtension(params string[] extensions) =>
        _byName.Values.SelectMany(l => l).Where(f => extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase)).Order(StringComparer.Ordinal);

    public string Relative(string fullPath) => _root is null ? Path.GetFileName(fullPath) : Path.GetRelativePath(_root, fullPath).Replace('\\', '/');
}
