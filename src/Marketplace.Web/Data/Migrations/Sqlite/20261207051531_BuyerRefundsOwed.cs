using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class BuyerRefundsOwed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BuyerRefunds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    PayerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    InvoiceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LotId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OrderId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Amount = table.Column<long>(type: "INTEGER", precision: 18, scale: 2, nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    PostingKey = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    OwedSince = table.Column<long>(type: "INTEGER", nullable: false),
                    SentBy = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    SentReference = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BuyerRefunds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BuyerRefunds_Invoices_InvoiceId",
                        column: x => x.InvoiceId,
                        principalTable: "Invoices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_BuyerRefunds_Organizations_PayerId",
                        column: x => x.PayerId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BuyerRefunds_InvoiceId",
                table: "BuyerRefunds",
                column: "InvoiceId");

            migrationBuilder.CreateIndex(
                name: "IX_BuyerRefunds_LotId",
                table: "BuyerRefunds",
                column: "LotId");

            migrationBuilder.CreateIndex(
                name: "IX_BuyerRefunds_Number",
                table: "BuyerRefunds",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BuyerRefunds_OrderId",
                table: "BuyerRefunds",
                column: "OrderId");

            migrationBuilder.CreateIndex(
                name: "IX_BuyerRefunds_PayerId",
                table: "BuyerRefunds",
                column: "PayerId");

            migrationBuilder.CreateIndex(
                name: "IX_BuyerRefunds_PostingKey",
                table: "BuyerRefunds",
                column: "PostingKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BuyerRefunds_SentAt_OwedSince",
                table: "BuyerRefunds",
                columns: new[] { "SentAt", "OwedSince" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BuyerRefunds");
        }
    }
}
