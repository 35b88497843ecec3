using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StripeMoneyEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "AmountReversed",
                table: "Payouts",
                type: "INTEGER",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "TransferConfirmedAt",
                table: "Payouts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "StripeAccountCheckedAt",
                table: "Organizations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "StripeChargesEnabled",
                table: "Organizations",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "StripePayoutFailure",
                table: "Organizations",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "StripePayoutsEnabled",
                table: "Organizations",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "StripeRequirementsDue",
                table: "Organizations",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "HeldAt",
                table: "LotSettlements",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HoldReason",
                table: "LotSettlements",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DisputeId",
                table: "Invoices",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DisputeStatus",
                table: "Invoices",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "FailedCardAttempts",
                table: "Invoices",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "LastPaymentFailure",
                table: "Invoices",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RefundedAmount",
                table: "Invoices",
                type: "INTEGER",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "StripeChargeId",
                table: "Invoices",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StripePaymentIntentId",
                table: "Invoices",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ParkedStripeEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EventId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ChargeId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    PaymentIntentId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    Json = table.Column<string>(type: "TEXT", nullable: false),
                    ParkedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AppliedAt = table.Column<long>(type: "INTEGER", nullable: true)
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
