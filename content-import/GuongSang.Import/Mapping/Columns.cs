using GuongSang.Content.Text;

namespace GuongSang.Import.Mapping;

/// <summary>What a column means, whatever the agency called it.</summary>
public enum Field
{
    Ignore, Code, Kind, Name, Gender, BirthYear, Ethnicity, Position, Address, Movement, Area,
    Summary, Award, DecisionNumber, DecisionDate, Issuer, Agency, Status, Photos, Article, PrivateContact, Body,
}

/// <summary>Column names seen in agencies' files (fixtures README), folded with <see cref="VietnameseText.Key"/>.</summary>
public static class Columns
{
    public static readonly Field[] Required = [Field.Name, Field.Kind, Field.Movement, Field.Status];

    private static readonly Dictionary<Field, string[]> Aliases = new()
    {
        [Field.Ignore] = ["stt", "so tt", "tt", "so thu tu", "quarter", "quy", "ghi chu"],
        [Field.Code] = ["ma ho so", "ma so", "ma hs", "ma", "code", "ma dien hinh", "ma ho so de nghi"],
        [Field.Kind] = ["loai dien hinh", "loai", "kind", "doi tuong", "loai hinh"],
        [Field.Name] = ["ho va ten ten tap the", "ho ten", "ho va ten", "ten", "ten tap the", "name", "ten dien hinh",
            "ho va ten ten tap the ten mo hinh", "ten ca nhan tap the", "ho ten ten tap the", "ten mo hinh"],
        [Field.Gender] = ["gioi tinh", "gender", "gioi"],
        [Field.BirthYear] = ["nam sinh", "birthyear", "birth year", "ngay sinh", "ngay thang nam sinh"],
        [Field.Ethnicity] = ["dan toc", "ethnicity"],
        [Field.Position] = ["chuc vu don vi cong tac", "don vi", "chuc vu", "don vi cong tac", "position", "chuc vu don vi", "noi cong tac"],
        [Field.Address] = ["dia chi", "address", "noi o", "dia chi thuong tru", "dia ban"],
        [Field.Movement] = ["phong trao thi dua", "phong trao", "movement", "ten phong trao"],
        [Field.Area] = ["linh vuc", "field", "nganh linh vuc"],
        [Field.Summary] = ["tom tat thanh tich", "thanh tich", "summary", "thanh tich noi bat", "tom tat"],
        [Field.Award] = ["hinh thuc khen thuong", "khen thuong", "award", "danh hieu", "hinh thuc khen thuong danh hieu"],
        [Field.DecisionNumber] = ["so quyet dinh", "so qd", "decisionnumber", "decision number", "quyet dinh so", "so quyet dinh khen thuong"],
        [Field.DecisionDate] = ["ngay quyet dinh", "ngay qd", "decisiondate", "decision date", "ngay ky", "ngay ban hanh"],
        [Field.Issuer] = ["co quan ban hanh quyet dinh", "co quan ban hanh", "issuer", "cap khen thuong", "noi ban hanh"],
        [Field.Agency] = ["co quan de xuat", "don vi de nghi", "co quan de nghi", "don vi de xuat", "submittedby", "submitted by", "agency", "don vi gui"],
        [Field.Status] = ["trang thai", "tinh trang", "status", "ket qua tham dinh", "trang thai ho so"],
        [Field.Photos] = ["anh", "photos", "photo", "hinh anh", "anh dai dien", "tep anh"],
        [Field.Article] = ["bai viet", "article", "tep bai viet"],
        [Field.PrivateContact] = ["sdt lien he noi bo khong cong bo", "sdt lien he", "privatecontact", "private contact", "dien thoai", "so dien thoai", "sdt", "lien he"],
        [Field.Body] = ["noi dung", "body", "bai gioi thieu"],
    };

    private static readonly Dictionary<string, Field> ByKey = Aliases
        .SelectMany(kv => kv.Value.Select(a => (Key: VietnameseText.Key(a), Field: kv.Key)))
        .ToDictionary(x => x.Key, x => x.Field);

