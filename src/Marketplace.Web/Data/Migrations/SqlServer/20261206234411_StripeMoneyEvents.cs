using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class StripeMoneyEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "AmountReversed",
                table: "Payouts",
                type: "decimal(18,2)",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "TransferConfirmedAt",
                table: "Payouts",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "StripeAccountCheckedAt",
                table: "Organizations",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "StripeChargesEnabled",
                table: "Organizations",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "StripePayoutFailure",
                table: "Organizations",
                type: "nvarchar(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "StripePayoutsEnabled",
                table: "Organizations",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "StripeRequirementsDue",
                table: "Organizations",
                type: "nvarchar(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "HeldAt",
                table: "LotSettlements",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HoldReason",
                table: "LotSettlements",
                type: "nvarchar(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DisputeId",
                table: "Invoices",
                type: "nvarchar(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DisputeStatus",
                table: "Invoices",
                type: "nvarchar(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "FailedCardAttempts",
                table: "Invoices",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "LastPaymentFailure",
                table: "Invoices",
                type: "nvarchar(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "RefundedAmount",
                table: "Invoices",
                type: "decimal(18,2)",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<string>(
                name: "StripeChargeId",
                table: "Invoices",
                type: "nvarchar(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StripePaymentIntentId",
                table: "Invoices",
                type: "nvarchar(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ParkedStripeEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    EventId = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    Type = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    ChargeId = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: true),
                    PaymentIntentId = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: true),
                    Json = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    ParkedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    AppliedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ParkedStripeEvents", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Organizations_StripeAccountId",
                table: "Organizations",
                column: "StripeAccountId");

            migrationBuilder.CreateIndex(
                name: "IX_Invoices_StripeChargeId",
                table: "Invoices",
                column: "StripeChargeId");

            migrationBuilder.CreateIndex(
                name: "IX_Invoices_StripePaymentIntentId",
                table: "Invoices",
                column: "StripePaymentIntentId");

            migrationBuilder.CreateIndex(
                name: "IX_ParkedStripeEvents_ChargeId",
                table: "ParkedStripeEvents",
                column: "ChargeId");

            migrationBuilder.CreateIndex(
                name: "IX_ParkedStripeEvents_EventId",
                table: "ParkedStripeEvents",
                column: "EventId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ParkedStripeEvents_PaymentIntentId",
                table: "ParkedStripeEvents",
                column: "PaymentIntentId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ParkedStripeEvents");

            migrationBuilder.DropIndex(
                name: "IX_Organizations_StripeAccountId",
                table: "Organizations");

            migrationBuilder.DropIndex(
                name: "IX_Invoices_StripeChargeId",
                table: "Invoices");

            migrationBuilder.DropIndex(
                name: "IX_Invoices_StripePaymentIntentId",
                table: "Invoices");

            migrationBuilder.DropColumn(
                name: "AmountReversed",
                table: "Payouts");

            migrationBuilder.DropColumn(
                name: "TransferConfirmedAt",
                table: "Payouts");

            migrationBuilder.DropColumn(
                name: "StripeAccountCheckedAt",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "StripeChargesEnabled",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "StripePayoutFailure",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "StripePayoutsEnabled",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "StripeRequirementsDue",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "HeldAt",
                table: "LotSettlements");

            migrationBuilder.DropColumn(
                name: "HoldReason",
                table: "LotSettlements");

            migrationBuilder.DropColumn(
                name: "DisputeId",
                table: "Invoices");

            migrationBuilder.DropColumn(
                name: "DisputeStatus",
                table: "Invoices");

            migrationBuilder.DropColumn(
                name: "FailedCardAttempts",
                table: "Invoices");

            migrationBuilder.DropColumn(
                name: "LastPaymentFailure",
                table: "Invoices");

            migrationBuilder.DropColumn(
                name: "RefundedAmount",
                table: "Invoices");

            migrationBuilder.DropColumn(
                name: "StripeChargeId",
                table: "Invoices");

            migrationBuilder.DropColumn(
                name: "StripePaymentIntentId",
                table: "Invoices");
        }
    }
}
