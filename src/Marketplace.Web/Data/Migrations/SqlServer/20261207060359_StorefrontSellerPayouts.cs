using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class StorefrontSellerPayouts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Payouts_LotId",
                table: "Payouts");

            migrationBuilder.AlterColumn<Guid>(
                name: "LotId",
                table: "Payouts",
                type: "uniqueidentifier",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uniqueidentifier");

            migrationBuilder.AddColumn<Guid>(
                name: "OrderId",
                table: "Payouts",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Payouts_LotId",
                table: "Payouts",
                column: "LotId",
                unique: true,
                filter: "[LotId] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Payouts_OrderId",
                table: "Payouts",
                column: "OrderId",
                unique: true,
                filter: "[OrderId] IS NOT NULL");

            migrationBuilder.AddForeignKey(
                name: "FK_Payouts_Orders_OrderId",
                table: "Payouts",
                column: "OrderId",
                principalTable: "Orders",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Payouts_Orders_OrderId",
                table: "Payouts");

            migrationBuilder.DropIndex(
                name: "IX_Payouts_LotId",
                table: "Payouts");

            migrationBuilder.DropIndex(
                name: "IX_Payouts_OrderId",
                table: "Payouts");

            migrationBuilder.DropColumn(
                name: "OrderId",
                table: "Payouts");

            migrationBuilder.AlterColumn<Guid>(
                name: "LotId",
                table: "Payouts",
                type: "uniqueidentifier",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uniqueidentifier",
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Payouts_LotId",
                table: "Payouts",
                column: "LotId",
                unique: true);
        }
    }
}
