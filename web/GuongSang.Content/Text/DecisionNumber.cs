using System.Text;
using System.Text.RegularExpressions;

namespace GuongSang.Content.Text;

/// <summary>Decision numbers as written ("1456 /QĐ-UBND") and as stored ("1456/QĐ-UBND").</summary>
public static partial class DecisionNumber
{
    [GeneratedRegex(@"\s*([/\-–])\s*")]
    private static partial Regex SeparatorSpaces();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    public static string? Normalize(string? written)
    {
        var text = VietnameseText.Clean(written);
        if (string.IsNullOrEmpty(text)) return null;
        text = SeparatorSpaces().Replace(text, m => m.Groups[1].Value == "–" ? "-" : m.Groups[1].Value);
        text = Spaces().Replace(text, " ");
        var sb = new StringBuilder(text.Length);
        foreach (var c in text) sb.Append(char.ToUpperInvariant(c));
        return sb.ToString();
    }

    /// <summary>The folded form people type: "1456/qd-ubnd".</summary>
    public static string? Folded(string? written)
    {
        var normalized = Normalize(written);
        return normalized is null ? null : VietnameseText.Fold(normalized);
    }
}
