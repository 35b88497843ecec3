using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class CatalogSequence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "CatalogSequence",
                table: "Listings",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "Sequence",
                table: "CatalogRevisions",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.UpdateData(
                table: "CatalogRevisions",
                keyColumn: "Id",
                keyValue: 1,
                column: "Sequence",
                value: 0L);

            migrationBuilder.CreateIndex(
                name: "IX_Listings_CatalogSequence",
                table: "Listings",
                column: "CatalogSequence");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Listings_CatalogSequence",
                table: "Listings");

            migrationBuilder.DropColumn(
                name: "CatalogSequence",
                table: "Listings");

            migrationBuilder.DropColumn(
                name: "Sequence",
                table: "CatalogRevisions");
        }
    }
}
