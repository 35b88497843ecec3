using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Web.Data.Migrations.Sqlite
{
    /// <summary>
    /// Splits the lot into its sale, escrow, fulfillment and sanitization records, carrying every existing lot's
    /// data across, and adds the inbox of inbound events and idempotency keys.
    /// </summary>
    public partial class ReshapeLotLifecycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Payouts_Organizations_OrganizationId",
                table: "Payouts");

            migrationBuilder.RenameColumn(
                name: "OrganizationId",
                table: "Payouts",
                newName: "PayeeId");

            migrationBuilder.RenameIndex(
                name: "IX_Payouts_OrganizationId",
                table: "Payouts",
                newName: "IX_Payouts_PayeeId");

            migrationBuilder.AddColumn<long>(
                name: "WithdrawnAt",
                table: "Lots",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Manifest_ValuedAt",
                table: "Lots",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ApprovedAt",
                table: "Payouts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ApprovedBy",
                table: "Payouts",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "Manifest_AverageYearsOfUpdatesLeft",
                table: "Lots",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Manifest_ChromebooksPastAue",
                table: "Lots",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Manifest_DataBearingDevices",
                table: "Lots",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Manifest_Devices",
                table: "Lots",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Manifest_ERateRestrictedDevices",
                table: "Lots",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "Manifest_EstimateHigh",
                table: "Lots",
                type: "INTEGER",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "Manifest_EstimateLow",
                table: "Lots",
                type: "INTEGER",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "Manifest_EstimatePoint",
                table: "Lots",
                type: "INTEGER",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "Manifest_FederalDevices",
                table: "Lots",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "Manifest_FederalEquipmentValue",
                table: "Lots",
                type: "INTEGER",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "Manifest_PricedDevices",
                table: "Lots",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Manifest_UnpricedDevices",
                table: "Lots",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "InboxMessages",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ResponseJson = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InboxMessages", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "LotFulfillments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    LotId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DistrictId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BuyerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DeviceCount = table.Column<int>(type: "INTEGER", nullable: false),
                    ReleasedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PickupDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PickupWindow = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    PickupContact = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    PickedUpAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SanitizedCount = table.Column<int>(type: "INTEGER", nullable: false),
                    CertifiedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LotFulfillments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LotFulfillments_Lots_LotId",
                        column: x => x.LotId,
                        principalTable: "Lots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LotFulfillments_Organizations_BuyerId",
                        column: x => x.BuyerId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LotFulfillments_Organizations_DistrictId",
                        column: x => x.DistrictId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "LotSettlements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    LotId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DistrictId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BuyerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    AwardedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FundedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReleasedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PayoutId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SettledAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LotSettlements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LotSettlements_Lots_LotId",
                        column: x => x.LotId,
                        principalTable: "Lots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LotSettlements_Organizations_BuyerId",
                        column: x => x.BuyerId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LotSettlements_Organizations_DistrictId",
                        column: x => x.DistrictId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LotSettlements_Payouts_PayoutId",
                        column: x => x.PayoutId,
                        principalTable: "Payouts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Sales",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    LotId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DistrictId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Mode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    OpenedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    HoldsDataBearingDevices = table.Column<bool>(type: "INTEGER", nullable: false),
                    BuyerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AwardedQuoteId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AwardedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    HammerPrice = table.Column<long>(type: "INTEGER", precision: 18, scale: 2, nullable: true),
                    BuyerPremiumRate = table.Column<long>(type: "INTEGER", precision: 9, scale: 4, nullable: true),
                    SellerCommissionRate = table.Column<long>(type: "INTEGER", precision: 9, scale: 4, nullable: true),
                    BuyerPremium = table.Column<long>(type: "INTEGER", precision: 18, scale: 2, nullable: true),
                    SellerCommission = table.Column<long>(type: "INTEGER", precision: 18, scale: 2, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Sales", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Sales_Lots_LotId",
                        column: x => x.LotId,
                        principalTable: "Lots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Sales_Organizations_BuyerId",
                        column: x => x.BuyerId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Sales_Organizations_DistrictId",
                        column: x => x.DistrictId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SanitizationRecords",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    LotId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DeviceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Attempt = table.Column<int>(type: "INTEGER", nullable: false),
                    Method = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Tool = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Technician = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RecordedByUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SanitizationRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SanitizationRecords_Devices_DeviceId",
                        column: x => x.DeviceId,
                        principalTable: "Devices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SanitizationRecords_Lots_LotId",
                        column: x => x.LotId,
                        principalTable: "Lots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            // The lot's sale, escrow, fulfillment and sanitization records move out of the lot before its old columns go.
            migrationBuilder.Sql(LifecycleData);

            migrationBuilder.DropForeignKey(
                name: "FK_Lots_Organizations_BuyerId",
                table: "Lots");

            migrationBuilder.DropForeignKey(
                name: "FK_Quotes_Lots_LotId",
                table: "Quotes");

            migrationBuilder.DropIndex(
                name: "IX_Lots_BuyerId",
                table: "Lots");

            migrationBuilder.DropIndex(
                name: "IX_Lots_Status",
                table: "Lots");

            migrationBuilder.DropColumn(
                name: "AwardedAt",
                table: "Lots");

            migrationBuilder.DropColumn(
                name: "AwardedQuoteId",
                table: "Lots");

            migrationBuilder.DropColumn(
                name: "BuyerId",
                table: "Lots");

            migrationBuilder.DropColumn(
                name: "CertifiedAt",
                table: "Lots");

            migrationBuilder.DropColumn(
                name: "HammerPrice",
                table: "Lots");

            migrationBuilder.DropColumn(
                name: "PaidAt",
                table: "Lots");

            migrationBuilder.DropColumn(
                name: "PickedUpAt",
                table: "Lots");

            migrationBuilder.DropColumn(
                name: "PickupContact",
                table: "Lots");

            migrationBuilder.DropColumn(
                name: "PickupDate",
                table: "Lots");

            migrationBuilder.DropColumn(
                name: "PickupWindow",
                table: "Lots");

            migrationBuilder.DropColumn(
                name: "SaleMode",
                table: "Lots");

            migrationBuilder.DropColumn(
                name: "SanitizationMethod",
                table: "Devices");

            migrationBuilder.DropColumn(
                name: "SanitizationTool",
                table: "Devices");

            migrationBuilder.DropColumn(
                name: "SanitizedAt",
                table: "Devices");

            migrationBuilder.DropColumn(
                name: "SanitizedBy",
                table: "Devices");

            migrationBuilder.RenameColumn(
                name: "LotId",
                table: "Quotes",
                newName: "SaleId");

            migrationBuilder.RenameIndex(
                name: "IX_Quotes_LotId_RefurbisherId",
                table: "Quotes",
                newName: "IX_Quotes_SaleId_RefurbisherId");

            migrationBuilder.DropColumn(
                name: "SettledAt",
                table: "Lots");

            migrationBuilder.DropColumn(
                name: "ReceivedAt",
                table: "Lots");

            migrationBuilder.AlterColumn<string>(
                name: "Serial",
                table: "Devices",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                collation: "NOCASE",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 64);

            migrationBuilder.AlterColumn<string>(
                name: "AssetTag",
                table: "Devices",
                type: "TEXT",
                maxLength: 64,
                nullable: true,
                collation: "NOCASE",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 64,
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Payouts_Status",
                table: "Payouts",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_LedgerTransactions_LotId",
                table: "LedgerTransactions",
                column: "LotId");

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_OrganizationId_Account",
                table: "LedgerEntries",
                columns: new[] { "OrganizationId", "Account" });

            migrationBuilder.CreateIndex(
                name: "IX_Devices_AssetTag",
                table: "Devices",
                column: "AssetTag");

            migrationBuilder.CreateIndex(
                name: "IX_InboxMessages_ReceivedAt",
                table: "InboxMessages",
                column: "ReceivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_LotFulfillments_BuyerId",
                table: "LotFulfillments",
                column: "BuyerId");

            migrationBuilder.CreateIndex(
                name: "IX_LotFulfillments_DistrictId",
                table: "LotFulfillments",
                column: "DistrictId");

            migrationBuilder.CreateIndex(
                name: "IX_LotFulfillments_LotId",
                table: "LotFulfillments",
                column: "LotId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LotSettlements_BuyerId",
                table: "LotSettlements",
                column: "BuyerId");

            migrationBuilder.CreateIndex(
                name: "IX_LotSettlements_DistrictId_Status",
                table: "LotSettlements",
                columns: new[] { "DistrictId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_LotSettlements_LotId",
                table: "LotSettlements",
                column: "LotId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LotSettlements_PayoutId",
                table: "LotSettlements",
                column: "PayoutId");

            migrationBuilder.CreateIndex(
                name: "IX_Sales_BuyerId",
                table: "Sales",
                column: "BuyerId");

            migrationBuilder.CreateIndex(
                name: "IX_Sales_DistrictId",
                table: "Sales",
                column: "DistrictId");

            migrationBuilder.CreateIndex(
                name: "IX_Sales_LotId",
                table: "Sales",
                column: "LotId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Sales_Status_OpenedAt",
                table: "Sales",
                columns: new[] { "Status", "OpenedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SanitizationRecords_DeviceId_Attempt",
                table: "SanitizationRecords",
                columns: new[] { "DeviceId", "Attempt" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SanitizationRecords_LotId",
                table: "SanitizationRecords",
                column: "LotId");

            migrationBuilder.AddForeignKey(
                name: "FK_Payouts_Organizations_PayeeId",
                table: "Payouts",
                column: "PayeeId",
                principalTable: "Organizations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Quotes_Sales_SaleId",
                table: "Quotes",
                column: "SaleId",
                principalTable: "Sales",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The lot's lifecycle was split into sale, fulfillment, settlement and sanitization records, with
            // ledger postings rewritten; putting it back together is a restore from the backup taken before deploying.
            throw new NotSupportedException("ReshapeLotLifecycle cannot be reverted; restore the database from a backup.");
        }

        /// <summary>Moves each lot's sale, escrow, fulfillment and sanitization from the old lot and device columns into their new tables.</summary>
        private const string LifecycleData = """
            -- Sales: one per lot that was ever listed. Sale.Id = Lot.Id, so each quote's LotId becomes its SaleId as it is.
            INSERT INTO "Sales" ("Id", "LotId", "DistrictId", "Mode", "Status", "Currency", "OpenedAt", "ClosedAt",
                "HoldsDataBearingDevices", "BuyerId", "AwardedQuoteId", "AwardedAt", "HammerPrice", "BuyerPremiumRate",
                "SellerCommissionRate", "BuyerPremium", "SellerCommission", "Version")
            SELECT l."Id", l."Id", l."DistrictId", l."SaleMode",
                CASE WHEN l."BuyerId" IS NOT NULL THEN 'Awarded' WHEN l."Status" = 'Withdrawn' THEN 'Cancelled' ELSE 'Open' END,
                l."Currency", l."ListedAt", l."AwardedAt",
                EXISTS (SELECT 1 FROM "Devices" d WHERE d."LotId" = l."Id" AND d."Category" <> 'Other'),
                l."BuyerId", l."AwardedQuoteId", l."AwardedAt", l."HammerPrice",
                CASE WHEN l."HammerPrice" IS NULL THEN NULL ELSE COALESCE(f."BuyerPremiumRate", 0) END,
                CASE WHEN l."HammerPrice" IS NULL THEN NULL ELSE COALESCE(f."SellerCommissionRate", 0) END,
                CASE WHEN l."HammerPrice" IS NULL THEN NULL ELSE CAST(ROUND(l."HammerPrice" * COALESCE(f."BuyerPremiumRate", 0) / 1000000.0) AS INTEGER) * 100 END,
                CASE WHEN l."HammerPrice" IS NULL THEN NULL ELSE CAST(ROUND(l."HammerPrice" * COALESCE(f."SellerCommissionRate", 0) / 1000000.0) AS INTEGER) * 100 END,
                0
            FROM "Lots" l LEFT JOIN "FeeSchedules" f ON f."Id" = 1
            WHERE l."ListedAt" IS NOT NULL;

            -- Escrow for every awarded lot: paid lots hold their money; a recorded payout releases it; a sent one settles the lot.
            INSERT INTO "LotSettlements" ("Id", "LotId", "DistrictId", "BuyerId", "Currency", "Status", "AwardedAt",
                "FundedAt", "ReleasedAt", "PayoutId", "SettledAt", "Version")
            SELECT l."Id", l."Id", l."DistrictId", l."BuyerId", l."Currency",
                CASE WHEN p."Status" = 'Sent' THEN 'Settled' WHEN p."Id" IS NOT NULL THEN 'PayoutPending' WHEN l."PaidAt" IS NOT NULL THEN 'Held' ELSE 'AwaitingPayment' END,
                COALESCE(l."AwardedAt", l."ListedAt", l."CreatedAt"), l."PaidAt", p."RecordedAt", p."Id",
                CASE WHEN p."Status" = 'Sent' THEN COALESCE(p."SentAt", l."SettledAt") ELSE NULL END,
                0
            FROM "Lots" l LEFT JOIN "Payouts" p ON p."LotId" = l."Id"
            WHERE l."BuyerId" IS NOT NULL;

            -- Fulfillment of every paid lot, with its device count and how many serials were sanitized.
            INSERT INTO "LotFulfillments" ("Id", "LotId", "DistrictId", "BuyerId", "DeviceCount", "ReleasedAt", "PickupDate",
                "PickupWindow", "PickupContact", "PickedUpAt", "ReceivedAt", "SanitizedCount", "CertifiedAt", "Version")
            SELECT l."Id", l."Id", l."DistrictId", l."BuyerId",
                (SELECT COUNT(*) FROM "Devices" d WHERE d."LotId" = l."Id"),
                l."PaidAt", l."PickupDate", l."PickupWindow", l."PickupContact", l."PickedUpAt", l."ReceivedAt",
                (SELECT COUNT(*) FROM "Devices" d WHERE d."LotId" = l."Id" AND d."SanitizedAt" IS NOT NULL AND d."SanitizationMethod" IS NOT NULL),
                l."CertifiedAt", 0
            FROM "Lots" l
            WHERE l."BuyerId" IS NOT NULL AND l."PaidAt" IS NOT NULL;

            -- Each device's sanitization becomes its first record (the user who typed it was not kept).
            INSERT INTO "SanitizationRecords" ("Id", "LotId", "DeviceId", "Attempt", "Method", "Tool", "Technician",
                "RecordedByUserId", "RecordedAt")
            SELECT d."Id", d."LotId", d."Id", 1, d."SanitizationMethod", COALESCE(d."SanitizationTool", ''), COALESCE(d."SanitizedBy", ''),
                '00000000-0000-0000-0000-000000000000', d."SanitizedAt"
            FROM "Devices" d
            WHERE d."SanitizedAt" IS NOT NULL AND d."SanitizationMethod" IS NOT NULL;

            -- Payouts the bank had not confirmed were posted as cash out; under the new chart of accounts they are in transit.
            UPDATE "LedgerEntries"
            SET "Account" = 'PayoutsInTransit',
                "OrganizationId" = (SELECT p."PayeeId" FROM "Payouts" p JOIN "LedgerTransactions" t ON t."LotId" = p."LotId" WHERE t."Id" = "LedgerEntries"."TransactionId")
            WHERE "Account" = 'Cash' AND "TransactionId" IN (
                SELECT t."Id" FROM "LedgerTransactions" t JOIN "Payouts" p ON p."LotId" = t."LotId"
                WHERE t."Source" = 'DistrictPayout' AND p."Status" = 'AwaitingRelease');

            UPDATE "LedgerTransactions"
            SET "Source" = 'DistrictPayoutReleased',
                "IdempotencyKey" = 'payout-released:' || (SELECT lower(p."Id") FROM "Payouts" p WHERE p."LotId" = "LedgerTransactions"."LotId")
            WHERE "Source" = 'DistrictPayout' AND "LotId" IN (SELECT p."LotId" FROM "Payouts" p WHERE p."Status" = 'AwaitingRelease');

            UPDATE "LedgerTransactions"
            SET "Source" = 'DistrictPayoutSent',
                "IdempotencyKey" = 'payout-sent:' || (SELECT lower(p."Id") FROM "Payouts" p WHERE p."LotId" = "LedgerTransactions"."LotId")
            WHERE "Source" = 'DistrictPayout';

            UPDATE "Payouts" SET "Status" = 'InTransit', "ApprovedAt" = "RecordedAt", "ApprovedBy" = 'Recorded before payout approvals'
            WHERE "Status" = 'AwaitingRelease';

            UPDATE "Payouts" SET "ApprovedAt" = "RecordedAt" WHERE "Status" = 'Sent' AND "ApprovedAt" IS NULL;

            -- The lot keeps only its own listing state; its manifest summary is recomputed at start-up (Manifest_ValuedAt is null).
            UPDATE "Lots" SET "Status" = 'Listed' WHERE "Status" NOT IN ('Draft', 'Withdrawn');

            UPDATE "Lots"
            SET "Manifest_Devices" = (SELECT COUNT(*) FROM "Devices" d WHERE d."LotId" = "Lots"."Id"),
                "Manifest_DataBearingDevices" = (SELECT COUNT(*) FROM "Devices" d WHERE d."LotId" = "Lots"."Id" AND d."Category" <> 'Other');
            """;
    }
}
