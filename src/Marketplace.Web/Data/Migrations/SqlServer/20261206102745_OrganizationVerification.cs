using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Web.Data.Migrations.SqlServer
{
    /// <summary>
    /// Organizations get a standing (applied, verified, rejected, suspended), identifiers, an address and a contact phone; their
    /// documents (W-9, tax-exempt and reseller certificates, certifications) get a table of their own with their files apart.
    /// An organization that was verified is Verified; its R2v3, e-Stewards or NAID AAA certification becomes an approved
    /// document (pending if the organization was not verified), with no file.
    /// </summary>
    public partial class OrganizationVerification : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Data first: the old verification and certification columns are kept aside before the columns change.
            migrationBuilder.Sql(Exec(KeepOldColumns));
            migrationBuilder.DropColumn(
                name: "CertificationExpires",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "CertificationNumber",
                table: "Organizations");

            migrationBuilder.RenameColumn(
                name: "IsVerified",
                table: "Organizations",
                newName: "IsPrivateSchool");

            migrationBuilder.RenameColumn(
                name: "Certification",
                table: "Organizations",
                newName: "Status");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "AppliedAt",
                table: "Organizations",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Ein",
                table: "Organizations",
                type: "nvarchar(10)",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NcesId",
                table: "Organizations",
                type: "nvarchar(12)",
                maxLength: 12,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Phone",
                table: "Organizations",
                type: "nvarchar(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PostalCode",
                table: "Organizations",
                type: "nvarchar(10)",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "StatusChangedAt",
                table: "Organizations",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StatusChangedBy",
                table: "Organizations",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StatusReason",
                table: "Organizations",
                type: "nvarchar(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Street",
                table: "Organizations",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Organizations",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "OrganizationDocuments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Number = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Issuer = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    IssuedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ExpiresOn = table.Column<DateOnly>(type: "date", nullable: true),
                    TaxExemptForm = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    ExemptionReason = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    FileName = table.Column<string>(type: "nvarchar(255)", maxLength: 255, nullable: true),
                    ContentType = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    FileSize = table.Column<long>(type: "bigint", nullable: false),
                    UploadedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    UploadedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    UploadedByUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Status = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    ReviewedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    ReviewedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    ReviewedByUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    RejectionReason = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    SupersededAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    SupersededById = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    ThirtyDayNoticeSentAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    SevenDayNoticeSentAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    ExpiredNoticeSentAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrganizationDocuments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OrganizationDocuments_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "OrganizationDocumentFiles",
                columns: table => new
                {
                    DocumentId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Content = table.Column<byte[]>(type: "varbinary(max)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrganizationDocumentFiles", x => x.DocumentId);
                    table.ForeignKey(
                        name: "FK_OrganizationDocumentFiles_OrganizationDocuments_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "OrganizationDocuments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Organizations_Ein",
                table: "Organizations",
                column: "Ein");

            migrationBuilder.CreateIndex(
                name: "IX_Organizations_Status_Kind",
                table: "Organizations",
                columns: new[] { "Status", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_OrganizationDocuments_OrganizationId_Kind",
                table: "OrganizationDocuments",
                columns: new[] { "OrganizationId", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_OrganizationDocuments_Status_ExpiresOn",
                table: "OrganizationDocuments",
                columns: new[] { "Status", "ExpiresOn" });

            migrationBuilder.Sql(Exec(CarryOverStandingAndCertifications));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OrganizationDocumentFiles");

            migrationBuilder.DropTable(
                name: "OrganizationDocuments");

            migrationBuilder.DropIndex(
                name: "IX_Organizations_Ein",
                table: "Organizations");

            migrationBuilder.DropIndex(
                name: "IX_Organizations_Status_Kind",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "AppliedAt",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "Ein",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "NcesId",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "Phone",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "PostalCode",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "StatusChangedAt",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "StatusChangedBy",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "StatusReason",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "Street",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Organizations");

            migrationBuilder.RenameColumn(
                name: "Status",
                table: "Organizations",
                newName: "Certification");

            migrationBuilder.RenameColumn(
                name: "IsPrivateSchool",
                table: "Organizations",
                newName: "IsVerified");

            migrationBuilder.AddColumn<DateOnly>(
                name: "CertificationExpires",
                table: "Organizations",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CertificationNumber",
                table: "Organizations",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);
        }

        /// <summary>Keeps the columns this migration drops or reuses, whatever EF's column renames make of them.</summary>
        private const string KeepOldColumns = """
            SELECT [Id], [IsVerified], [Certification], [CertificationNumber], [CertificationExpires]
            INTO [__OrganizationVerification] FROM [Organizations];
            """;

        /// <summary>Sets every existing organization's standing (and the columns EF may have renamed old ones into) and carries each certification over as a document.</summary>
        private const string CarryOverStandingAndCertifications = """
            UPDATE o SET
                o.[Status] = CASE WHEN v.[IsVerified] = 1 THEN N'Verified' ELSE N'Applied' END,
                o.[Version] = 0,
                o.[IsPrivateSchool] = 0
            FROM [Organizations] o LEFT JOIN [__OrganizationVerification] v ON v.[Id] = o.[Id];

            INSERT INTO [OrganizationDocuments] ([Id], [OrganizationId], [Kind], [Number], [Issuer], [IssuedOn], [ExpiresOn],
                [FileSize], [UploadedAt], [UploadedBy], [Status], [ReviewedAt], [ReviewedBy], [Version])
            SELECT NEWID(), v.[Id], v.[Certification], COALESCE(NULLIF(LTRIM(RTRIM(v.[CertificationNumber])), N''), N'not recorded'),
                CASE v.[Certification] WHEN N'R2v3' THEN N'SERI (Sustainable Electronics Recycling International)'
                    WHEN N'EStewards' THEN N'Basel Action Network (e-Stewards)' ELSE N'i-SIGMA (NAID AAA)' END,
                DATEADD(year, -3, v.[CertificationExpires]), v.[CertificationExpires],
                0, SYSDATETIMEOFFSET(), N'Carried over from the organization record',
                CASE WHEN v.[IsVerified] = 1 THEN N'Approved' ELSE N'Pending' END,
                CASE WHEN v.[IsVerified] = 1 THEN SYSDATETIMEOFFSET() END,
                CASE WHEN v.[IsVerified] = 1 THEN N'Carried over (the organization was verified)' END,
                0
            FROM [__OrganizationVerification] v
            WHERE v.[Certification] IN (N'R2v3', N'EStewards', N'NaidAaa') AND v.[CertificationExpires] IS NOT NULL;

            DROP TABLE [__OrganizationVerification];
            """;

        // Through EXEC, so that the idempotent deployment script still compiles on a database past this migration (SQL Server
        // resolves the old column names when it compiles a batch, even in a skipped branch).
        private static string Exec(string sql) => $"EXEC(N'{sql.Replace("'", "''", StringComparison.Ordinal)}')";
    }
}
