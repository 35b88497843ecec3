using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Domain.Storefront;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Web.Data.Configurations;

internal sealed class BuyerDisputeConfiguration : IEntityTypeConfiguration<BuyerDispute>
{
    public void Configure(EntityTypeBuilder<BuyerDispute> builder)
    {
        builder.Property(d => d.Number).HasMaxLength(16);
        builder.HasIndex(d => d.Number).IsUnique();
        builder.Property(d => d.Currency).HasMaxLength(3);
        builder.Property(d => d.Details).HasMaxLength(BuyerDispute.MaxDetailsLength);
        builder.Property(d => d.ResolutionNote).HasMaxLength(BuyerDispute.MaxNoteLength);
        builder.Property(d => d.OpenedBy).HasMaxLength(200);
        builder.Property(d => d.ResolvedBy).HasMaxLength(200);
        builder.Property(d => d.StripeRefundId).HasMaxLength(128);
        builder.Property(d => d.Version).IsConcurrencyToken();
        // The finance queue lists open disputes first, newest first; the lot page reads a lot's.
        builder.HasIndex(d => new { d.State, d.OpenedAt });
        builder.HasIndex(d => d.LotId);
        builder.HasIndex(d => d.OrderId);
        builder.HasIndex(d => d.InvoiceId);
        builder.HasOne<Invoice>().WithMany().HasForeignKey(d => d.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Lot>().WithMany().HasForeignKey(d => d.LotId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Order>().WithMany().HasForeignKey(d => d.OrderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organization>().WithMany().HasForeignKey(d => d.BuyerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organization>().WithMany().HasForeignKey(d => d.SellerId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(d => d.OutcomeWords);
        builder.Ignore(d => d.RefundPostingKey);
        builder.Ignore(d => d.RefundIdempotencyKey);
    }
}

internal sealed class LedgerMonthlyTotalConfiguration : IEntityTypeConfiguration<LedgerMonthlyTotal>
{
    public void Configure(EntityTypeBuilder<LedgerMonthlyTotal> builder)
    {
        builder.HasKey(t => new { t.Account, t.Period, t.DistrictId, t.Funding });
        builder.Property(t => t.Funding).HasMaxLength(32);
        // A cell moved by two saves at once: the later save's UPDATE finds other sums than it read and fails instead of losing an amount.
        builder.Property(t => t.Debit).IsConcurrencyToken();
        builder.Property(t => t.Credit).IsConcurrencyToken();
        builder.Ignore(t => t.District);
        builder.Ignore(t => t.FundingSource);
    }
}

internal sealed class BuyerRefundConfiguration : IEntityTypeConfiguration<BuyerRefund>
{
    public void Configure(EntityTypeBuilder<BuyerRefund> builder)
    {
        builder.Property(r => r.Number).HasMaxLength(16);
        builder.HasIndex(r => r.Number).IsUnique();
        builder.Property(r => r.Currency).HasMaxLength(3);
        builder.Property(r => r.Reason).HasMaxLength(BuyerRefund.MaxReasonLength);
        builder.Property(r => r.PostingKey).HasMaxLength(128);
        // One owed refund per posting into buyer credits, however often the decision behind it is retried.
        builder.HasIndex(r => r.PostingKey).IsUnique();
        builder.Property(r => r.SentReference).HasMaxLength(BuyerRefund.MaxReferenceLength);
        builder.Property(r => r.RecordedBy).HasMaxLength(200);
        // The finance queue lists those still owed first, oldest first; an order's or invoice's page reads its own.
        builder.HasIndex(r => new { r.SentAt, r.OwedSince });
        builder.HasIndex(r => r.InvoiceId);
        builder.HasIndex(r => r.OrderId);
        builder.HasIndex(r => r.LotId);
        builder.HasOne<Invoice>().WithMany().HasForeignKey(r => r.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organization>().WithMany().HasForeignKey(r => r.PayerId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(r => r.IsSent);
        builder.Ignore(r => r.StateWords);
    }
}
