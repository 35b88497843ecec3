using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CertificateChain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PreviousSha256",
                table: "Certificates",
                type: "TEXT",
                unicode: false,
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Sequence",
                table: "Certificates",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "Sha256",
                table: "Certificates",
                type: "TEXT",
                unicode: false,
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            // Certificates issued before the chain take their places in issue order; their hashes are filled in at start-up
            // (CertificateChainBackfill), which SQLite cannot compute.
            migrationBuilder.Sql(@"UPDATE ""Certificates"" SET ""Sequence"" = (SELECT COUNT(*) FROM ""Certificates"" AS ""c2""
                WHERE ""c2"".""IssuedAt"" < ""Certificates"".""IssuedAt"" OR (""c2"".""IssuedAt"" = ""Certificates"".""IssuedAt"" AND ""c2"".""Id"" <= ""Certificates"".""Id""));");

            migrationBuilder.CreateIndex(
                name: "IX_Certificates_Sequence",
                table: "Certificates",
                column: "Sequence",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Certificates_Sequence",
                table: "Certificates");

            migrationBuilder.DropColumn(
                name: "PreviousSha256",
                table: "Certificates");

            migrationBuilder.DropColumn(
                name: "Sequence",
                table: "Certificates");

            migrationBuilder.DropColumn(
                name: "Sha256",
                table: "Certificates");
        }
    }
}
