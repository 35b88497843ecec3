using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class StorefrontCatalog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Listings_SellerId",
                table: "Listings");

            migrationBuilder.AddColumn<DateOnly>(
                name: "AueDate",
                table: "Listings",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "BatteryHealthPercent",
                table: "Listings",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Cpu",
                table: "Listings",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Functional",
                table: "Listings",
                type: "nvarchar(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "Working");

            migrationBuilder.AddColumn<string>(
                name: "Manufacturer",
                table: "Listings",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Model",
                table: "Listings",
                type: "nvarchar(120)",
                maxLength: 120,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PausedAt",
                table: "Listings",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RamGb",
                table: "Listings",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<decimal>(
                name: "ScreenInches",
                table: "Listings",
                type: "decimal(4,1)",
                precision: 4,
                scale: 1,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<int>(
                name: "StorageGb",
                table: "Listings",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Tier1MinQuantity",
                table: "Listings",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "Tier1Price",
                table: "Listings",
                type: "decimal(18,2)",
                precision: 18,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Tier2MinQuantity",
                table: "Listings",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "Tier2Price",
                table: "Listings",
                type: "decimal(18,2)",
                precision: 18,
                scale: 2,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CatalogRevisions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false),
                    Stamp = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CatalogRevisions", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "CatalogRevisions",
                columns: new[] { "Id", "Stamp" },
                values: new object[] { 1, new Guid("00000000-0000-0000-0000-000000000000") });

            migrationBuilder.CreateIndex(
                name: "IX_Listings_SellerId_CreatedAt",
                table: "Listings",
                columns: new[] { "SellerId", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CatalogRevisions");

            migrationBuilder.DropIndex(
                name: "IX_Listings_SellerId_CreatedAt",
                table: "Listings");

            migrationBuilder.DropColumn(
                name: "AueDate",
                table: "Listings");

            migrationBuilder.DropColumn(
                name: "BatteryHealthPercent",
                table: "Listings");

            migrationBuilder.DropColumn(
                name: "Cpu",
                table: "Listings");

            migrationBuilder.DropColumn(
                name: "Functional",
                table: "Listings");

            migrationBuilder.DropColumn(
                name: "Manufacturer",
                table: "Listings");

            migrationBuilder.DropColumn(
                name: "Model",
                table: "Listings");

            migrationBuilder.DropColumn(
                name: "PausedAt",
                table: "Listings");

            migrationBuilder.DropColumn(
                name: "RamGb",
                table: "Listings");

            migrationBuilder.DropColumn(
                name: "ScreenInches",
                table: "Listings");

            migrationBuilder.DropColumn(
                name: "StorageGb",
                table: "Listings");

            migrationBuilder.DropColumn(
                name: "Tier1MinQuantity",
                table: "Listings");

            migrationBuilder.DropColumn(
                name: "Tier1Price",
                table: "Listings");

            migrationBuilder.DropColumn(
                name: "Tier2MinQuantity",
                table: "Listings");

            migrationBuilder.DropColumn(
                name: "Tier2Price",
                table: "Listings");

            migrationBuilder.CreateIndex(
                name: "IX_Listings_SellerId",
                table: "Listings",
                column: "SellerId");
        }
    }
}
