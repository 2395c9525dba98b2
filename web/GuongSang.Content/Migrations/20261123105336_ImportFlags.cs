using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GuongSang.Content.Migrations
{
    /// <inheritdoc />
    public partial class ImportFlags : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ImportFlags",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AgencyId = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    SimilarExemplarId = table.Column<int>(type: "INTEGER", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    SourceFile = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    SourceRow = table.Column<int>(type: "INTEGER", nullable: true),
                    Row = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Resolution = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    ResolvedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ResolvedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportFlags", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ImportFlags_Agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ImportFlags_Exemplars_SimilarExemplarId",
                        column: x => x.SimilarExemplarId,
                        principalTable: "Exemplars",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ImportFlags_AgencyId_Code",
                table: "ImportFlags",
                columns: new[] { "AgencyId", "Code" });

            migrationBuilder.CreateIndex(
                name: "IX_ImportFlags_Resolution",
                table: "ImportFlags",
                column: "Resolution");

            migrationBuilder.CreateIndex(
                name: "IX_ImportFlags_SimilarExemplarId",
                table: "ImportFlags",
                column: "SimilarExemplarId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ImportFlags");
        }
    }
}
