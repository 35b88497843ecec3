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
        builder.Property(f => f.Version).IsConcurrencyToken();
        builder.HasIndex(f => f.LotId).IsUnique();
        builder.HasIndex(f => f.BuyerId);
        builder.HasOne<Lot>().WithMany().HasForeignKey(f => f.LotId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organization>().WithMany().HasForeignKey(f => f.DistrictId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organization>().WithMany().HasForeignKey(f => f.BuyerId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(f => f.IsPickupScheduled);
        builder.Ignore(f => f.AcceptsSanitization);
    }
}

internal sealed class SanitizationRecordConfiguration : IEntityTypeConfiguration<SanitizationRecord>
{
    public void Configure(EntityTypeBuilder<SanitizationRecord> builder)
    {
        builder.Property(r => r.Tool).HasMaxLength(200);
        builder.Property(r => r.Technician).HasMaxLength(200);
        // The guard against two scans of one serial racing: only one can be attempt 1.
        builder.HasIndex(r => new { r.DeviceId, r.Attempt }).IsUnique();
        builder.HasIndex(r => r.LotId);
        builder.HasOne<Device>().WithMany().HasForeignKey(r => r.DeviceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Lot>().WithMany().HasForeignKey(r => r.LotId).OnDelete(DeleteBehavior.Restrict);
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
