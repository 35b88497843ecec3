using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Web.Data.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "NetTermsDays",
                table: "Organizations",
                type: "INTEGER",
                nullable: false,
                defaultValue: 30);

            migrationBuilder.AddColumn<int>(
                name: "FeeScheduleId",
                table: "Orders",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "StorefrontCommission",
                table: "Orders",
                type: "INTEGER",
                precision: 18,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "StorefrontCommissionRate",
                table: "Orders",
                type: "INTEGER",
                precision: 9,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "AmountReceived",
                table: "Invoices",
                type: "INTEGER",
                precision: 18,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "NetTermsDays",
                table: "Invoices",
                type: "INTEGER",
                nullable: false,
                defaultValue: 30);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ReceivedOn",
                table: "Invoices",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CreatedBy",
                table: "FeeSchedules",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "EffectiveFrom",
                table: "FeeSchedules",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "MinimumBuyerPremium",
                table: "FeeSchedules",
                type: "INTEGER",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "MinimumSellerCommission",
                table: "FeeSchedules",
                type: "INTEGER",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "MinimumStorefrontCommission",
                table: "FeeSchedules",
                type: "INTEGER",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "Reason",
                table: "FeeSchedules",
                type: "TEXT",
                maxLength: 400,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "InvoiceReminders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    InvoiceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: false)
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
                values: new object[] { null, null, 0L, 0L, 0L, null });

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
            migrationBuilder.Sql("UPDATE \"Sales\" SET \"FeeScheduleId\" = 1 WHERE \"HammerPrice\" IS NOT NULL;");
            migrationBuilder.Sql("UPDATE \"Orders\" SET \"FeeScheduleId\" = 1;");

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
