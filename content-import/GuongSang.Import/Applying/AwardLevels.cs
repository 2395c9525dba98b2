using GuongSang.Content.Model;
using GuongSang.Content.Text;

namespace GuongSang.Import.Applying;

/// <summary>The level of a recognition, read from the award's and the issuer's words: the highest level named wins.</summary>
internal static class AwardLevels
{
    public static RecognitionLevel Of(string? award, string? issuer)
    {
        var key = " " + VietnameseText.Key(award + " " + issuer) + " ";
        if (Names(key, "thu tuong", "chu tich nuoc", "huan chuong", "chinh phu")) return RecognitionLevel.National;
        if (Names(key, "tinh", "so")) return RecognitionLevel.Province;
        if (Names(key, "huyen", "thanh pho", "thi xa")) return RecognitionLevel.District;
        if (Names(key, "xa", "phuong")) return RecognitionLevel.Commune;
        return RecognitionLevel.Unknown;
    }

    // Whole words of the folded text, not parts of words ("xa" is not in "xanh").
    private static bool Names(string key, params string[] words) =>
        words.Any(w => key.Contains(" " + w + " ", StringComparison.Ordinal));
}
