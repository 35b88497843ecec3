using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FinanceDimensions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "CounterpartyId",
                table: "LedgerTransactions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "DistrictId",
                table: "LedgerTransactions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "CounterpartyId",
                table: "LedgerEntries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "DistrictId",
                table: "LedgerEntries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FundingSource",
                table: "LedgerEntries",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "OccurredAt",
                table: "LedgerEntries",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "Period",
                table: "LedgerEntries",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Existing postings get the dimensions new ones are written with: the lot's district, the counterparty the
            // transaction's receivable or payable line names, the transaction's time and month (stored as UTC ticks: the
            // converter keeps ticks / 1000 above 11 bits of offset, and the app writes UTC), and, on the lines that
            // recognise a lot's sale value, the funding of its devices when they share one source (else Unknown: those
            // postings were never split, and a guess would misstate a federal share).
            migrationBuilder.Sql("""
                UPDATE "LedgerTransactions" SET
                    "DistrictId" = (SELECT l."DistrictId" FROM "Lots" l WHERE l."Id" = "LedgerTransactions"."LotId"),
                    "CounterpartyId" = COALESCE(
                        (SELECT e."OrganizationId" FROM "LedgerEntries" e WHERE e."TransactionId" = "LedgerTransactions"."Id"
                            AND e."Account" IN ('BuyerReceivable', 'BuyerCredits') AND e."OrganizationId" IS NOT NULL LIMIT 1),
                        (SELECT e."OrganizationId" FROM "LedgerEntries" e WHERE e."TransactionId" = "LedgerTransactions"."Id"
                            AND e."OrganizationId" IS NOT NULL LIMIT 1));
                """);
            migrationBuilder.Sql("""
                UPDATE "LedgerEntries" SET
                    "OccurredAt" = (SELECT t."OccurredAt" FROM "LedgerTransactions" t WHERE t."Id" = "LedgerEntries"."TransactionId"),
                    "DistrictId" = (SELECT t."DistrictId" FROM "LedgerTransactions" t WHERE t."Id" = "LedgerEntries"."TransactionId"),
                    "CounterpartyId" = (SELECT t."CounterpartyId" FROM "LedgerTransactions" t WHERE t."Id" = "LedgerEntries"."TransactionId");
                """);
            migrationBuilder.Sql("""
                UPDATE "LedgerEntries" SET "FundingSource" =
                    (SELECT CASE WHEN COUNT(DISTINCT d."FundingSource") = 1 THEN MAX(d."FundingSource") ELSE 'Unknown' END
                     FROM "LedgerTransactions" t JOIN "Devices" d ON d."LotId" = t."LotId"
                     WHERE t."Id" = "LedgerEntries"."TransactionId")
                WHERE "Account" IN ('DistrictPayable', 'PlatformFeeRevenue')
                  AND EXISTS (SELECT 1 FROM "LedgerTransactions" t WHERE t."Id" = "LedgerEntries"."TransactionId"
                              AND t."LotId" IS NOT NULL AND t."Source" IN ('LotSale', 'LotSaleForfeited', 'ReceivingAdjustment'));
                """);
            migrationBuilder.Sql("""
                UPDATE "LedgerEntries"
                SET "Period" = CAST(strftime('%Y%m', (("OccurredAt" >> 11) * 1000 - 621355968000000000) / 10000000, 'unixepoch') AS INTEGER);
                """);

            migrationBuilder.CreateIndex(
                name: "IX_LedgerTransactions_OrderId",
                table: "LedgerTransactions",
                column: "OrderId");

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_CounterpartyId_OccurredAt",
                table: "LedgerEntries",
                columns: new[] { "CounterpartyId", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_DistrictId_OccurredAt",
                table: "LedgerEntries",
                columns: new[] { "DistrictId", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_OccurredAt_Id",
                table: "LedgerEntries",
                columns: new[] { "OccurredAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_RevenueReport",
                table: "LedgerEntries",
                columns: new[] { "Account", "FundingSource", "Period", "DistrictId", "CounterpartyId", "Credit", "Debit" });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_TrialBalance",
                table: "LedgerEntries",
                columns: new[] { "Account", "OccurredAt", "Debit", "Credit" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_LedgerTransactions_OrderId",
                table: "LedgerTransactions");

            migrationBuilder.DropIndex(
                name: "IX_LedgerEntries_CounterpartyId_OccurredAt",
                table: "LedgerEntries");

            migrationBuilder.DropIndex(
                name: "IX_LedgerEntries_DistrictId_OccurredAt",
                table: "LedgerEntries");

            migrationBuilder.DropIndex(
                name: "IX_LedgerEntries_OccurredAt_Id",
                table: "LedgerEntries");

            migrationBuilder.DropIndex(
                name: "IX_LedgerEntries_RevenueReport",
                table: "LedgerEntries");

            migrationBuilder.DropIndex(
                name: "IX_LedgerEntries_TrialBalance",
                table: "LedgerEntries");

            migrationBuilder.DropColumn(
                name: "CounterpartyId",
                table: "LedgerTransactions");

            migrationBuilder.DropColumn(
                name: "DistrictId",
                table: "LedgerTransactions");

            migrationBuilder.DropColumn(
                name: "CounterpartyId",
                table: "LedgerEntries");

            migrationBuilder.DropColumn(
                name: "DistrictId",
                table: "LedgerEntries");

            migrationBuilder.DropColumn(
                name: "FundingSource",
                table: "LedgerEntries");

            migrationBuilder.DropColumn(
                name: "OccurredAt",
                table: "LedgerEntries");

            migrationBuilder.DropColumn(
                name: "Period",
                table: "LedgerEntries");
        }
    }
}
