using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
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
        builder.Property(l => l.BoardApprovalReference).HasMaxLength(100);
        builder.Property(l => l.Currency).HasMaxLength(3);
        builder.Property(l => l.Version).IsConcurrencyToken();
        builder.HasIndex(l => new { l.DistrictId, l.Status });
        builder.HasOne<Organization>().WithMany().HasForeignKey(l => l.DistrictId).OnDelete(DeleteBehavior.Restrict);
        builder.ComplexProperty(l => l.Manifest, manifest =>
        {
            manifest.Ignore(m => m.Estimate);
        });
        builder.Ignore(l => l.IsDraft);
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
        builder.Property(d => d.ModelNumber).HasMaxLength(64);
        builder.Property(d => d.AssetStatus).HasMaxLength(100);
        builder.Property(d => d.Cpu).HasMaxLength(100);
        builder.Property(d => d.Location).HasMaxLength(200);
        builder.Property(d => d.Notes).HasMaxLength(1000);
        // Devices reference their lot but are never loaded through it: a lot may hold 50,000 of them.
        builder.HasOne<Lot>().WithMany().HasForeignKey(d => d.LotId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => new { d.LotId, d.Serial }).IsUnique();
        builder.HasIndex(d => d.Serial);
        builder.HasIndex(d => d.AssetTag);
        // A scan at the dock finds its device by asset tag within the lot without reading the lot's other devices.
        builder.HasIndex(d => new { d.LotId, d.AssetTag });
        builder.HasOne<FundingAward>().WithMany().HasForeignKey(d => d.FundingAwardId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(d => d.IsDataBearing);
    }
}
