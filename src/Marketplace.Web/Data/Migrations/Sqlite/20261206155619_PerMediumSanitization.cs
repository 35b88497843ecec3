using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PerMediumSanitization : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SanitizationRecords_DeviceId_Attempt",
                table: "SanitizationRecords");

            migrationBuilder.DropIndex(
                name: "IX_SanitizationRecords_LotId",
                table: "SanitizationRecords");

            migrationBuilder.RenameColumn(
                name: "Technician",
                table: "SanitizationRecords",
                newName: "VerificationMethod");

            migrationBuilder.AlterColumn<string>(
                name: "Method",
                table: "SanitizationRecords",
                type: "TEXT",
                maxLength: 32,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 32);

            migrationBuilder.AddColumn<string>(
                name: "BackupLocation",
                table: "SanitizationRecords",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Confidentiality",
                table: "SanitizationRecords",
                type: "TEXT",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DataBackedUp",
                table: "SanitizationRecords",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Destination",
                table: "SanitizationRecords",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "EscalationReason",
                table: "SanitizationRecords",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Manufacturer",
                table: "SanitizationRecords",
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "MediaSource",
                table: "SanitizationRecords",
                type: "TEXT",
                maxLength: 50,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "MediaType",
                table: "SanitizationRecords",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "MediumSerial",
                table: "SanitizationRecords",
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Model",
                table: "SanitizationRecords",
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Performer_Contact",
                table: "SanitizationRecords",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Performer_Location",
                table: "SanitizationRecords",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Performer_Name",
                table: "SanitizationRecords",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Performer_Title",
                table: "SanitizationRecords",
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "RepeatReason",
                table: "SanitizationRecords",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StandardFollowed",
                table: "SanitizationRecords",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "SanitizationRecords",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Technique",
                table: "SanitizationRecords",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ToolVersion",
                table: "SanitizationRecords",
                type: "TEXT",
                maxLength: 50,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "ValidatedAt",
                table: "SanitizationRecords",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ValidatedByUserId",
                table: "SanitizationRecords",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Validator_Contact",
                table: "SanitizationRecords",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Validator_Location",
                table: "SanitizationRecords",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Validator_Name",
                table: "SanitizationRecords",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Validator_Title",
                table: "SanitizationRecords",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VerificationResult",
                table: "SanitizationRecords",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "SanitizationRecords",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "MediaAccepted",
                table: "LotFulfillments",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "MediaRecorded",
                table: "LotFulfillments",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "QualityChecksPassed",
                table: "LotFulfillments",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "QualitySampleSize",
                table: "LotFulfillments",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "QualityChecks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    LotId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecordId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DrawnAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Result = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Checker_Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Checker_Title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Checker_Location = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Checker_Contact = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CheckedByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CheckedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QualityChecks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QualityChecks_Lots_LotId",
                        column: x => x.LotId,
                        principalTable: "Lots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_QualityChecks_SanitizationRecords_RecordId",
                        column: x => x.RecordId,
                        principalTable: "SanitizationRecords",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            // Records from before per-medium records were one row per device per attempt, naming only the technician
            // (now the performer). Each keeps its own row as a medium "LEGACY-<attempt>" so the (device, medium) key stays
            // unique; those of certified lots stand accepted, as they were certified; those of lots still in sanitization
            // wait for a second person's validation like any new record.
            migrationBuilder.Sql(@"UPDATE SanitizationRecords SET
    Performer_Name = VerificationMethod, Performer_Title = 'not recorded', Performer_Location = 'not recorded', Performer_Contact = 'not recorded',
    VerificationMethod = 'not recorded (before per-medium records)', MediumSerial = 'LEGACY-' || CAST(Attempt AS TEXT),
    MediaType = 'Other', MediaSource = 'not recorded', Technique = 'Other', VerificationResult = 'Passed', Destination = 'Other', DataBackedUp = 'Unknown',
    Status = CASE WHEN EXISTS (SELECT 1 FROM LotFulfillments f WHERE f.LotId = SanitizationRecords.LotId AND f.CertifiedAt IS NOT NULL) THEN 'Accepted' ELSE 'AwaitingValidation' END;");
            migrationBuilder.Sql(@"UPDATE LotFulfillments SET
    MediaRecorded = (SELECT COUNT(*) FROM SanitizationRecords r WHERE r.LotId = LotFulfillments.LotId),
    MediaAccepted = (SELECT COUNT(*) FROM SanitizationRecords r WHERE r.LotId = LotFulfillments.LotId AND r.Status = 'Accepted');");

            migrationBuilder.CreateIndex(
                name: "IX_SanitizationRecords_DeviceId_MediumSerial",
                table: "SanitizationRecords",
                columns: new[] { "DeviceId", "MediumSerial" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SanitizationRecords_LotId_Status_RecordedAt",
                table: "SanitizationRecords",
                columns: new[] { "LotId", "Status", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_QualityChecks_LotId",
                table: "QualityChecks",
                column: "LotId");

            migrationBuilder.CreateIndex(
                name: "IX_QualityChecks_RecordId",
                table: "QualityChecks",
                column: "RecordId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "QualityChecks");

            migrationBuilder.DropIndex(
                name: "IX_SanitizationRecords_DeviceId_MediumSerial",
                table: "SanitizationRecords");

            migrationBuilder.DropIndex(
                name: "IX_SanitizationRecords_LotId_Status_RecordedAt",
                table: "SanitizationRecords");

            migrationBuilder.DropColumn(
                name: "BackupLocation",
                table: "SanitizationRecords");

            migrationBuilder.DropColumn(
                name: "Confidentiality",
                table: "SanitizationRecords");

            migrationBuilder.DropColumn(
                name: "DataBackedUp",
                table: "SanitizationRecords");

            migrationBuilder.DropColumn(
                name: "Destination",
                table: "SanitizationRecords");

            migrationBuilder.DropColumn(
                name: "EscalationReason",
                table: "SanitizationRecords");

            migrationBuilder.DropColumn(
                name: "Manufacturer",
                table: "SanitizationRecords");

            migrationBuilder.DropColumn(
                name: "MediaSource",
                table: "SanitizationRecords");

            migrationBuilder.DropColumn(
                name: "MediaType",
                table: "SanitizationRecords");

            migrationBuilder.DropColumn(
                name: "MediumSerial",
                table: "SanitizationRecords");

            migrationBuilder.DropColumn(
                name: "Model",
                table: "SanitizationRecords");

            migrationBuilder.DropColumn(
                name: "Performer_Contact",
                table: "SanitizationRecords");

            migrationBuilder.DropColumn(
                name: "Performer_Location",
                table: "SanitizationRecords");

            migrationBuilder.DropColumn(
                name: "Performer_Name",
                table: "SanitizationRecords");

            migrationBuilder.DropColumn(
                name: "Performer_Title",
                table: "SanitizationRecords");

            migrationBuilder.DropColumn(
                name: "RepeatReason",
                table: "SanitizationRecords");

            migrationBuilder.DropColumn(
                name: "StandardFollowed",
                table: "SanitizationRecords");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "SanitizationRecords");

            migrationBuilder.DropColumn(
                name: "Technique",
                table: "SanitizationRecords");

            migrationBuilder.DropColumn(
                name: "ToolVersion",
                table: "SanitizationRecords");

            migrationBuilder.DropColumn(
                name: "ValidatedAt",
                table: "SanitizationRecords");

            migrationBuilder.DropColumn(
                name: "ValidatedByUserId",
                table: "SanitizationRecords");

            migrationBuilder.DropColumn(
                name: "Validator_Contact",
                table: "SanitizationRecords");

            migrationBuilder.DropColumn(
                name: "Validator_Location",
                table: "SanitizationRecords");

            migrationBuilder.DropColumn(
                name: "Validator_Name",
                table: "SanitizationRecords");

            migrationBuilder.DropColumn(
                name: "Validator_Title",
                table: "SanitizationRecords");

            migrationBuilder.DropColumn(
                name: "VerificationResult",
                table: "SanitizationRecords");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "SanitizationRecords");

            migrationBuilder.DropColumn(
                name: "MediaAccepted",
                table: "LotFulfillments");

            migrationBuilder.DropColumn(
                name: "MediaRecorded",
                table: "LotFulfillments");

            migrationBuilder.DropColumn(
                name: "QualityChecksPassed",
                table: "LotFulfillments");

            migrationBuilder.DropColumn(
                name: "QualitySampleSize",
                table: "LotFulfillments");

            migrationBuilder.RenameColumn(
                name: "VerificationMethod",
                table: "SanitizationRecords",
                newName: "Technician");

            migrationBuilder.AlterColumn<string>(
                name: "Method",
                table: "SanitizationRecords",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 32,
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_SanitizationRecords_DeviceId_Attempt",
                table: "SanitizationRecords",
                columns: new[] { "DeviceId", "Attempt" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SanitizationRecords_LotId",
                table: "SanitizationRecords",
                column: "LotId");
        }
    }
}
