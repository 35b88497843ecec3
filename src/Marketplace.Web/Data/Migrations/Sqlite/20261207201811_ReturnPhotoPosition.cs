using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReturnPhotoPosition : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ReturnPhotos_ReturnRequestId_UploadedAt",
                table: "ReturnPhotos");

            migrationBuilder.AddColumn<int>(
                name: "Position",
                table: "ReturnPhotos",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_ReturnPhotos_ReturnRequestId_Position",
                table: "ReturnPhotos",
                columns: new[] { "ReturnRequestId", "Position" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ReturnPhotos_ReturnRequestId_Position",
                table: "ReturnPhotos");

            migrationBuilder.DropColumn(
                name: "Position",
                table: "ReturnPhotos");

            migrationBuilder.CreateIndex(
                name: "IX_ReturnPhotos_ReturnRequestId_UploadedAt",
                table: "ReturnPhotos",
                columns: new[] { "ReturnRequestId", "UploadedAt" });
        }
    }
}
