using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Lots;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Web.Data.Configurations;

internal sealed class LotConfiguration : IEntityTypeConfiguration<Lot>
{
    public void Configure(EntityTypeBuilder<Lot> builder)
    {
        builder.Property(l => l.Number).HasMaxLength(16);
        builder.HasIndex(l => l.Number).IsUnique();
        builder.Property(l => l.Title).HasMaxLength(200);
        builder.Property(l => l.Description).HasMaxLength(4000);
        builder.Property(l => l.PickupAddress).HasMaxLength(400);
        builder.Property(l => l.PickupWindow).HasMaxLength(100);
        builder.Property(l => l.PickupContact).HasMaxLength(200);
        builder.Property(l => l.BoardApprovalReference).HasMaxLength(100);
        builder.Property(l => l.Currency).HasMaxLength(3);
        builder.Property(l => l.Version).IsConcurrencyToken();
        builder.HasIndex(l => new { l.DistrictId, l.Status });
        builder.HasIndex(l => l.Status);
        builder.HasOne<Organization>().WithMany().HasForeignKey(l => l.DistrictId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organization>().WithMany().HasForeignKey(l => l.BuyerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(l => l.Devices).WithOne().HasForeignKey(d => d.LotId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(l => l.Quotes).WithOne().HasForeignKey(q => q.LotId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(l => l.Devices).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(l => l.Quotes).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(l => l.HoldsDataBearingDevices);
    }
}

internal sealed class DeviceConfiguration : IEntityTypeConfiguration<Device>
{
    public void Configure(EntityTypeBuilder<Device> builder)
    {
        builder.Property(d => d.Serial).HasMaxLength(64);
        builder.Property(d => d.AssetTag).HasMaxLength(64);
        builder.Property(d => d.Manufacturer).HasMaxLength(100);
        builder.Property(d => d.Model).HasMaxLength(200);
        builder.Property(d => d.SanitizationTool).HasMaxLength(200);
        builder.Property(d => d.SanitizedBy).HasMaxLength(200);
        builder.Property(d => d.Cpu).HasMaxLength(100);
        builder.Property(d => d.Location).HasMaxLength(200);
        builder.Property(d => d.Notes).HasMaxLength(1000);
        builder.HasIndex(d => new { d.LotId, d.Serial }).IsUnique();
        builder.HasIndex(d => d.Serial);
        builder.Ignore(d => d.IsSanitized);
        builder.Ignore(d => d.IsDataBearing);
    }
}

internal sealed class QuoteConfiguration : IEntityTypeConfiguration<Quote>
{
    public void Configure(EntityTypeBuilder<Quote> builder)
    {
        builder.Property(q => q.Note).HasMaxLength(1000);
        builder.HasOne<Organization>().WithMany().HasForeignKey(q => q.RefurbisherId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(q => new { q.LotId, q.RefurbisherId });
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
    }
}
