using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FederalFundingAwards : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "FundingAwardId",
                table: "Devices",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "FundingAwards",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DistrictId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    AwardDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    FederalPercent = table.Column<long>(type: "INTEGER", precision: 5, scale: 2, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FundingAwards", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FundingAwards_Organizations_DistrictId",
                        column: x => x.DistrictId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Devices_FundingAwardId",
                table: "Devices",
                column: "FundingAwardId");

            migrationBuilder.CreateIndex(
                name: "IX_FundingAwards_DistrictId_Name",
                table: "FundingAwards",
                columns: new[] { "DistrictId", "Name" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Devices_FundingAwards_FundingAwardId",
                table: "Devices",
                column: "FundingAwardId",
                principalTable: "FundingAwards",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Devices_FundingAwards_FundingAwardId",
                table: "Devices");

            migrationBuilder.DropTable(
                name: "FundingAwards");

            migrationBuilder.DropIndex(
                name: "IX_Devices_FundingAwardId",
                table: "Devices");

            migrationBuilder.DropColumn(
                name: "FundingAwardId",
                table: "Devices");
        }
    }
}
