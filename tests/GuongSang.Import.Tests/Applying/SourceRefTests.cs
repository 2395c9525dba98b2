using System.IO.Compression;
using System.Text;
using GuongSang.Content.Model;
using Microsoft.EntityFrameworkCore;

namespace GuongSang.Import.Tests.Applying;

public class SourceRefTests
{
    [Fact]
    public void A_part_is_shown_only_inside_a_package_and_an_article_is_known_by_its_entry()
    {
        Assert.Equal(("ds.xlsx", null, "ds.xlsx"), Parts(new SourceRef("ds.xlsx", null, "Sheet1")));
        Assert.Equal(("goi.zip › ds.xlsx › Sheet1", "ds.xlsx › Sheet1", "ds.xlsx"), Parts(new SourceRef("goi.zip", "ds.xlsx", "Sheet1")));
        Assert.Equal(("goi.zip › bai-viet/an.md", "bai-viet/an.md", "bai-viet/an.md"), Parts(new SourceRef("goi.zip", "bai-viet/an.md")));

        static (string, string?, string) Parts(SourceRef s) => (s.Display, s.Inner, s.Document);
    }

    private static async Task<string> ZipAsync(ImportTestBed bed, string name, params (string Entry, string Text)[] entries)
    {
        var zip = Path.Combine(bed.Inbox, name);
        File.Delete(zip);
        using var archive = ZipFile.Open(zip, ZipArchiveMode.Create);
        foreach (var (entry, text) in entries)
        {
            await using var w = new StreamWriter(archive.CreateEntry(entry).Open(), new UTF8Encoding(false));
            await w.WriteAsync(text);
        }
        return zip;
    }

    private const string List = "Mã hồ sơ;Họ tên;Loại;Phong trào;Trạng thái;Cơ quan đề xuất\nS-1;Lê Văn Sơn;Cá nhân;Dân vận khéo;Đã duyệt;Xã S\n";

    [Fact]
    public async Task Rows_of_a_package_whose_name_holds_the_separator_are_reported_by_their_entry()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        var zip = await ZipAsync(bed, "đợt 1 › xã S.zip", ("danh-sach/ds.csv", List));

        var row = (await bed.ImportAsync(zip)).Single().RowFor("S-1");

        Assert.Equal(RowOutcome.Created, row.Outcome);
        Assert.Equal("danh-sach/ds.csv", row.Source);
        await using var db = bed.OpenDb();
        Assert.Equal("đợt 1 › xã S.zip › danh-sach/ds.csv", await db.Exemplars.Select(e => e.SourceFile).SingleAsync());
    }

    [Fact]
    public async Task An_article_sent_again_in_a_package_of_another_name_updates_the_one_from_the_same_entry()
    {
        await using var bed = await ImportTestBed.CreateAsync();
        const string story = "---\ntitle: {0}\nexemplar: S-1\n---\nAnh Sơn vận động bà con.\n";
        var first = await ZipAsync(bed, "goi-thang-1.zip", ("ds.csv", List), ("bai/son.md", string.Format(story, "Người dân vận khéo")));
        Assert.True((await bed.ImportAsync(first)).AllImported);

        var second = await ZipAsync(bed, "goi-thang-2.zip", ("ds.csv", List), ("bai/son.md", string.Format(story, "Anh Sơn, người dân vận khéo")));
        var article = (await bed.ImportAsync(second)).Single().Rows.Single(r => r.Kind == "article");

        Assert.Equal(RowOutcome.Updated, article.Outcome);
        Assert.Equal("bai/son.md", article.Source);
        await using var db = bed.OpenDb();
        var stored = await db.Articles.SingleAsync();
        Assert.Equal(("Anh Sơn, người dân vận khéo", "goi-thang-1.zip › bai/son.md"), (stored.Title, stored.SourceFile));
    }
}
