using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GuongSang.Content.Migrations
{
    /// <inheritdoc />
    public partial class ArticleSourceDocument : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SourceDocument",
                table: "Articles",
                type: "TEXT",
                maxLength: 400,
                nullable: true);

            // The document is what follows the last '›' of the stored display ("goi.zip › bai/son.md"),
            // or the whole display for a file sent alone. String functions differ per provider.
            if (migrationBuilder.IsSqlite())
            {
                // rtrim with every character but '›' strips back to the last '›'; what follows it is the document.
                migrationBuilder.Sql("""
                    UPDATE "Articles"
                    SET "SourceDocument" = ltrim(substr("SourceFile", length(rtrim("SourceFile", replace("SourceFile", '›', ''))) + 1), ' ')
                    WHERE "SourceFile" IS NOT NULL
                    """);
            }
            else if (migrationBuilder.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
            {
                migrationBuilder.Sql("""
                    UPDATE "Articles" SET "SourceDocument" = regexp_replace("SourceFile", '^.*›\s*', '')
                    WHERE "SourceFile" IS NOT NULL
                    """);
            }
            else
            {
                throw new NotSupportedException($"No source-document backfill written for {migrationBuilder.ActiveProvider}.");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SourceDocument",
                table: "Articles");
        }
    }
}
