using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class PickupWindowsHandOverAndCustody : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CollectedBy",
                table: "LotFulfillments",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ExpectedPackages",
                table: "LotFulfillments",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "HandOverRecordedBy",
                table: "LotFulfillments",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "HandedOverPackages",
                table: "LotFulfillments",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OtherWindowsRequest",
                table: "LotFulfillments",
                type: "nvarchar(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "OtherWindowsRequestedAt",
                table: "LotFulfillments",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PickupConfirmedAt",
                table: "LotFulfillments",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PickupDock",
                table: "LotFulfillments",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PickupInstructions",
                table: "LotFulfillments",
                type: "nvarchar(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PickupRevision",
                table: "LotFulfillments",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "ReleasedBy",
                table: "LotFulfillments",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "RemovalDueOn",
                table: "LotFulfillments",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<string>(
                name: "SealNumbers",
                table: "LotFulfillments",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CustodyEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    LotId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    DeviceId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Kind = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Stage = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    At = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    UserId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    ActorName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Place = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: true),
                    Note = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustodyEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CustodyEvents_Devices_DeviceId",
                        column: x => x.DeviceId,
                        principalTable: "Devices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CustodyEvents_Lots_LotId",
                        column: x => x.LotId,
                        principalTable: "Lots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DeviceScans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    LotId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Stage = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    DeviceId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    RawValue = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Value = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Box = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    ScannedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ScannedByUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ScannedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RemovedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    RemovedByUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeviceScans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DeviceScans_Devices_DeviceId",
                        column: x => x.DeviceId,
                        principalTable: "Devices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DeviceScans_Lots_LotId",
                        column: x => x.LotId,
                        principalTable: "Lots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PickupWindowProposals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    FulfillmentId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Starts = table.Column<TimeOnly>(type: "time", nullable: false),
                    Ends = table.Column<TimeOnly>(type: "time", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    ProposedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ProposedByUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ProposedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    DecidedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PickupWindowProposals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PickupWindowProposals_LotFulfillments_FulfillmentId",
                        column: x => x.FulfillmentId,
                        principalTable: "LotFulfillments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Devices_LotId_AssetTag",
                table: "Devices",
                columns: new[] { "LotId", "AssetTag" });

            migrationBuilder.CreateIndex(
                name: "IX_CustodyEvents_DeviceId_At",
                table: "CustodyEvents",
                columns: new[] { "DeviceId", "At" },
                filter: "[DeviceId] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_CustodyEvents_LotId_At",
                table: "CustodyEvents",
                columns: new[] { "LotId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_DeviceScans_DeviceId",
                table: "DeviceScans",
                column: "DeviceId");

            migrationBuilder.CreateIndex(
                name: "IX_DeviceScans_LotId_Stage_DeviceId",
                table: "DeviceScans",
                columns: new[] { "LotId", "Stage", "DeviceId" },
                unique: true,
                filter: "[DeviceId] IS NOT NULL AND [RemovedAt] IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_DeviceScans_LotId_Stage_ScannedAt",
                table: "DeviceScans",
                columns: new[] { "LotId", "Stage", "ScannedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_DeviceScans_LotId_Stage_Value",
                table: "DeviceScans",
                columns: new[] { "LotId", "Stage", "Value" },
                unique: true,
                filter: "[DeviceId] IS NULL AND [RemovedAt] IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_PickupWindowProposals_FulfillmentId",
                table: "PickupWindowProposals",
                column: "FulfillmentId");

            // Lots paid before this release get a removal deadline two calendar weeks after payment: ten business days when no
            // federal holiday falls in between (ReleasedAt is stored as DateTimeOffsetToBinaryConverter's ticks on SQLite).
            migrationBuilder.Sql("""
                UPDATE [LotFulfillments] SET [RemovalDueOn] = CAST(DATEADD(day, 14, [ReleasedAt]) AS date);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CustodyEvents");

            migrationBuilder.DropTable(
                name: "DeviceScans");

            migrationBuilder.DropTable(
                name: "PickupWindowProposals");

            migrationBuilder.DropIndex(
                name: "IX_Devices_LotId_AssetTag",
                table: "Devices");

            migrationBuilder.DropColumn(
                name: "CollectedBy",
                table: "LotFulfillments");

            migrationBuilder.DropColumn(
                name: "ExpectedPackages",
                table: "LotFulfillments");

            migrationBuilder.DropColumn(
                name: "HandOverRecordedBy",
                table: "LotFulfillments");

            migrationBuilder.DropColumn(
                name: "HandedOverPackages",
                table: "LotFulfillments");

            migrationBuilder.DropColumn(
                name: "OtherWindowsRequest",
                table: "LotFulfillments");

            migrationBuilder.DropColumn(
                name: "OtherWindowsRequestedAt",
                table: "LotFulfillments");

            migrationBuilder.DropColumn(
                name: "PickupConfirmedAt",
                table: "LotFulfillments");

            migrationBuilder.DropColumn(
                name: "PickupDock",
                table: "LotFulfillments");

            migrationBuilder.DropColumn(
                name: "PickupInstructions",
                table: "LotFulfillments");

            migrationBuilder.DropColumn(
                name: "PickupRevision",
                table: "LotFulfillments");

            migrationBuilder.DropColumn(
                name: "ReleasedBy",
                table: "LotFulfillments");

            migrationBuilder.DropColumn(
                name: "RemovalDueOn",
                table: "LotFulfillments");

            migrationBuilder.DropColumn(
                name: "SealNumbers",
                table: "LotFulfillments");
        }
    }
}
