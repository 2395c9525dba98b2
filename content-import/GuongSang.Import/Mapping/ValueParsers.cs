using System.Globalization;
using System.Text.RegularExpressions;
using GuongSang.Content.Model;
using GuongSang.Content.Text;

namespace GuongSang.Import;

/// <summary>Cell values as agencies write them → typed values. Errors are Vietnamese messages, not exceptions.</summary>
public static partial class ValueParsers
{
    /// <summary>A cell as text: numbers without ".0", dates as dd/MM/yyyy, NFC with new tone placement.</summary>
    public static string? Text(object? cell) => cell switch
    {
        null => null,
        string s => NullIfEmpty(VietnameseText.Clean(s)),
        double d when d == Math.Floor(d) && Math.Abs(d) < 1e15 => ((long)d).ToString(CultureInfo.InvariantCulture),
        double d => d.ToString(CultureInfo.InvariantCulture),
        DateTime dt => dt.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
        _ => NullIfEmpty(VietnameseText.Clean(Convert.ToString(cell, CultureInfo.InvariantCulture))),
    };

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    public static ExemplarKind? Kind(string? text) => VietnameseText.Key(text) switch
    {
        "ca nhan" or "individual" or "nguoi" => ExemplarKind.Individual,
        "tap the" or "collective" or "don vi" => ExemplarKind.Collective,
        "ho gia dinh" or "ho" or "gia dinh" or "household" => ExemplarKind.Household,
        "mo hinh" or "model" or "mo hinh dien hinh" => ExemplarKind.Model,
        _ => null,
    };

    /// <summary>"Nam" or "Nữ" (any case, with or without diacritics, "nam giới", "male"…), or null for anything else.</summary>
    public static string? Gender(string? text) => VietnameseText.Key(text) switch
    {
        "nam" or "nam gioi" or "male" or "m" => "Nam",
        "nu" or "nu gioi" or "female" or "f" => "Nữ",
        _ => null,
    };

    /// <summary>Only "Đã duyệt" (any case, spacing, with or without diacritics) is approved.</summary>
    public static bool IsApproved(string? status) => VietnameseText.Key(status) is "da duyet" or "approved";

    [GeneratedRegex(@"^(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{4})$")]
    private static partial Regex DayMonthYear();

    [GeneratedRegex(@"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"ngay (\d{1,2}) thang (\d{1,2}) nam (\d{4})")]
    private static partial Regex SpelledDate();

    /// <summary>
    /// Spreadsheet dates, d/M/yyyy, dd-MM-yyyy, dd.MM.yyyy, "ngày 5 tháng 4 năm 2024", ISO; never month-first.
    /// Returns null on success, else the reason.
    /// </summary>
    public static string? ParseDate(object? cell, out DateOnly? date)
    {
        date = null;
        switch (cell)
        {
            case null:
                return null;
            case DateTime dt:
                date = DateOnly.FromDateTime(dt);
                return null;
            case double serial when serial > 1 && serial < 2_958_465:
                date = DateOnly.FromDateTime(DateTime.FromOADate(serial));
                return null;
        }
        var text = Text(cell);
        if (text is null) return null;
        int day, month, year;
        if (DayMonthYear().Match(text) is { Success: true } m)
        {
            (day, month, year) = (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture));
        }
        else if (IsoDate().Match(text) is { Success: true } iso)
        {
            (year, month, day) = (int.Parse(iso.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(iso.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(iso.Groups[3].Value, CultureInfo.InvariantCulture));
        }
        else if (SpelledDate().Match(VietnameseText.Key(text)) is { Success: true } s)
        {
            (day, month, year) = (int.Parse(s.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(s.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(s.Groups[3].Value, CultureInfo.InvariantCulture));
        }
        else
        {
            return $"ngày \"{text}\" không đọc được (cần dạng dd/MM/yyyy)";
        }
        if (month is < 1 or > 12 || day < 1 || year < 1900 || year > 2100 || day > DateTime.DaysInMonth(year, month))
            return $"ngày \"{text}\" không tồn tại (đọc theo ngày/tháng/năm)";
        date = new DateOnly(year, month, day);
        return null;
    }

    /// <summary>A birth year from 1984, "1984", a date or "05/04/1984". Returns null on success, else the reason.</summary>
    public static string? ParseYear(object? cell, out int? year)
    {
        year = null;
        if (cell is DateTime dt)
        {
            year = dt.Year;
            return null;
        }
        var text = Text(cell);
        if (text is null) return null;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1900 and <= 2100)
        {
            year = y;
            return null;
        }
        if (ParseDate(text, out var d) is null && d is not null)
        {
            year = d.Value.Year;
            return null;
        }
        return $"năm sinh \"{text}\" không đọc được";
    }

    /// <summary>"a.jpg; b.jpg" → file names.</summary>
    public static List<string> FileList(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : [.. text.Split([';', '\n', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
