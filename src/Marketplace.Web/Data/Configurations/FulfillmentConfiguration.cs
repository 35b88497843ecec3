using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Domain.Lots;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Web.Data.Configurations;

internal sealed class LotFulfillmentConfiguration : IEntityTypeConfiguration<LotFulfillment>
{
    public void Configure(EntityTypeBuilder<LotFulfillment> builder)
    {
        builder.Property(f => f.PickupWindow).HasMaxLength(100);
        builder.Property(f => f.PickupContact).HasMaxLength(200);
        builder.Property(f => f.PickupDock).HasMaxLength(200);
        builder.Property(f => f.PickupInstructions).HasMaxLength(1000);
        builder.Property(f => f.OtherWindowsRequest).HasMaxLength(500);
        builder.Property(f => f.ReleasedBy).HasMaxLength(200);
        builder.Property(f => f.CollectedBy).HasMaxLength(200);
        builder.Property(f => f.SealNumbers).HasMaxLength(200);
        builder.Property(f => f.Version).IsConcurrencyToken();
        builder.HasIndex(f => f.LotId).IsUnique();
        builder.HasIndex(f => f.BuyerId);
        builder.HasOne<Lot>().WithMany().HasForeignKey(f => f.LotId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organization>().WithMany().HasForeignKey(f => f.DistrictId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organization>().WithMany().HasForeignKey(f => f.BuyerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(f => f.Windows).WithOne().HasForeignKey(w => w.FulfillmentId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(f => f.Windows).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(f => f.IsPickupScheduled);
        builder.Ignore(f => f.AcceptsSanitization);
        builder.Ignore(f => f.NeedsQualitySample);
        builder.Ignore(f => f.IsSanitizationComplete);
        builder.Ignore(f => f.DevicesToSanitize);
    }
}

internal sealed class PickupWindowProposalConfiguration : IEntityTypeConfiguration<PickupWindowProposal>
{
    public void Configure(EntityTypeBuilder<PickupWindowProposal> builder)
    {
        builder.Property(w => w.ProposedBy).HasMaxLength(200);
        builder.Ignore(w => w.IsOpen);
        builder.Ignore(w => w.TimeRange);
    }
}

internal sealed class CustodyEventConfiguration : IEntityTypeConfiguration<CustodyEvent>
{
    public void Configure(EntityTypeBuilder<CustodyEvent> builder)
    {
        builder.Property(e => e.ActorName).HasMaxLength(200);
        builder.Property(e => e.Place).HasMaxLength(CustodyEvent.MaxPlaceLength);
        builder.Property(e => e.Note).HasMaxLength(CustodyEvent.MaxNoteLength);
        // A device's history, and a lot's, in order.
        builder.HasIndex(e => new { e.DeviceId, e.At }).HasFilter("[DeviceId] IS NOT NULL");
        builder.HasIndex(e => new { e.LotId, e.At });
        builder.HasOne<Lot>().WithMany().HasForeignKey(e => e.LotId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Device>().WithMany().HasForeignKey(e => e.DeviceId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(e => e.What);
    }
}

internal sealed class DeviceScanConfiguration : IEntityTypeConfiguration<DeviceScan>
{
    public void Configure(EntityTypeBuilder<DeviceScan> builder)
    {
        builder.Property(s => s.RawValue).HasMaxLength(ScannedLabel.MaxRawLength);
        builder.Property(s => s.Value).HasMaxLength(SerialNumber.MaxLength);
        builder.Property(s => s.Box).HasMaxLength(DeviceScan.MaxBoxLength);
        builder.Property(s => s.ScannedBy).HasMaxLength(200);
        builder.Property(s => s.ReceivedModel).HasMaxLength(ReconciliationLine.MaxModelLength);
        // One scan in force per device and stage, and per unknown value and stage: the guard against two scanners racing
        // on one label, and the indexes a scan's duplicate check and the running counts read.
        builder.HasIndex(s => new { s.LotId, s.Stage, s.DeviceId }).IsUnique().HasFilter("[DeviceId] IS NOT NULL AND [RemovedAt] IS NULL");
        builder.HasIndex(s => new { s.LotId, s.Stage, s.Value }).IsUnique().HasFilter("[DeviceId] IS NULL AND [RemovedAt] IS NULL");
        // Every scan of a lot at a stage, in order, taken back or not (the page's recent scans, the reconciliation).
        builder.HasIndex(s => new { s.LotId, s.Stage, s.ScannedAt });
        builder.HasOne<Lot>().WithMany().HasForeignKey(s => s.LotId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Device>().WithMany().HasForeignKey(s => s.DeviceId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(s => s.InForce);
        builder.Ignore(s => s.ReceivedWords);
    }
}

internal sealed class SanitizationRecordConfiguration : IEntityTypeConfiguration<SanitizationRecord>
{
    public void Configure(EntityTypeBuilder<SanitizationRecord> builder)
    {
        builder.Property(r => r.MediumSerial).HasMaxLength(100);
        builder.Property(r => r.Manufacturer).HasMaxLength(100);
        builder.Property(r => r.Model).HasMaxLength(100);
        builder.Property(r => r.MediaSource).HasMaxLength(50);
        builder.Property(r => r.Confidentiality).HasMaxLength(50);
        builder.Property(r => r.StandardFollowed).HasMaxLength(200);
        builder.Property(r => r.Tool).HasMaxLength(200);
        builder.Property(r => r.ToolVersion).HasMaxLength(50);
        builder.Property(r => r.VerificationMethod).HasMaxLength(200);
        builder.Property(r => r.BackupLocation).HasMaxLength(200);
        builder.Property(r => r.RepeatReason).HasMaxLength(500);
        builder.Property(r => r.EscalationReason).HasMaxLength(500);
        builder.OwnsOne(r => r.Performer, Person);
        builder.Navigation(r => r.Performer).IsRequired();
        builder.OwnsOne(r => r.Validator, Person);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.Ignore(r => r.IsAccepted);
        // One row per medium: two scans of the same medium racing cannot both insert it.
        builder.HasIndex(r => new { r.DeviceId, r.MediumSerial }).IsUnique();
        // The validation list: a lot's records by status, newest first.
        builder.HasIndex(r => new { r.LotId, r.Status, r.RecordedAt });
        builder.HasOne<Device>().WithMany().HasForeignKey(r => r.DeviceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Lot>().WithMany().HasForeignKey(r => r.LotId).OnDelete(DeleteBehavior.Restrict);
    }

    internal static void Person<T>(OwnedNavigationBuilder<T, PersonOfRecord> person)
        where T : class
    {
        person.Property(p => p.Name).HasMaxLength(200);
        person.Property(p => p.Title).HasMaxLength(100);
        person.Property(p => p.Location).HasMaxLength(200);
        person.Property(p => p.Contact).HasMaxLength(200);
    }
}

internal sealed class QualityCheckConfiguration : IEntityTypeConfiguration<QualityCheck>
{
    public void Configure(EntityTypeBuilder<QualityCheck> builder)
    {
        builder.Property(c => c.Notes).HasMaxLength(500);
        builder.OwnsOne(c => c.Checker, SanitizationRecordConfiguration.Person);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasIndex(c => c.RecordId).IsUnique();
        builder.HasIndex(c => c.LotId);
        builder.HasOne<SanitizationRecord>().WithMany().HasForeignKey(c => c.RecordId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Lot>().WithMany().HasForeignKey(c => c.LotId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CertificateConfiguration : IEntityTypeConfiguration<Certificate>
{
    public void Configure(EntityTypeBuilder<Certificate> builder)
    {
        builder.Property(c => c.VerificationCode).HasMaxLength(32);
        builder.HasIndex(c => c.VerificationCode).IsUnique();
        // One certificate per lot: a re-run certificate job finds it and stops.
        builder.HasIndex(c => c.LotId).IsUnique();
        builder.HasOne<Lot>().WithMany().HasForeignKey(c => c.LotId).OnDelete(DeleteBehavior.Restrict);
        // The chain: one certificate per place, walked in this order.
        builder.HasIndex(c => c.Sequence).IsUnique();
        builder.Property(c => c.Sha256).HasMaxLength(64).IsUnicode(false);
        builder.Property(c => c.PreviousSha256).HasMaxLength(64).IsUnicode(false);
    }
}

internal sealed class LotReconciliationConfiguration : IEntityTypeConfiguration<LotReconciliation>
{
    public void Configure(EntityTypeBuilder<LotReconciliation> builder)
    {
        builder.Property(r => r.Currency).HasMaxLength(3);
        builder.Property(r => r.DecidedBy).HasMaxLength(200);
        builder.Property(r => r.ResolvedBy).HasMaxLength(200);
        builder.Property(r => r.DisputeReason).HasMaxLength(LotReconciliation.MaxReasonLength);
        builder.Property(r => r.ResolutionNote).HasMaxLength(LotReconciliation.MaxReasonLength);
        builder.Property(r => r.Version).IsConcurrencyToken();
        // One reconciliation per lot: finishing receiving twice cannot propose twice.
        builder.HasIndex(r => r.LotId).IsUnique();
        // The admin's queue of disputes.
        builder.HasIndex(r => new { r.Status, r.CreatedAt });
        builder.HasOne<Lot>().WithMany().HasForeignKey(r => r.LotId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organization>().WithMany().HasForeignKey(r => r.DistrictId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organization>().WithMany().HasForeignKey(r => r.BuyerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Lines).WithOne().HasForeignKey(l => l.ReconciliationId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(r => r.IsSettled);
    }
}

internal sealed class ReconciliationLineConfiguration : IEntityTypeConfiguration<ReconciliationLine>
{
    public void Configure(EntityTypeBuilder<ReconciliationLine> builder)
    {
        builder.Property(l => l.Serial).HasMaxLength(ScannedLabel.MaxRawLength);
        builder.Property(l => l.DeclaredModel).HasMaxLength(200);
        builder.Property(l => l.ReceivedModel).HasMaxLength(ReconciliationLine.MaxModelLength);
        // Sanitization asks whether a serial was reported missing.
        builder.HasIndex(l => new { l.DeviceId, l.Kind }).HasFilter("[DeviceId] IS NOT NULL");
        builder.HasOne<Device>().WithMany().HasForeignKey(l => l.DeviceId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(l => l.Description);
    }
}
