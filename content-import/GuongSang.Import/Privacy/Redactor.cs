using System.Text.RegularExpressions;

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

    /// <summary>The text with personal data masked, and the kinds found (one entry per finding).</summary>
    public static (string? Text, List<string> Found) Redact(string? text)
    {
        var found = new List<string>();
        if (string.IsNullOrEmpty(text)) return (text, found);
        var result = EmailPattern().Replace(text, _ => Hit(Email));
        result = PhonePattern().Replace(result, _ => Hit(Phone));
        result = CccdPattern().Replace(result, _ => Hit(Cccd));
        result = CmndPattern().Replace(result, _ => Hit(Cmnd));
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
        _ => kind,
    };
}
