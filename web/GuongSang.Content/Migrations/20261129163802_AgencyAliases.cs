using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GuongSang.Content.Migrations
{
    /// <inheritdoc />
    public partial class AgencyAliases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AgencyAliases",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AgencyId = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Key = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AgencyAliases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AgencyAliases_Agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AgencyAliases_AgencyId",
                table: "AgencyAliases",
                column: "AgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_AgencyAliases_Code",
                table: "AgencyAliases",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AgencyAliases_Key",
                table: "AgencyAliases",
                column: "Key");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AgencyAliases");
        }
    }
}
