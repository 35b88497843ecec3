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
        builder.HasOne<Domain.Finance.FeeSchedule>().WithMany().HasForeignKey(s => s.FeeScheduleId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(s => s.SellerCommissionRate).HasPrecision(9, 4);
        // One sale per lot: relisting an unsold or forfeited lot starts the sale's next round.
        builder.HasIndex(s => s.LotId).IsUnique();
        builder.HasIndex(s => new { s.Status, s.OpenedAt });
        // The close job and the "closing soon" sort look sales up by their (possibly extended) close.
        builder.HasIndex(s => new { s.Status, s.ClosesAt });
        builder.Property(s => s.StartPrice).HasPrecision(18, 2);
        builder.HasOne<Organization>().WithMany().HasForeignKey(s => s.LeaderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organization>().WithMany().HasForeignKey(s => s.OfferedToId).OnDelete(DeleteBehavior.Restrict);
        builder.PrimitiveCollection(s => s.DeclinedOffers);
        builder.HasMany(s => s.Bids).WithOne().HasForeignKey(b => b.SaleId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(s => s.Bids).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(s => s.Forfeits).WithOne().HasForeignKey(f => f.SaleId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(s => s.Forfeits).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(s => s.StandingBids);
        builder.Ignore(s => s.ReserveMet);
        builder.Ignore(s => s.MayBeWithdrawn);
        builder.Ignore(s => s.AwaitsDistrictDecision);
        builder.HasIndex(s => s.BuyerId);
        builder.HasOne<Lot>().WithMany().HasForeignKey(s => s.LotId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organization>().WithMany().HasForeignKey(s => s.DistrictId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organization>().WithMany().HasForeignKey(s => s.BuyerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(s => s.Quotes).WithOne().HasForeignKey(q => q.SaleId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(s => s.Quotes).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(s => s.Terms);
        builder.Ignore(s => s.AcceptsQuotes);
        builder.Ignore(s => s.IsAwarded);
        builder.Ignore(s => s.BuyerAction);
        builder.Ignore(s => s.IsBidding);
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

internal sealed class BidConfiguration : IEntityTypeConfiguration<Bid>
{
    public void Configure(EntityTypeBuilder<Bid> builder)
    {
        builder.HasOne<Organization>().WithMany().HasForeignKey(b => b.BidderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(b => new { b.SaleId, b.Round, b.PlacedAt });
        builder.HasIndex(b => b.BidderId);
    }
}

internal sealed class ForfeitConfiguration : IEntityTypeConfiguration<Forfeit>
{
    public void Configure(EntityTypeBuilder<Forfeit> builder)
    {
        builder.HasOne<Organization>().WithMany().HasForeignKey(f => f.BuyerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(f => f.BuyerId);
    }
}
