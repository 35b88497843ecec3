using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Web.Data.Migrations.Sqlite
{
    /// <summary>
    /// Devices keep what asset-system exports say about them: model number, purchase cost, planned end of life
    /// and the asset status as written there. All optional: devices imported before simply have none.
    /// </summary>
    public partial class ReadAssetSystemColumns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AssetStatus",
                table: "Devices",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "EndOfLife",
                table: "Devices",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ModelNumber",
                table: "Devices",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "PurchaseCost",
                table: "Devices",
                type: "INTEGER",
                precision: 18,
                scale: 2,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AssetStatus",
                table: "Devices");

            migrationBuilder.DropColumn(
                name: "EndOfLife",
                table: "Devices");

            migrationBuilder.DropColumn(
                name: "ModelNumber",
                table: "Devices");

            migrationBuilder.DropColumn(
                name: "PurchaseCost",
                table: "Devices");
        }
    }
}
