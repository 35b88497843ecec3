using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Domain.Sales;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Web.Data.Configurations;

internal sealed class SaleConfiguration : IEntityTypeConfiguration<Sale>
{
    public void Configure(EntityTypeBuilder<Sale> builder)
    {
        builder.Property(s => s.Currency).HasMaxLength(3);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.Property(s => s.BuyerPremiumRate).HasPrecision(9, 4);
        builder.Property(s => s.SellerCommissionRate).HasPrecision(9, 4);
        // One sale per lot for now; relisting an unsold lot will open a new one.
        builder.HasIndex(s => s.LotId).IsUnique();
        builder.HasIndex(s => new { s.Status, s.OpenedAt });
        builder.HasIndex(s => s.BuyerId);
        builder.HasOne<Lot>().WithMany().HasForeignKey(s => s.LotId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organization>().WithMany().HasForeignKey(s => s.DistrictId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organization>().WithMany().HasForeignKey(s => s.BuyerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(s => s.Quotes).WithOne().HasForeignKey(q => q.SaleId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(s => s.Quotes).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(s => s.Terms);
        builder.Ignore(s => s.AcceptsQuotes);
        builder.Ignore(s => s.IsAwarded);
    }
}

internal sealed class QuoteConfiguration : IEntityTypeConfiguration<Quote>
{
    public void Configure(EntityTypeBuilder<Quote> builder)
    {
        builder.Property(q => q.Note).HasMaxLength(1000);
        builder.HasOne<Organization>().WithMany().HasForeignKey(q => q.RefurbisherId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(q => new { q.SaleId, q.RefurbisherId });
    }
}
