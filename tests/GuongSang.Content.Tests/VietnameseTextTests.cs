using System.Text;
using GuongSang.Content.Text;

namespace GuongSang.Content.Tests;

public class VietnameseTextTests
{
    [Theory]
    [InlineData("Đội văn nghệ", "doi-van-nghe")]
    [InlineData("Đội Văn Nghệ  Xã Hòa Bình!", "doi-van-nghe-xa-hoa-binh")]
    [InlineData("Dạy tốt - Học tốt", "day-tot-hoc-tot")]
    [InlineData("Kpă H'Bla", "kpa-h-bla")]
    [InlineData("   ", "-")]
    public void Slug_folds_diacritics_and_d(string text, string slug) => Assert.Equal(slug, VietnameseText.Slug(text));

    [Fact]
    public void Slug_is_cut_at_a_word_boundary()
    {
        var slug = VietnameseText.Slug(string.Join(' ', Enumerable.Repeat("người tốt việc tốt", 20)), 40);
        Assert.True(slug.Length <= 40);
        Assert.False(slug.EndsWith('-'));
    }

    [Theory]
    [InlineData("hoà", "hòa")]
    [InlineData("Hoà Bình", "Hòa Bình")]
    [InlineData("HOÀ GIẢI", "HÒA GIẢI")]
    [InlineData("thuỷ sản", "thủy sản")]
    [InlineData("Thuỷ", "Thủy")]
    [InlineData("khoẻ mạnh", "khỏe mạnh")]
    [InlineData("hoạ sĩ", "họa sĩ")]
    [InlineData("tuỳ", "tùy")]
    [InlineData("luỹ", "lũy")]
    public void Old_tone_placement_moves_to_the_new_one(string old, string expected) =>
        Assert.Equal(expected, VietnameseText.NormalizeTonePlacement(old));

    [Theory]
    [InlineData("hoàng")]
    [InlineData("quý")]
    [InlineData("quỳnh")]
    [InlineData("thuyền")]
    [InlineData("khoảng")]
    [InlineData("hòa")]
    [InlineData("huỳnh")]
    [InlineData("quả")]
    public void Syllables_both_styles_agree_on_are_unchanged(string word) =>
        Assert.Equal(word, VietnameseText.NormalizeTonePlacement(word));

    [Fact]
    public void Clean_stores_NFC_with_new_tone_placement()
    {
        var nfd = "Nguyễn Thị Thuỷ, xã Hoà Bình".Normalize(NormalizationForm.FormD);
        var clean = VietnameseText.Clean(nfd)!;
        Assert.True(clean.IsNormalized(NormalizationForm.FormC));
        Assert.Equal("Nguyễn Thị Thủy, xã Hòa Bình", clean);
    }

    [Fact]
    public void Clean_fixes_the_Icelandic_eth_mistaken_for_D_stroke() =>
        Assert.Equal("Đồng Nai", VietnameseText.Clean("\u00D0ồng Nai"));

    [Theory]
    [InlineData("Đắk Lắk", "dak lak")]
    [InlineData("đường", "duong")]
    [InlineData("HIẾN MÁU", "hien mau")]
    public void Fold_removes_marks_and_folds_d(string text, string folded) => Assert.Equal(folded, VietnameseText.Fold(text));

    [Fact]
    public void Fold_handles_NFD_input() =>
        Assert.Equal("hoa giai", VietnameseText.Fold("hoà giải".Normalize(NormalizationForm.FormD)));

    [Fact]
    public void Key_drops_punctuation_and_collapses_spaces() =>
        Assert.Equal("phong trao day tot hoc tot", VietnameseText.Key("Phong trào  \"Dạy tốt, học tốt\""));

    [Fact]
    public void Self_test_passes_with_ICU() => VietnameseText.SelfTest();

    [Fact]
    public void Dates_are_shown_in_Vietnam_time_as_dd_MM_yyyy()
    {
        // 20:00 UTC on 31/12 is already 01/01 in Vietnam.
        Assert.Equal("01/01/2026", VietnamTime.Date(new DateTime(2025, 12, 31, 20, 0, 0, DateTimeKind.Utc)));
        Assert.Equal("05/04/2024", VietnamTime.Date(new DateOnly(2024, 4, 5)));
    }
}
