using System.Text.RegularExpressions;
using GuongSang.Content.Text;

namespace GuongSang.Import.Privacy;

/// <summary>
/// Hides personal data found inside public text before it is stored: e-mail addresses, personal
/// (mobile) phone numbers, CCCD (12 digits) and CMND (9 digits) numbers.
/// </summary>
public static partial class Redactor
{
    public const string Mask = "[đã ẩn]";

    public const string Email = "email";
    public const string Phone = "phone";
    public const string Cccd = "cccd";
    public const string Cmnd = "cmnd";
    public const string HomeAddress = "home-address";

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")]
    private static partial Regex EmailPattern();

    /// <summary>
    /// Mobile numbers: 0 or +84/0084 then 3/5/7/8/9 and eight more digits, spaces, dots or dashes
    /// between any of them ("0933 222 111", "+84 912.345.678"). Any other +84 number too.
    /// </summary>
    [GeneratedRegex(@"(?<![\d+])(?:(?:\+|00)84[\s.\-]?\(?0?\)?[\s.\-]?[1-9](?:[\s.\-]?\d){7,9}|0[35789](?:[\s.\-]?\d){8})(?!\d)")]
    private static partial Regex PhonePattern();

    /// <summary>12 digits, written together or in groups of 3 with spaces or dots (not 4-4-4: "2019 2020 2021" are years).</summary>
    [GeneratedRegex(@"(?<![\d.,])(?:\d{12}|\d{3}[\s.]\d{3}[\s.]\d{3}[\s.]\d{3})(?![\d]|[.,]\d)")]
    private static partial Regex CccdPattern();

    /// <summary>9 digits written together (a number with thousands separators is money, not an ID).</summary>
    [GeneratedRegex(@"(?<![\d.,])\d{9}(?![\d]|[.,]\d)")]
    private static partial Regex CmndPattern();

    /// <summary>A house number with its street, lane or alley: "số 12 đường Lê Lợi", "45/7 hẻm 3", "số nhà 8, ngõ 21 …".</summary>
    [GeneratedRegex(@"(?<![\p{L}\d])(?:(?:số nhà|nhà số|số)\s*)?\d+[A-Za-z]?(?:/\d+[A-Za-z]?)*,?\s+(?:đường|phố|ngõ|ngách|hẻm|kiệt)\s+[^,;.\n]+", RegexOptions.IgnoreCase)]
    private static partial Regex HouseNumberPattern();

    /// <summary>Words that start an administrative unit: what comes from here on is public (commune and up, or a village).</summary>
    private static readonly string[] UnitWords =
    [
        "thon", "ap", "ban", "buon", "xom", "khom", "khu pho", "to dan pho", "xa", "phuong", "thi tran", "dac khu",
        "huyen", "quan", "thi xa", "thanh pho", "tp", "tinh",
    ];

    private static readonly string[] StreetWords = ["duong", "pho", "ngo", "ngach", "hem", "kiet", "so nha", "so"];

    /// <summary>
    /// An exemplar's address as it may be published: the parts before the first administrative
    /// unit that name a house (a number, a street, a lane) are dropped — "số 12 đường Lê Lợi,
    /// phường 5, quận 3, TP.HCM" → "phường 5, quận 3, TP.HCM". A school or a village stays.
    /// </summary>
    public static (string? Text, List<string> Found) RedactAddress(string? address)
    {
        if (string.IsNullOrWhiteSpace(address)) return Redact(address);
        var parts = address.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var firstUnit = Array.FindIndex(parts, p => StartsWithAny(VietnameseText.Key(p), UnitWords));
        var kept = new List<string>();
        var dropped = false;
        for (var i = 0; i < parts.Length; i++)
        {
            var key = VietnameseText.Key(parts[i]);
            var beforeUnits = firstUnit < 0 || i < firstUnit;
            if (beforeUnits && (key.Any(char.IsDigit) || StartsWithAny(key, StreetWords) || key.Split(' ').Any(w => StreetWords.Contains(w) && w != "so")))
            {
                dropped = true;
                continue;
            }
            kept.Add(parts[i]);
        }
        var (text, found) = Redact(string.Join(", ", kept));
        if (dropped) found.Insert(0, HomeAddress);
        return (string.IsNullOrEmpty(text) ? null : text, found);

        static bool StartsWithAny(string key, string[] words) =>
            words.Any(w => key == w || key.StartsWith(w + " ", StringComparison.Ordinal));
    }

    /// <summary>The text with personal data masked, and the kinds found (one entry per finding).</summary>
    public static (string? Text, List<string> Found) Redact(string? text)
    {
        var found = new List<string>();
        if (string.IsNullOrEmpty(text)) return (text, found);
        var result = EmailPattern().Replace(text, _ => Hit(Email));
        result = PhonePattern().Replace(result, _ => Hit(Phone));
        result = CccdPattern().Replace(result, _ => Hit(Cccd));
        result = CmndPattern().Replace(result, _ => Hit(Cmnd));
        result = HouseNumberPattern().Replace(result, _ => Hit(HomeAddress));
        return (result, found);

        string Hit(string kind)
        {
            found.Add(kind);
            return Mask;
        }
    }

    public static string Describe(string kind) => kind switch
    {
        Email => "địa chỉ e-mail",
        Phone => "số điện thoại cá nhân",
        Cccd => "số CCCD",
        Cmnd => "số CMND",
        HomeAddress => "địa chỉ nhà riêng (số nhà, đường)",
        _ => kind,
    };
}
