using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using GuongSang.Content.Text;

namespace GuongSang.Import.Privacy;

/// <summary>
/// Hides personal data found inside public text before it is stored: e-mail addresses, phone numbers,
/// CCCD (12 digits) and CMND (9 digits) numbers, house numbers with their street.
/// </summary>
public static partial class Redactor
{
    public const string Mask = "[đã ẩn]";

    public const string Email = "email";
    public const string Phone = "phone";
    public const string Cccd = "cccd";
    public const string Cmnd = "cmnd";
    public const string HomeAddress = "home-address";

    /// <summary>
    /// The whole address, Unicode local part and domain included ("nguyễn.an@trường.vn"): it starts only where a
    /// token starts, so a long run of letters is scanned once, not once per letter.
    /// </summary>
    [GeneratedRegex(@"(?<![\p{L}\p{M}\p{N}._%+\-])[\p{L}\p{M}\p{N}._%+\-]+@[\p{L}\p{M}\p{N}\-]+(?:\.[\p{L}\p{M}\p{N}\-]+)*\.[\p{L}\p{M}]{2,}")]
    private static partial Regex EmailPattern();

    /// <summary>Between two digits of a phone number: up to three spaces, dots, dashes, slashes or brackets.</summary>
    private const string Sep = @"[\s.\-/()]{0,3}";

    /// <summary>A number after its 0 or country code: a landline's 2 and nine more digits, or any other first digit and eight more.</summary>
    private const string National = "(?:2(?:" + Sep + @"\d){9}|[1-9](?:" + Sep + @"\d){8})";

    /// <summary>
    /// Phone numbers, mobile or landline: 0, +84, 0084, (+84) or (84) (an optional "(0)" after the code) and then
    /// the number; "84" without "+" only before a mobile's nine digits. Any separators between digits:
    /// "0933–222–111", "84 933 222 111", "(0254) 3 888 999". Never part of a longer number or of a file
    /// name ("PXL_20240512_093412345").
    /// </summary>
    [GeneratedRegex(@"(?<![\d+_])(?:\(?(?:\+|00)\s?84\)?" + Sep + @"(?:\(0\)" + Sep + ")?" + National +
                    @"|\(?84\)?" + Sep + "[35789](?:" + Sep + @"\d){8}|\(?0" + Sep + National + @")(?![\d_])")]
    private static partial Regex PhonePattern();

    /// <summary>12 digits, written together or in groups of 3 (not 4-4-4: "2019 2020 2021" are years).</summary>
    [GeneratedRegex(@"(?<![\d.,_])(?:\d{12}|\d{3}[\s.\-]\d{3}[\s.\-]\d{3}[\s.\-]\d{3})(?![\d_]|[.,]\d)")]
    private static partial Regex CccdPattern();

    /// <summary>9 digits written together (a number with thousands separators is money, not an ID).</summary>
    [GeneratedRegex(@"(?<![\d.,_])\d{9}(?![\d_]|[.,]\d)")]
    private static partial Regex CmndPattern();

    /// <summary>A date (day, month, four-digit year): its digits are never part of a phone or an ID ("ngày 20/05/2025 0933 …").</summary>
    [GeneratedRegex(@"(?<![\d.,/\-])(?:[0-2]?\d|3[01])([/.\-])(?:0?[1-9]|1[0-2])\1(?:19|20)\d{2}(?![/.\-]?\d)")]
    private static partial Regex DatePattern();

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

    private static readonly (Regex Pattern, string Kind)[] Patterns =
    [
        (EmailPattern(), Email), (PhonePattern(), Phone), (CccdPattern(), Cccd), (CmndPattern(), Cmnd), (HouseNumberPattern(), HomeAddress),
    ];

