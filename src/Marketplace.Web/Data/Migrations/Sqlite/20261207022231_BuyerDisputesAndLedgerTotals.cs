using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class BuyerDisputesAndLedgerTotals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BuyerDisputes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    InvoiceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LotId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OrderId = table.Column<Guid>(type: "TEXT", nullable: true),
                    BuyerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SellerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Details = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    AmountClaimed = table.Column<long>(type: "INTEGER", precision: 18, scale: 2, nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    OpenedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    OpenedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    RefundAmount = table.Column<long>(type: "INTEGER", precision: 18, scale: 2, nullable: false),
                    ResolutionNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ResolvedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ResolvedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    StripeRefundId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BuyerDisputes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BuyerDisputes_Invoices_InvoiceId",
                        column: x => x.InvoiceId,
                        principalTable: "Invoices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_BuyerDisputes_Lots_LotId",
                        column: x => x.LotId,
                        principalTable: "Lots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_BuyerDisputes_Orders_OrderId",
                        column: x => x.OrderId,
                        principalTable: "Orders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_BuyerDisputes_Organizations_BuyerId",
                        column: x => x.BuyerId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_BuyerDisputes_Organizations_SellerId",
                        column: x => x.SellerId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "LedgerMonthlyTotals",
                columns: table => new
                {
                    Account = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Period = table.Column<int>(type: "INTEGER", nullable: false),
                    DistrictId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Funding = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Debit = table.Column<long>(type: "INTEGER", precision: 18, scale: 2, nullable: false),
                    Credit = table.Column<long>(type: "INTEGER", precision: 18, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LedgerMonthlyTotals", x => new { x.Account, x.Period, x.DistrictId, x.Funding });
                });

            migrationBuilder.CreateIndex(
                name: "IX_BuyerDisputes_BuyerId",
                table: "BuyerDisputes",
                column: "BuyerId");

            migrationBuilder.CreateIndex(
                name: "IX_BuyerDisputes_InvoiceId",
                table: "BuyerDisputes",
                column: "InvoiceId");

            migrationBuilder.CreateIndex(
                name: "IX_BuyerDisputes_LotId",
                table: "BuyerDisputes",
                column: "LotId");

            migrationBuilder.CreateIndex(
                name: "IX_BuyerDisputes_Number",
                table: "BuyerDisputes",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BuyerDisputes_OrderId",
                table: "BuyerDisputes",
                column: "OrderId");

            migrationBuilder.CreateIndex(
                name: "IX_BuyerDisputes_SellerId",
                table: "BuyerDisputes",
                column: "SellerId");

            migrationBuilder.CreateIndex(
                name: "IX_BuyerDisputes_State_OpenedAt",
                table: "BuyerDisputes",
                columns: new[] { "State", "OpenedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BuyerDisputes");

            migrationBuilder.DropTable(
                name: "LedgerMonthlyTotals");
        }
    }
}
