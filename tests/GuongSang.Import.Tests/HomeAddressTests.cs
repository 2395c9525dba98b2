using GuongSang.Import.Privacy;

namespace GuongSang.Import.Tests;

public class HomeAddressTests
{
    [Theory]
    [InlineData("số 12 đường Lê Lợi, phường 5, quận 3, TP.HCM", "phường 5, quận 3, TP.HCM")]
    [InlineData("45/7 hẻm 3 Nguyễn Trãi, phường Bến Thành, Thành phố Hồ Chí Minh", "phường Bến Thành, Thành phố Hồ Chí Minh")]
    [InlineData("Số nhà 8, ngõ 21 phố Huế, phường Hàng Bài, quận Hoàn Kiếm, Hà Nội", "phường Hàng Bài, quận Hoàn Kiếm, Hà Nội")]
    [InlineData("Đường Trần Hưng Đạo, xã Long Hương, tỉnh Bà Rịa - Vũng Tàu", "xã Long Hương, tỉnh Bà Rịa - Vũng Tàu")]
    public void House_number_and_street_are_dropped_from_the_address(string address, string published)
    {
        var (text, found) = Redactor.RedactAddress(address);
        Assert.Equal(published, text);
        Assert.Contains(Redactor.HomeAddress, found);
    }

    [Theory]
    [InlineData("xã Ia Tul, huyện Ia Pa, tỉnh Gia Lai")]
    [InlineData("Thôn 3, xã Hòa Phú, huyện Hòa Vang, thành phố Đà Nẵng")]
    [InlineData("Trường Tiểu học Long Hương, phường Long Hương, thành phố Bà Rịa")]
    [InlineData("Tổ dân phố 4, thị trấn Phú Mỹ")]
    public void Communes_villages_and_workplaces_stay(string address)
    {
        var (text, found) = Redactor.RedactAddress(address);
        Assert.Equal(address, text);
        Assert.Empty(found);
    }

    [Fact]
    public void A_house_address_inside_a_story_is_masked()
    {
        var (text, found) = Redactor.Redact("Gia đình anh ở số 12 đường Lê Lợi, phường 5 luôn mở cửa đón các em.");
        Assert.DoesNotContain("Lê Lợi", text);
        Assert.Contains("phường 5", text);
        Assert.Equal([Redactor.HomeAddress], found);
    }

    [Fact]
    public void Quantities_are_not_addresses()
    {
        var (text, found) = Redactor.Redact("Trồng 300 cây xanh trên 2 tuyến đường liên thôn; hiến máu 52 lần.");
        Assert.Empty(found);
        Assert.Contains("2 tuyến đường", text);
    }
}