    /// <summary>The text with personal data masked, and the kinds found (one entry per finding).</summary>
    public static (string? Text, List<string> Found) Redact(string? text)
    {
        var found = new List<string>();
        if (string.IsNullOrEmpty(text)) return (text, found);
        // The patterns read a plain view of the text, char for char (so positions agree), with dates blanked;
        // what they find is masked in the text itself, which otherwise stays exactly as written.
        var view = DatePattern().Replace(PlainView(text), m => new string('#', m.Length));
        foreach (var (pattern, kind) in Patterns)
        {
            var matches = pattern.Matches(view);
            if (matches.Count == 0) continue;
            var masked = new StringBuilder(text.Length);
            var maskedView = new StringBuilder(view.Length);
            var at = 0;
            foreach (Match m in matches)
            {
                // "(0933 222 111)": a bracket closed after the number is the text's, not the number's.
                var start = m.ValueSpan.StartsWith("(") && !m.ValueSpan.Contains(')') ? m.Index + 1 : m.Index;
                masked.Append(text, at, start - at).Append(Mask);
                maskedView.Append(view, at, start - at).Append(Mask);
                at = m.Index + m.Length;
                found.Add(kind);
            }
            text = masked.Append(text, at, text.Length - at).ToString();
            view = maskedView.Append(view, at, view.Length - at).ToString();
        }
        return (text, found);
    }

    /// <summary>
    /// What a reader sees, for detection only (NFKC-like, one char for one): full-width forms as ASCII
    /// ("０９３３", "＋８４", "＠"), any decimal digit as 0-9, every dash and minus as "-", the ideographic space as a space.
    /// </summary>
    private static string PlainView(string text)
    {
        char[]? plain = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < '\u0080') continue;
            var p = c switch
            {
                >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
                '\u3000' => ' ',
                >= '\u2010' and <= '\u2015' or '\u2212' or '\uFE58' or '\uFE63' => '-',
                _ when char.IsDigit(c) => (char)('0' + CharUnicodeInfo.GetDecimalDigitValue(c)),
                _ => c,
            };
            if (p == c) continue;
            plain ??= text.ToCharArray();
            plain[i] = p;
        }
        return plain is null ? text : new string(plain);
    }

    private static readonly ConcurrentDictionary<Type, (PropertyInfo Property, PublishedAttribute Published)[]> PublishedTexts = new();

    /// <summary>
    /// Masks personal data in every published text of an import record (a row's draft, an article) and reports
    /// each finding on its row, by field and kind, never the value. The one place that decides what is published:
    /// the record's texts say it with <see cref="PublishedAttribute"/>; a text that says neither that nor
    /// <see cref="NotPublishedAttribute"/> is a programming error, refused on first use.
    /// </summary>
    public static void RedactFields(object record, RowReport report)
    {
        foreach (var (property, published) in PublishedTexts.GetOrAdd(record.GetType(), PublishedTextsOf))
        {
            switch (property.GetValue(record))
            {
                case string text:
                    property.SetValue(record, Apply(text));
                    break;
                case List<string> list:
                    for (var i = 0; i < list.Count; i++) list[i] = Apply(list[i]) ?? "";
                    break;
            }

            string? Apply(string text)
            {
                var (result, found) = published.IsAddress ? RedactAddress(text) : Redact(text);
                foreach (var kind in found)
                {
                    report.Redactions.Add(new Redaction(published.Label, kind));
                    report.Messages.Add($"Đã ẩn {Describe(kind)} trong {published.Where}");
                }
                return result;
            }
        }
    }

    private static (PropertyInfo, PublishedAttribute)[] PublishedTextsOf(Type type)
    {
        var texts = new List<(PropertyInfo, PublishedAttribute)>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.PropertyType != typeof(string) && property.PropertyType != typeof(List<string>)) continue;
            // A text computed from others (a normalised decision number) is as public as they are.
            if (property.PropertyType == typeof(string) && property.SetMethod is null) continue;
            if (property.GetCustomAttribute<PublishedAttribute>() is { } published) texts.Add((property, published));
            else if (property.GetCustomAttribute<NotPublishedAttribute>() is null)
                throw new InvalidOperationException($"{type.Name}.{property.Name}: a text must say [Published] or [NotPublished]");
        }
        return [.. texts];
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
