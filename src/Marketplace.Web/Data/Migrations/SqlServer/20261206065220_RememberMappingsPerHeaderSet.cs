using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Web.Data.Migrations.SqlServer
{
    /// <summary>
    /// A remembered column mapping is keyed by the header set it was chosen for. Mappings remembered before
    /// are dropped: nobody knows which headers they were learned from, and applying them to any file was the
    /// defect (a Google export's "status" read as enrollment in an asset system's sheet). Districts lose only
    /// a pre-selection.
    /// </summary>
    public partial class RememberMappingsPerHeaderSet : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DELETE FROM [ImportMappings]");

            migrationBuilder.DropPrimaryKey(
                name: "PK_ImportMappings",
                table: "ImportMappings");

            migrationBuilder.AddColumn<string>(
                name: "HeaderSet",
                table: "ImportMappings",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddPrimaryKey(
                name: "PK_ImportMappings",
                table: "ImportMappings",
                columns: new[] { "OrganizationId", "HeaderSet" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // One row per district fits the old key; which of several header sets to keep is unknowable.
            migrationBuilder.Sql("DELETE FROM [ImportMappings]");

            migrationBuilder.DropPrimaryKey(
                name: "PK_ImportMappings",
                table: "ImportMappings");

            migrationBuilder.DropColumn(
                name: "HeaderSet",
                table: "ImportMappings");

            migrationBuilder.AddPrimaryKey(
                name: "PK_ImportMappings",
                table: "ImportMappings",
                column: "OrganizationId");
        }
    }
}
