using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Web.Data.Migrations.Sqlite
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
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "BatteryHealthPercent",
                table: "Listings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Cpu",
                table: "Listings",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Functional",
                table: "Listings",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "Working");

            migrationBuilder.AddColumn<string>(
                name: "Manufacturer",
                table: "Listings",
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Model",
                table: "Listings",
                type: "TEXT",
                maxLength: 120,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "PausedAt",
                table: "Listings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RamGb",
                table: "Listings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "ScreenInches",
                table: "Listings",
                type: "INTEGER",
                precision: 4,
                scale: 1,
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "StorageGb",
                table: "Listings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Tier1MinQuantity",
                table: "Listings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Tier1Price",
                table: "Listings",
                type: "INTEGER",
                precision: 18,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Tier2MinQuantity",
                table: "Listings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Tier2Price",
                table: "Listings",
                type: "INTEGER",
                precision: 18,
                scale: 2,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CatalogRevisions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Stamp = table.Column<Guid>(type: "TEXT", nullable: false)
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