    /// <summary>The meaning of a header, or null if unknown.</summary>
    public static Field? Match(string? header)
    {
        if (string.IsNullOrWhiteSpace(header)) return null;
        var key = VietnameseText.Key(header);
        if (key.Length == 0) return null;
        if (ByKey.TryGetValue(key, out var field)) return field;
        // "Ảnh (tên tệp)", "Địa chỉ (lúc khen thưởng)": the words before the brackets.
        var bracket = header.IndexOf('(', StringComparison.Ordinal);
        if (bracket > 0)
        {
            var before = VietnameseText.Key(header[..bracket]);
            // A column that says it is internal is private, whatever it holds.
            var inside = VietnameseText.Key(header[bracket..]);
            if (inside.Contains("noi bo", StringComparison.Ordinal) || inside.Contains("khong cong bo", StringComparison.Ordinal)) return Field.PrivateContact;
            if (ByKey.TryGetValue(before, out field)) return field;
        }
        if (key.Contains("khong cong bo", StringComparison.Ordinal) || key.EndsWith(" noi bo", StringComparison.Ordinal)) return Field.PrivateContact;
        // "camelCase" JSON keys: "birthYear" folds to "birthyear", already listed.
        return null;
    }

    /// <summary>Vietnamese name of a field for messages.</summary>
    public static string Label(Field field) => field switch
    {
        Field.Code => "Mã hồ sơ",
        Field.Kind => "Loại điển hình",
        Field.Name => "Họ và tên / Tên tập thể",
        Field.Gender => "Giới tính",
        Field.BirthYear => "Năm sinh",
        Field.Ethnicity => "Dân tộc",
        Field.Position => "Chức vụ, đơn vị công tác",
        Field.Address => "Địa chỉ",
        Field.Movement => "Phong trào thi đua",
        Field.Area => "Lĩnh vực",
        Field.Summary => "Tóm tắt thành tích",
        Field.Award => "Hình thức khen thưởng",
        Field.DecisionNumber => "Số quyết định",
        Field.DecisionDate => "Ngày quyết định",
        Field.Issuer => "Cơ quan ban hành quyết định",
        Field.Agency => "Cơ quan đề xuất",
        Field.Status => "Trạng thái",
        Field.Photos => "Ảnh",
        Field.Article => "Bài viết",
        Field.PrivateContact => "SĐT liên hệ (nội bộ)",
        Field.Body => "Nội dung",
        _ => field.ToString(),
    };
}

/// <summary>Which cell holds which field, and the header row it was found in.</summary>
public sealed class ColumnMap
{
    public required int HeaderRowIndex { get; init; }
    public Dictionary<Field, int> Index { get; } = [];
    public List<string> Unknown { get; } = [];
    public int KnownCount => Index.Count;

    public bool Has(Field field) => Index.ContainsKey(field);

    /// <summary>The header row: the first of the top rows where at least three cells are known column names.</summary>
    public static ColumnMap? Find(IReadOnlyList<object?[]> rows, int lookAhead = 30)
    {
        ColumnMap? best = null;
        for (var r = 0; r < Math.Min(rows.Count, lookAhead); r++)
        {
            var map = FromHeader(rows[r], r);
            if (map.KnownCount >= 3 && (best is null || map.KnownCount > best.KnownCount)) best = map;
            if (best is not null && best.KnownCount >= 6) break;
        }
        return best;
    }

    public static ColumnMap FromHeader(IReadOnlyList<object?> header, int rowIndex)
    {
        var map = new ColumnMap { HeaderRowIndex = rowIndex };
        for (var i = 0; i < header.Count; i++)
        {
            var text = header[i] as string;
            if (string.IsNullOrWhiteSpace(text)) continue;
            var field = Columns.Match(text);
            if (field is null)
            {
                map.Unknown.Add(VietnameseText.Clean(text)!);
                continue;
            }
            if (field == Field.Ignore) continue;
            map.Index.TryAdd(field.Value, i);
        }
        return map;
    }
}
