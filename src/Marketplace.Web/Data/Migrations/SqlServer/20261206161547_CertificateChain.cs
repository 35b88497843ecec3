using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Web.Data.Migrations.SqlServer
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
                type: "varchar(64)",
                unicode: false,
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Sequence",
                table: "Certificates",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "Sha256",
                table: "Certificates",
                type: "varchar(64)",
                unicode: false,
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            // Certificates issued before the chain take their places in issue order; their hashes are filled in at start-up
            // (CertificateChainBackfill), as on SQLite.
            // EXEC: the idempotent script compiles each IF block whole, before the column this update names exists.
            migrationBuilder.Sql("EXEC(N'WITH ordered AS (SELECT [Sequence], ROW_NUMBER() OVER (ORDER BY [IssuedAt], [Id]) AS [Place] FROM [Certificates]) UPDATE ordered SET [Sequence] = [Place];')");

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
