using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GuongSang.Content.Migrations
{
    /// <inheritdoc />
    public partial class ArticleOwnerAndPrivateContactScrub : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "AgencyId",
                table: "Articles",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Articles_AgencyId_Slug",
                table: "Articles",
                columns: new[] { "AgencyId", "Slug" });

            migrationBuilder.AddForeignKey(
                name: "FK_Articles_Agencies_AgencyId",
                table: "Articles",
                column: "AgencyId",
                principalTable: "Agencies",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            // An imported article belongs to the agency of the exemplars it is about; one linked to
            // exemplars of several agencies (or to none) is left without an owner for staff to decide.
            migrationBuilder.Sql("""
                UPDATE "Articles" SET "AgencyId" = (
                    SELECT CASE WHEN COUNT(DISTINCT e."AgencyId") = 1 THEN MIN(e."AgencyId") END
                    FROM "ArticleExemplar" ae JOIN "Exemplars" e ON e."Id" = ae."ExemplarId"
                    WHERE ae."ArticleId" = "Articles"."Id")
                WHERE NOT "IsSample"
                """);

            // A private contact's one place is its exemplar: revisions keep only that it changed, and
            // flagged rows do not keep it at all. JSON functions differ per provider.
            if (migrationBuilder.IsSqlite())
            {
                migrationBuilder.Sql("""
                    UPDATE "Revisions" SET "Changes" = json_set("Changes", '$.PrivateContact', json('{"changed":true}'))
                    WHERE json_type("Changes", '$.PrivateContact') IS NOT NULL
                    """);
                migrationBuilder.Sql("""
                    UPDATE "ImportFlags" SET "Row" = json_remove("Row", '$.privateContact')
                    WHERE json_type("Row", '$.privateContact') IS NOT NULL
                    """);
            }
            else if (migrationBuilder.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
            {
                migrationBuilder.Sql("""
                    UPDATE "Revisions" SET "Changes" = jsonb_set("Changes"::jsonb, '{PrivateContact}', '{"changed":true}'::jsonb)::text
                    WHERE ("Changes"::jsonb -> 'PrivateContact') IS NOT NULL
                    """);
                migrationBuilder.Sql("""
                    UPDATE "ImportFlags" SET "Row" = ("Row"::jsonb - 'privateContact')::text
                    WHERE ("Row"::jsonb -> 'privateContact') IS NOT NULL
                    """);
            }
            else
            {
                throw new NotSupportedException($"No private-contact scrub written for {migrationBuilder.ActiveProvider}.");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Articles_Agencies_AgencyId",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_Articles_AgencyId_Slug",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "AgencyId",
                table: "Articles");
        }
    }
}
