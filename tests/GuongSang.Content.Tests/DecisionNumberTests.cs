using GuongSang.Content.Text;

namespace GuongSang.Content.Tests;

public class DecisionNumberTests
{
    [Theory]
    [InlineData("1456 /QĐ-UBND", "1456/QĐ-UBND")]
    [InlineData("1456/QĐ-UBND", "1456/QĐ-UBND")]
    [InlineData(" 312 / qđ - ubnd ", "312/QĐ-UBND")]
    [InlineData("312/Q\u00D0-UBND", "312/QĐ-UBND")]
    [InlineData("12/2024/QĐ–TTg", "12/2024/QĐ-TTG")]
    public void Normalize_removes_spaces_around_separators_and_upper_cases(string written, string expected) =>
        Assert.Equal(expected, DecisionNumber.Normalize(written));

    [Fact]
    public void Normalize_of_blank_is_null() => Assert.Null(DecisionNumber.Normalize("  "));

    [Fact]
    public void Folded_form_is_what_people_type() => Assert.Equal("1456/qd-ubnd", DecisionNumber.Folded("1456 /QĐ-UBND"));
}
