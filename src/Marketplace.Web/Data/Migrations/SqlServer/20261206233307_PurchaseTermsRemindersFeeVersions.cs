using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class PurchaseTermsRemindersFeeVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "FeeScheduleId",
                table: "Sales",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "NetTermsDays",
                table: "Organizations",
                type: "int",
                nullable: false,
                defaultValue: 30);

            migrationBuilder.AddColumn<int>(
                name: "FeeScheduleId",
                table: "Orders",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "StorefrontCommission",
                table: "Orders",
                type: "decimal(18,2)",
                precision: 18,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "StorefrontCommissionRate",
                table: "Orders",
                type: "decimal(9,4)",
                precision: 9,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "AmountReceived",
                table: "Invoices",
                type: "decimal(18,2)",
                precision: 18,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "NetTermsDays",
                table: "Invoices",
                type: "int",
                nullable: false,
                defaultValue: 30);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ReceivedOn",
                table: "Invoices",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CreatedBy",
                table: "FeeSchedules",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "EffectiveFrom",
                table: "FeeSchedules",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "MinimumBuyerPremium",
                table: "FeeSchedules",
                type: "decimal(18,2)",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<decimal>(
                name: "MinimumSellerCommission",
                table: "FeeSchedules",
                type: "decimal(18,2)",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<decimal>(
                name: "MinimumStorefrontCommission",
                table: "FeeSchedules",
                type: "decimal(18,2)",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<string>(
                name: "Reason",
                table: "FeeSchedules",
                type: "nvarchar(400)",
                maxLength: 400,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "InvoiceReminders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    InvoiceId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InvoiceReminders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InvoiceReminders_Invoices_InvoiceId",
                        column: x => x.InvoiceId,
                        principalTable: "Invoices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.UpdateData(
                table: "FeeSchedules",
                keyColumn: "Id",
                keyValue: 1,
                columns: new[] { "CreatedBy", "EffectiveFrom", "MinimumBuyerPremium", "MinimumSellerCommission", "MinimumStorefrontCommission", "Reason" },
                values: new object[] { null, null, 0m, 0m, 0m, null });

            migrationBuilder.CreateIndex(
                name: "IX_Sales_FeeScheduleId",
                table: "Sales",
                column: "FeeScheduleId");

            migrationBuilder.CreateIndex(
                name: "IX_Orders_FeeScheduleId",
                table: "Orders",
                column: "FeeScheduleId");

            migrationBuilder.CreateIndex(
                name: "IX_Invoices_Status_DueOn",
                table: "Invoices",
                columns: new[] { "Status", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_InvoiceReminders_InvoiceId_Kind",
                table: "InvoiceReminders",
                columns: new[] { "InvoiceId", "Kind" },
                unique: true);


            // Back-fill: every award and order so far was priced by the one schedule there was, version 1; invoices so far were net 30.
            migrationBuilder.Sql("EXEC(N'UPDATE [Sales] SET [FeeScheduleId] = 1 WHERE [HammerPrice] IS NOT NULL;')");
            migrationBuilder.Sql("EXEC(N'UPDATE [Orders] SET [FeeScheduleId] = 1;')");

            migrationBuilder.AddForeignKey(
                name: "FK_Orders_FeeSchedules_FeeScheduleId",
                table: "Orders",
                column: "FeeScheduleId",
                principalTable: "FeeSchedules",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Sales_FeeSchedules_FeeScheduleId",
                table: "Sales",
                column: "FeeScheduleId",
                principalTable: "FeeSchedules",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Orders_FeeSchedules_FeeScheduleId",
                table: "Orders");

            migrationBuilder.DropForeignKey(
                name: "FK_Sales_FeeSchedules_FeeScheduleId",
                table: "Sales");

            migrationBuilder.DropTable(
                name: "InvoiceReminders");

            migrationBuilder.DropIndex(
                name: "IX_Sales_FeeScheduleId",
                table: "Sales");

            migrationBuilder.DropIndex(
                name: "IX_Orders_FeeScheduleId",
                table: "Orders");

            migrationBuilder.DropIndex(
                name: "IX_Invoices_Status_DueOn",
                table: "Invoices");

            migrationBuilder.DropColumn(
                name: "FeeScheduleId",
                table: "Sales");

            migrationBuilder.DropColumn(
                name: "NetTermsDays",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "FeeScheduleId",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "StorefrontCommission",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "StorefrontCommissionRate",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "AmountReceived",
                table: "Invoices");

            migrationBuilder.DropColumn(
                name: "NetTermsDays",
                table: "Invoices");

            migrationBuilder.DropColumn(
                name: "ReceivedOn",
                table: "Invoices");

            migrationBuilder.DropColumn(
                name: "CreatedBy",
                table: "FeeSchedules");

            migrationBuilder.DropColumn(
                name: "EffectiveFrom",
                table: "FeeSchedules");

            migrationBuilder.DropColumn(
                name: "MinimumBuyerPremium",
                table: "FeeSchedules");

            migrationBuilder.DropColumn(
                name: "MinimumSellerCommission",
                table: "FeeSchedules");

            migrationBuilder.DropColumn(
                name: "MinimumStorefrontCommission",
                table: "FeeSchedules");

            migrationBuilder.DropColumn(
                name: "Reason",
                table: "FeeSchedules");
        }
    }
}
