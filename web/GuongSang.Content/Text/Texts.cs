using GuongSang.Content.Model;

namespace GuongSang.Content.Text;

/// <summary>The site's Vietnamese wording that recurs across pages, in one place.</summary>
public static class Texts
{
    public const string SiteName = "Gương Sáng";
    public const string Tagline = "Gương người tốt, việc tốt và điển hình tiên tiến trong các phong trào thi đua";
    public const string Home = "Trang chủ";
    public const string Movements = "Phong trào thi đua";
    public const string Articles = "Bài viết";
    public const string Provinces = "Địa phương";
    public const string Search = "Tìm kiếm";
    public const string SampleData = "Dữ liệu mẫu";
    public const string Source = "Nguồn";
    public const string NoExemplars = "Chưa có gương điển hình nào được công bố.";
    public const string Previous = "Trang trước";
    public const string Next = "Trang sau";
    public const string ContentUnavailable = "Nội dung này tạm thời không hiển thị được.";
    public const string Withdrawn = "Đã thu hồi";

    /// <summary>The public line of a withdrawal, e.g. "Ngày thu hồi: 05/03/2026. Lý do: quyết định khen thưởng bị hủy".</summary>
    public static string WithdrawalLine(DateTime? withdrawnAt, string reason) =>
        $"Ngày thu hồi: {VietnamTime.Date(withdrawnAt)}. Lý do: {reason}";

    public static string Kind(ExemplarKind kind) => kind switch
    {
        ExemplarKind.Individual => "Cá nhân",
        ExemplarKind.Collective => "Tập thể",
        ExemplarKind.Household => "Hộ gia đình",
        ExemplarKind.Model => "Mô hình",
        _ => kind.ToString(),
    };

    public static string Level(RecognitionLevel level) => level switch
    {
        RecognitionLevel.Commune => "Cấp xã",
        RecognitionLevel.District => "Cấp huyện",
        RecognitionLevel.Province => "Cấp tỉnh",
        RecognitionLevel.National => "Cấp Trung ương",
        _ => "",
    };

    /// <summary>The API's and URLs' English names for kinds.</summary>
    public static string KindCode(ExemplarKind kind) => kind.ToString().ToLowerInvariant();

    public static bool TryParseKindCode(string? code, out ExemplarKind kind) =>
        Enum.TryParse(code, ignoreCase: true, out kind) && Enum.IsDefined(kind) && !int.TryParse(code, out _);
}
