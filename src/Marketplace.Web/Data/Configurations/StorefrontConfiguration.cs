using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Organizations;
using Marketplace.Web.Domain.Storefront;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Web.Data.Configurations;

internal sealed class ListingConfiguration : IEntityTypeConfiguration<Listing>
{
    public void Configure(EntityTypeBuilder<Listing> builder)
    {
        builder.Property(l => l.Title).HasMaxLength(200);
        builder.Property(l => l.Description).HasMaxLength(4000);
        builder.Property(l => l.Currency).HasMaxLength(3);
        builder.Property(l => l.Version).IsConcurrencyToken();
        builder.HasIndex(l => new { l.IsActive, l.Category });
        builder.Property(l => l.Manufacturer).HasMaxLength(100);
        builder.Property(l => l.Model).HasMaxLength(120);
        builder.Property(l => l.Cpu).HasMaxLength(100);
        builder.Property(l => l.ScreenInches).HasPrecision(4, 1);
        builder.Ignore(l => l.Tiers);
        builder.Ignore(l => l.IsPaused);
        // A refurbisher's own listings page reads its listings by seller, newest first.
        builder.HasIndex(l => new { l.SellerId, l.CreatedAt });
        // The catalog index reads the listings changed since its sequence (see CatalogRevision).
        builder.Property<long>(CatalogRevision.ListingSequence);
        builder.HasIndex(CatalogRevision.ListingSequence);
        builder.Property(l => l.SellerSku).HasMaxLength(Listing.MaxSellerSkuLength);
        // A bulk upload finds the listing a seller SKU names; one listing per code and seller.
        builder.HasIndex(l => new { l.SellerId, l.SellerSku }).IsUnique();
        builder.HasOne<Organization>().WithMany().HasForeignKey(l => l.SellerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ListingUnitConfiguration : IEntityTypeConfiguration<ListingUnit>
{
    public void Configure(EntityTypeBuilder<ListingUnit> builder)
    {
        builder.Property(u => u.Serial).HasMaxLength(64);
        builder.Property(u => u.Model).HasMaxLength(200);
        builder.Property(u => u.CertificateCode).HasMaxLength(64);
        // A device is stocked once, whoever tries a second time and however they race.
        builder.HasIndex(u => u.DeviceId).IsUnique();
        builder.HasIndex(u => new { u.ListingId, u.Status });
        builder.HasOne<Listing>().WithMany().HasForeignKey(u => u.ListingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Domain.Lots.Device>().WithMany().HasForeignKey(u => u.DeviceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Domain.Fulfillment.Certificate>().WithMany().HasForeignKey(u => u.CertificateId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ListingPhotoConfiguration : IEntityTypeConfiguration<ListingPhoto>
{
    public void Configure(EntityTypeBuilder<ListingPhoto> builder)
    {
        builder.Property(p => p.FileName).HasMaxLength(255);
        builder.Property(p => p.ContentType).HasMaxLength(32);
        builder.Property(p => p.AltText).HasMaxLength(ListingPhoto.MaxAltTextLength);
        builder.HasIndex(p => new { p.ListingId, p.UploadedAt });
        builder.HasOne<Listing>().WithMany().HasForeignKey(p => p.ListingId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReturnPhotoConfiguration : IEntityTypeConfiguration<ReturnPhoto>
{
    public void Configure(EntityTypeBuilder<ReturnPhoto> builder)
    {
        builder.Property(p => p.FileName).HasMaxLength(255);
        builder.Property(p => p.ContentType).HasMaxLength(32);
        builder.HasIndex(p => new { p.ReturnRequestId, p.Position });
        builder.HasOne<ReturnRequest>().WithMany().HasForeignKey(p => p.ReturnRequestId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CatalogRevisionConfiguration : IEntityTypeConfiguration<CatalogRevision>
{
    public void Configure(EntityTypeBuilder<CatalogRevision> builder)
    {
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.HasData(new CatalogRevision { Id = CatalogRevision.SingletonId, Stamp = Guid.Empty });
    }
}

internal sealed class CartItemConfiguration : IEntityTypeConfiguration<CartItem>
{
    public void Configure(EntityTypeBuilder<CartItem> builder)
    {
        builder.HasIndex(c => new { c.UserId, c.ListingId }).IsUnique();
        builder.HasOne<AppUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Listing>().WithMany().HasForeignKey(c => c.ListingId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> builder)
    {
        builder.Property(o => o.Number).HasMaxLength(16);
        builder.HasIndex(o => o.Number).IsUnique();
        builder.Property(o => o.PurchaseOrderNumber).HasMaxLength(64);
        builder.Property(o => o.ShipTo).HasMaxLength(400);
        builder.Property(o => o.RejectionReason).HasMaxLength(500);
        builder.Property(o => o.StorefrontCommissionRate).HasPrecision(9, 4);
        builder.HasOne<Domain.Finance.FeeSchedule>().WithMany().HasForeignKey(o => o.FeeScheduleId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(o => o.Currency).HasMaxLength(3);
        builder.HasIndex(o => o.BuyerId);
        builder.HasOne<Organization>().WithMany().HasForeignKey(o => o.BuyerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organization>().WithMany().HasForeignKey(o => o.SellerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(o => o.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(o => o.Shipments).WithOne().HasForeignKey(s => s.OrderId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(o => o.Shipments).UsePropertyAccessMode(PropertyAccessMode.Field);
        // The seller's orders-to-ship page filters by seller and by what is left to ship or deliver.
        builder.HasIndex(o => new { o.SellerId, o.ShippedAt, o.DeliveredAt });
        builder.Ignore(o => o.Subtotal);
        builder.Ignore(o => o.Total);
        builder.Ignore(o => o.IsTaxExempt);
        builder.Property(o => o.ShipToState).HasMaxLength(2);
        builder.Property(o => o.SalesTaxRate).HasPrecision(9, 6);
        builder.Property(o => o.TaxExemption).HasMaxLength(200);
        // ShipToSiteId and TaxExemptCertificateId point at a site and a certificate without a foreign key: adding one to an
        // existing table makes SQLite rebuild Orders, and neither row is ever deleted (sites retire; documents are superseded).
        // The order's own copy (ShipTo, TaxExemption) is what it shows.
    }
}

internal sealed class OrderLineConfiguration : IEntityTypeConfiguration<OrderLine>
{
    public void Configure(EntityTypeBuilder<OrderLine> builder)
    {
        builder.Property(l => l.Title).HasMaxLength(200);
        builder.HasOne<Listing>().WithMany().HasForeignKey(l => l.ListingId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ShipmentConfiguration : IEntityTypeConfiguration<Shipment>
{
    public void Configure(EntityTypeBuilder<Shipment> builder)
    {
        builder.Property(s => s.CarrierName).HasMaxLength(Shipment.MaxCarrierNameLength);
        builder.Property(s => s.TrackingNumber).HasMaxLength(Shipment.MaxTrackingLength);
        builder.HasIndex(s => new { s.OrderId, s.Sequence }).IsUnique();
        builder.HasMany(s => s.Lines).WithOne().HasForeignKey(l => l.ShipmentId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(s => s.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(s => s.TrackingUrl);
        builder.Ignore(s => s.CarrierWords);
        builder.Ignore(s => s.IsDelivered);
        builder.Ignore(s => s.Devices);
    }
}

internal sealed class ShipmentLineConfiguration : IEntityTypeConfiguration<ShipmentLine>
{
    public void Configure(EntityTypeBuilder<ShipmentLine> builder)
    {
        builder.Property(l => l.Serials).HasMaxLength(20_000);
        builder.HasOne<OrderLine>().WithMany().HasForeignKey(l => l.OrderLineId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(l => l.SerialList);
    }
}

internal sealed class ReturnRequestConfiguration : IEntityTypeConfiguration<ReturnRequest>
{
    public void Configure(EntityTypeBuilder<ReturnRequest> builder)
    {
        builder.Property(r => r.Number).HasMaxLength(16);
        builder.HasIndex(r => r.Number).IsUnique();
        builder.Property(r => r.Serials).HasMaxLength(20_000);
        builder.Property(r => r.Details).HasMaxLength(ReturnRequest.MaxDetailsLength);
        builder.Property(r => r.Instructions).HasMaxLength(ReturnRequest.MaxAnswerLength);
        builder.Property(r => r.DeclineReason).HasMaxLength(ReturnRequest.MaxAnswerLength);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasIndex(r => r.OrderLineId);
        builder.HasIndex(r => new { r.BuyerId, r.RequestedAt });
        builder.HasIndex(r => new { r.SellerId, r.RequestedAt });
        // The admin's queue: requests still waiting for the seller, by when its answer was due.
        builder.HasIndex(r => new { r.Status, r.SellerAnswerDue });
        builder.HasOne<Order>().WithMany().HasForeignKey(r => r.OrderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<OrderLine>().WithMany().HasForeignKey(r => r.OrderLineId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(r => r.SerialList);
        builder.Ignore(r => r.MaxRefund);
        builder.Ignore(r => r.AwaitsSeller);
        builder.Ignore(r => r.KindWords);
    }
}
