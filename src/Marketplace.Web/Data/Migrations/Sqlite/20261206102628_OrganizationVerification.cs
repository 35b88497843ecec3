using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Web.Data.Migrations.Sqlite
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
            migrationBuilder.Sql(KeepOldColumns);
            migrationBuilder.DropColumn(
                name: "CertificationExpires",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "CertificationNumber",
                table: "Organizations");

            migrationBuilder.RenameColumn(
                name: "IsVerified",
                table: "Organizations",
                newName: "Version");

            migrationBuilder.RenameColumn(
                name: "Certification",
                table: "Organizations",
                newName: "Status");

            migrationBuilder.AddColumn<long>(
                name: "AppliedAt",
                table: "Organizations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Ein",
                table: "Organizations",
                type: "TEXT",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsPrivateSchool",
                table: "Organizations",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "NcesId",
                table: "Organizations",
                type: "TEXT",
                maxLength: 12,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Phone",
                table: "Organizations",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PostalCode",
                table: "Organizations",
                type: "TEXT",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "StatusChangedAt",
                table: "Organizations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StatusChangedBy",
                table: "Organizations",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StatusReason",
                table: "Organizations",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Street",
                table: "Organizations",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "OrganizationDocuments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Issuer = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    IssuedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ExpiresOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    TaxExemptForm = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    ExemptionReason = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    FileSize = table.Column<long>(type: "INTEGER", nullable: false),
                    UploadedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UploadedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UploadedByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ReviewedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReviewedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ReviewedByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RejectionReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    SupersededAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SupersededById = table.Column<Guid>(type: "TEXT", nullable: true),
                    ThirtyDayNoticeSentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SevenDayNoticeSentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ExpiredNoticeSentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
                    DocumentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false)
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

            migrationBuilder.Sql(CarryOverStandingAndCertifications);
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
                name: "IsPrivateSchool",
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

            migrationBuilder.RenameColumn(
                name: "Version",
                table: "Organizations",
                newName: "IsVerified");

            migrationBuilder.RenameColumn(
                name: "Status",
                table: "Organizations",
                newName: "Certification");

            migrationBuilder.AddColumn<DateOnly>(
                name: "CertificationExpires",
                table: "Organizations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CertificationNumber",
                table: "Organizations",
                type: "TEXT",
                maxLength: 64,
                nullable: true);
        }

        /// <summary>Keeps the columns this migration drops or reuses, whatever EF's column renames make of them.</summary>
        private const string KeepOldColumns = """
            CREATE TABLE "__OrganizationVerification" AS
            SELECT "Id", "IsVerified", "Certification", "CertificationNumber", "CertificationExpires" FROM "Organizations";
            """;

        /// <summary>
        /// Sets every existing organization's standing (and the columns EF may have renamed old ones into) and carries each
        /// certification over as a document. Times are UTC ticks packed as EF's DateTimeOffsetToBinaryConverter stores them.
        /// </summary>
        private const string CarryOverStandingAndCertifications = """
            UPDATE "Organizations" SET
                "Status" = COALESCE((SELECT CASE WHEN v."IsVerified" THEN 'Verified' ELSE 'Applied' END
                                     FROM "__OrganizationVerification" v WHERE v."Id" = "Organizations"."Id"), 'Applied'),
                "Version" = 0,
                "IsPrivateSchool" = 0;

            INSERT INTO "OrganizationDocuments" ("Id", "OrganizationId", "Kind", "Number", "Issuer", "IssuedOn", "ExpiresOn",
                "FileSize", "UploadedAt", "UploadedBy", "Status", "ReviewedAt", "ReviewedBy", "Version")
            SELECT
                upper(hex(randomblob(4))) || '-' || upper(hex(randomblob(2))) || '-' || upper(hex(randomblob(2))) || '-'
                    || upper(hex(randomblob(2))) || '-' || upper(hex(randomblob(6))),
                v."Id", v."Certification", COALESCE(NULLIF(trim(v."CertificationNumber"), ''), 'not recorded'),
                CASE v."Certification" WHEN 'R2v3' THEN 'SERI (Sustainable Electronics Recycling International)'
                    WHEN 'EStewards' THEN 'Basel Action Network (e-Stewards)' ELSE 'i-SIGMA (NAID AAA)' END,
                date(v."CertificationExpires", '-3 years'), v."CertificationExpires",
                0, (CAST(strftime('%s', 'now') AS INTEGER) + 62135596800) * 20480000, 'Carried over from the organization record',
                CASE WHEN v."IsVerified" THEN 'Approved' ELSE 'Pending' END,
                CASE WHEN v."IsVerified" THEN (CAST(strftime('%s', 'now') AS INTEGER) + 62135596800) * 20480000 END,
                CASE WHEN v."IsVerified" THEN 'Carried over (the organization was verified)' END,
                0
            FROM "__OrganizationVerification" v
            WHERE v."Certification" IN ('R2v3', 'EStewards', 'NaidAaa') AND v."CertificationExpires" IS NOT NULL;

            DROP TABLE "__OrganizationVerification";
            """;
    }
}
