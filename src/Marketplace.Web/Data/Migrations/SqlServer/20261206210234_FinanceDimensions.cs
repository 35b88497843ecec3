using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Web.Data.Migrations.SqlServer
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
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "DistrictId",
                table: "LedgerTransactions",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "CounterpartyId",
                table: "LedgerEntries",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "DistrictId",
                table: "LedgerEntries",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FundingSource",
                table: "LedgerEntries",
                type: "nvarchar(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "OccurredAt",
                table: "LedgerEntries",
                type: "datetimeoffset",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<int>(
                name: "Period",
                table: "LedgerEntries",
                type: "int",
                nullable: false,
                defaultValue: 0);

            // Existing postings get the dimensions new ones are written with (see the SQLite migration of the same name).
            // EXEC: the new columns are unknown when the batch compiles.
            migrationBuilder.Sql("""
                EXEC(N'UPDATE t SET
                    [DistrictId] = (SELECT l.[DistrictId] FROM [Lots] l WHERE l.[Id] = t.[LotId]),
                    [CounterpartyId] = COALESCE(
                        (SELECT TOP 1 e.[OrganizationId] FROM [LedgerEntries] e WHERE e.[TransactionId] = t.[Id]
                            AND e.[Account] IN (N''BuyerReceivable'', N''BuyerCredits'') AND e.[OrganizationId] IS NOT NULL),
                        (SELECT TOP 1 e.[OrganizationId] FROM [LedgerEntries] e WHERE e.[TransactionId] = t.[Id] AND e.[OrganizationId] IS NOT NULL))
                FROM [LedgerTransactions] t');
                """);
            migrationBuilder.Sql("""
                EXEC(N'UPDATE e SET
                    [OccurredAt] = t.[OccurredAt],
                    [Period] = YEAR(SWITCHOFFSET(t.[OccurredAt], ''+00:00'')) * 100 + MONTH(SWITCHOFFSET(t.[OccurredAt], ''+00:00'')),
                    [DistrictId] = t.[DistrictId],
                    [CounterpartyId] = t.[CounterpartyId],
                    [FundingSource] = CASE WHEN e.[Account] IN (N''DistrictPayable'', N''PlatformFeeRevenue'') AND t.[LotId] IS NOT NULL
                            AND t.[Source] IN (N''LotSale'', N''LotSaleForfeited'', N''ReceivingAdjustment'')
                        THEN COALESCE((SELECT CASE WHEN COUNT(DISTINCT d.[FundingSource]) = 1 THEN MAX(d.[FundingSource]) END
                                       FROM [Devices] d WHERE d.[LotId] = t.[LotId]), N''Unknown'')
                        END
                FROM [LedgerEntries] e JOIN [LedgerTransactions] t ON t.[Id] = e.[TransactionId]');
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
