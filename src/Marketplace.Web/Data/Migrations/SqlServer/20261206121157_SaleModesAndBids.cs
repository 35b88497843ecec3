using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class SaleModesAndBids : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "BidCount",
                table: "Sales",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<decimal>(
                name: "BuyNowPrice",
                table: "Sales",
                type: "decimal(18,2)",
                precision: 18,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ClosesAt",
                table: "Sales",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "CurrentPrice",
                table: "Sales",
                type: "decimal(18,2)",
                precision: 18,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DeclinedOffers",
                table: "Sales",
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<Guid>(
                name: "LeaderId",
                table: "Sales",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "LeaderMaximum",
                table: "Sales",
                type: "decimal(18,2)",
                precision: 18,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "MinimumIncrement",
                table: "Sales",
                type: "decimal(18,2)",
                precision: 18,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "OfferExpiresAt",
                table: "Sales",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "OfferPrice",
                table: "Sales",
                type: "decimal(18,2)",
                precision: 18,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "OfferedToId",
                table: "Sales",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PaymentDueAt",
                table: "Sales",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "ReservePrice",
                table: "Sales",
                type: "decimal(18,2)",
                precision: 18,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Round",
                table: "Sales",
                type: "int",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ScheduledCloseAt",
                table: "Sales",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SoftCloseMinutes",
                table: "Sales",
                type: "int",
                nullable: false,
                defaultValue: 5);

            migrationBuilder.AddColumn<decimal>(
                name: "StartPrice",
                table: "Sales",
                type: "decimal(18,2)",
                precision: 18,
                scale: 2,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Bids",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    SaleId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Round = table.Column<int>(type: "int", nullable: false),
                    BidderId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Amount = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: false),
                    PlacedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Replaced = table.Column<bool>(type: "bit", nullable: false),
                    PriceAfter = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: true),
                    LeaderAfter = table.Column<Guid>(type: "uniqueidentifier", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Bids", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Bids_Organizations_BidderId",
                        column: x => x.BidderId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Bids_Sales_SaleId",
                        column: x => x.SaleId,
                        principalTable: "Sales",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Forfeits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    SaleId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    BuyerId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Round = table.Column<int>(type: "int", nullable: false),
                    Amount = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: false),
                    AwardedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ForfeitedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Forfeits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Forfeits_Organizations_BuyerId",
                        column: x => x.BuyerId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Forfeits_Sales_SaleId",
                        column: x => x.SaleId,
                        principalTable: "Sales",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Sales_LeaderId",
                table: "Sales",
                column: "LeaderId");

            migrationBuilder.CreateIndex(
                name: "IX_Sales_OfferedToId",
                table: "Sales",
                column: "OfferedToId");

            migrationBuilder.CreateIndex(
                name: "IX_Sales_Status_ClosesAt",
                table: "Sales",
                columns: new[] { "Status", "ClosesAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Bids_BidderId",
                table: "Bids",
                column: "BidderId");

            migrationBuilder.CreateIndex(
                name: "IX_Bids_SaleId_Round_PlacedAt",
                table: "Bids",
                columns: new[] { "SaleId", "Round", "PlacedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Forfeits_BuyerId",
                table: "Forfeits",
                column: "BuyerId");

            migrationBuilder.CreateIndex(
                name: "IX_Forfeits_SaleId",
                table: "Forfeits",
                column: "SaleId");

            migrationBuilder.AddForeignKey(
                name: "FK_Sales_Organizations_LeaderId",
                table: "Sales",
                column: "LeaderId",
                principalTable: "Organizations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Sales_Organizations_OfferedToId",
                table: "Sales",
                column: "OfferedToId",
                principalTable: "Organizations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Sales_Organizations_LeaderId",
                table: "Sales");

            migrationBuilder.DropForeignKey(
                name: "FK_Sales_Organizations_OfferedToId",
                table: "Sales");

            migrationBuilder.DropTable(
                name: "Bids");

            migrationBuilder.DropTable(
                name: "Forfeits");

            migrationBuilder.DropIndex(
                name: "IX_Sales_LeaderId",
                table: "Sales");

            migrationBuilder.DropIndex(
                name: "IX_Sales_OfferedToId",
                table: "Sales");

            migrationBuilder.DropIndex(
                name: "IX_Sales_Status_ClosesAt",
                table: "Sales");

            migrationBuilder.DropColumn(
                name: "BidCount",
                table: "Sales");

            migrationBuilder.DropColumn(
                name: "BuyNowPrice",
                table: "Sales");

            migrationBuilder.DropColumn(
                name: "ClosesAt",
                table: "Sales");

            migrationBuilder.DropColumn(
                name: "CurrentPrice",
                table: "Sales");

            migrationBuilder.DropColumn(
                name: "DeclinedOffers",
                table: "Sales");

            migrationBuilder.DropColumn(
                name: "LeaderId",
                table: "Sales");

            migrationBuilder.DropColumn(
                name: "LeaderMaximum",
                table: "Sales");

            migrationBuilder.DropColumn(
                name: "MinimumIncrement",
                table: "Sales");

            migrationBuilder.DropColumn(
                name: "OfferExpiresAt",
                table: "Sales");

            migrationBuilder.DropColumn(
                name: "OfferPrice",
                table: "Sales");

            migrationBuilder.DropColumn(
                name: "OfferedToId",
                table: "Sales");

            migrationBuilder.DropColumn(
                name: "PaymentDueAt",
                table: "Sales");

            migrationBuilder.DropColumn(
                name: "ReservePrice",
                table: "Sales");

            migrationBuilder.DropColumn(
                name: "Round",
                table: "Sales");

            migrationBuilder.DropColumn(
                name: "ScheduledCloseAt",
                table: "Sales");

            migrationBuilder.DropColumn(
                name: "SoftCloseMinutes",
                table: "Sales");

            migrationBuilder.DropColumn(
                name: "StartPrice",
                table: "Sales");
        }
    }
}
