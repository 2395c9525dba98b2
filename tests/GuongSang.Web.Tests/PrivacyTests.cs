using GuongSang.Content.Model;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Web.Tests;

public sealed class PrivacyTests(DefaultThemeSite site) : IClassFixture<DefaultThemeSite>
{
    private const string PrivatePhone = "0912 345 678";
    private const string PrivateMarker = "liên hệ riêng chị Hạnh";

    [Fact]
    public async Task Private_contact_appears_on_no_page_and_in_no_API_answer()
    {
        var client = site.CreatePlainClient();
        await client.GetPageAsync("/");
        int id;
        string slug, movementSlug;
        await using (var db = site.CreateDb())
        {
            var exemplar = await db.Exemplars.AsTracking().Include(e => e.Movement).OrderBy(e => e.Id).FirstAsync();
            exemplar.PrivateContact = $"{PrivatePhone} ({PrivateMarker})";
            await db.SaveChangesAsync();
            (id, slug, movementSlug) = (exemplar.Id, exemplar.Slug, exemplar.Movement.Slug);
        }

        foreach (var url in new[]
                 {
                     "/", "/phong-trao", $"/phong-trao/{movementSlug}", $"/guong-sang/{id}/{slug}", "/dia-phuong",
                     "/api/v1/exemplars?pageSize=100", $"/api/v1/exemplars/{id}", "/api/v1/movements",
                 })
        {
            var body = await client.GetPageAsync(url);
            Assert.DoesNotContain(PrivatePhone, body);
            Assert.DoesNotContain(PrivateMarker, body);
            Assert.DoesNotContain("privateContact", body, StringComparison.OrdinalIgnoreCase);
        }
    }
}
