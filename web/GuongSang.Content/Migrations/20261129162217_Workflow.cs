using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GuongSang.Content.Migrations
{
    /// <inheritdoc />
    public partial class Workflow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "CorrectedAt",
                table: "Exemplars",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CorrectionNote",
                table: "Exemplars",
                type: "TEXT",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ScheduledAt",
                table: "Exemplars",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Exemplars",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "WithdrawalReason",
                table: "Exemplars",
                type: "TEXT",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "WithdrawnAt",
                table: "Exemplars",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "CorrectedAt",
                table: "Articles",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CorrectionNote",
                table: "Articles",
                type: "TEXT",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CreatedBy",
                table: "Articles",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ScheduledAt",
                table: "Articles",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Articles",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "WithdrawalReason",
                table: "Articles",
                type: "TEXT",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "WithdrawnAt",
                table: "Articles",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Exemplars_Status_ScheduledAt",
                table: "Exemplars",
                columns: new[] { "Status", "ScheduledAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Articles_Status_ScheduledAt",
                table: "Articles",
                columns: new[] { "Status", "ScheduledAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Exemplars_Status_ScheduledAt",
                table: "Exemplars");

            migrationBuilder.DropIndex(
                name: "IX_Articles_Status_ScheduledAt",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "CorrectedAt",
                table: "Exemplars");

            migrationBuilder.DropColumn(
                name: "CorrectionNote",
                table: "Exemplars");

            migrationBuilder.DropColumn(
                name: "ScheduledAt",
                table: "Exemplars");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Exemplars");

            migrationBuilder.DropColumn(
                name: "WithdrawalReason",
                table: "Exemplars");

            migrationBuilder.DropColumn(
                name: "WithdrawnAt",
                table: "Exemplars");

            migrationBuilder.DropColumn(
                name: "CorrectedAt",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "CorrectionNote",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "CreatedBy",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "ScheduledAt",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "WithdrawalReason",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "WithdrawnAt",
                table: "Articles");
        }
    }
}
