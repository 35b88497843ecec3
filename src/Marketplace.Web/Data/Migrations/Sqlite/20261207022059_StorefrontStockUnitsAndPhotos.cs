using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StorefrontStockUnitsAndPhotos : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "IsSerialized",
                table: "Listings",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "SellerSku",
                table: "Listings",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ListingPhotos",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ListingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Thumbnail = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Width = table.Column<int>(type: "INTEGER", nullable: false),
                    Height = table.Column<int>(type: "INTEGER", nullable: false),
                    AltText = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UploadedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ListingPhotos", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ListingPhotos_Listings_ListingId",
                        column: x => x.ListingId,
                        principalTable: "Listings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ListingUnits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ListingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DeviceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LotId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Serial = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Model = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ModelYear = table.Column<int>(type: "INTEGER", nullable: true),
                    AueDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    BatteryHealthPercent = table.Column<int>(type: "INTEGER", nullable: true),
                    CertificateId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CertificateCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    StockedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    SoldOrderId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SoldAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ListingUnits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ListingUnits_Certificates_CertificateId",
                        column: x => x.CertificateId,
                        principalTable: "Certificates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ListingUnits_Devices_DeviceId",
                        column: x => x.DeviceId,
                        principalTable: "Devices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ListingUnits_Listings_ListingId",
                        column: x => x.ListingId,
                        principalTable: "Listings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Listings_SellerId_SellerSku",
                table: "Listings",
                columns: new[] { "SellerId", "SellerSku" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ListingPhotos_ListingId_UploadedAt",
                table: "ListingPhotos",
                columns: new[] { "ListingId", "UploadedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ListingUnits_CertificateId",
                table: "ListingUnits",
                column: "CertificateId");

            migrationBuilder.CreateIndex(
                name: "IX_ListingUnits_DeviceId",
                table: "ListingUnits",
                column: "DeviceId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ListingUnits_ListingId_Status",
                table: "ListingUnits",
                columns: new[] { "ListingId", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ListingPhotos");

            migrationBuilder.DropTable(
                name: "ListingUnits");

            migrationBuilder.DropIndex(
                name: "IX_Listings_SellerId_SellerSku",
                table: "Listings");

            migrationBuilder.DropColumn(
                name: "IsSerialized",
                table: "Listings");

            migrationBuilder.DropColumn(
                name: "SellerSku",
                table: "Listings");
        }
    }
}
