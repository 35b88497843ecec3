using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Web.Data.Migrations.SqlServer
{
    /// <summary>
    /// Header notes are counted apart from the rows they are not about. Imports checked before have theirs
    /// counted from their issues, which put header notes on row 1 (data starts on row 2).
    /// </summary>
    public partial class CountImportHeaderNotes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "HeaderNotes",
                table: "ImportJobs",
                type: "int",
                nullable: false,
                defaultValue: 0);

            // Through EXEC: SQL Server resolves column names when it compiles the deployment script's batch, before
            // the column above exists.
            migrationBuilder.Sql(
                "EXEC(N'UPDATE [ImportJobs] SET [HeaderNotes] = (SELECT COUNT(*) FROM [ImportIssues] i WHERE i.[ImportJobId] = [ImportJobs].[Id] AND i.[Row] = 1)')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "HeaderNotes",
                table: "ImportJobs");
        }
    }
}
