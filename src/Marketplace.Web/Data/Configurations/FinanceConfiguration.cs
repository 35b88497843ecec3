using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Domain.Storefront;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Web.Data.Configurations;

internal sealed class InvoiceConfiguration : IEntityTypeConfiguration<Invoice>
{
    public void Configure(EntityTypeBuilder<Invoice> builder)
    {
        builder.Property(i => i.Number).HasMaxLength(16);
        builder.HasIndex(i => i.Number).IsUnique();
        builder.Property(i => i.Description).HasMaxLength(400);
        builder.Property(i => i.Currency).HasMaxLength(3);
        builder.Property(i => i.PurchaseOrderNumber).HasMaxLength(64);
        builder.Property(i => i.PaymentReference).HasMaxLength(128);
        builder.Property(i => i.CheckoutSessionId).HasMaxLength(128);
        builder.Property(i => i.StripePaymentIntentId).HasMaxLength(128);
        builder.HasIndex(i => i.StripePaymentIntentId);
        builder.Property(i => i.StripeChargeId).HasMaxLength(128);
        builder.HasIndex(i => i.StripeChargeId);
        builder.Property(i => i.LastPaymentFailure).HasMaxLength(300);
        builder.Property(i => i.DisputeId).HasMaxLength(128);
        builder.Property(i => i.DisputeStatus).HasMaxLength(32);
        builder.Ignore(i => i.HasOpenDispute);
        builder.HasIndex(i => i.CheckoutSessionId);
        builder.HasIndex(i => i.Status);
        // The reminder job and the overdue figures read open invoices by due date.
        builder.HasIndex(i => new { i.Status, i.DueOn });
        builder.HasOne<Organization>().WithMany().HasForeignKey(i => i.PayerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Lot>().WithMany().HasForeignKey(i => i.LotId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Order>().WithMany().HasForeignKey(i => i.OrderId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PayoutConfiguration : IEntityTypeConfiguration<Payout>
{
    public void Configure(EntityTypeBuilder<Payout> builder)
    {
        builder.Property(p => p.Currency).HasMaxLength(3);
        builder.Property(p => p.Reference).HasMaxLength(128);
        builder.Property(p => p.ApprovedBy).HasMaxLength(200);
        // One payout per lot and one per storefront order: the idempotency keys of the release jobs.
        builder.HasIndex(p => p.LotId).IsUnique();
        builder.HasIndex(p => p.OrderId).IsUnique();
        builder.HasOne<Order>().WithMany().HasForeignKey(p => p.OrderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => p.Status);
        builder.HasOne<Lot>().WithMany().HasForeignKey(p => p.LotId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organization>().WithMany().HasForeignKey(p => p.PayeeId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(p => p.Total);
        builder.Ignore(p => p.IsSent);
        builder.Ignore(p => p.Unreversed);
        builder.Ignore(p => p.PayableAccount);
    }
}

internal sealed class LotSettlementConfiguration : IEntityTypeConfiguration<LotSettlement>
{
    public void Configure(EntityTypeBuilder<LotSettlement> builder)
    {
        builder.Property(s => s.Currency).HasMaxLength(3);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.HasIndex(s => s.LotId).IsUnique();
        builder.HasIndex(s => new { s.DistrictId, s.Status });
        builder.HasOne<Lot>().WithMany().HasForeignKey(s => s.LotId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organization>().WithMany().HasForeignKey(s => s.DistrictId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organization>().WithMany().HasForeignKey(s => s.BuyerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Payout>().WithMany().HasForeignKey(s => s.PayoutId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(s => s.HoldReason).HasMaxLength(LotSettlement.HoldReasonLength);
        builder.Ignore(s => s.IsFunded);
        builder.Ignore(s => s.IsSettled);
    }
}

internal sealed class LedgerTransactionConfiguration : IEntityTypeConfiguration<LedgerTransaction>
{
    public void Configure(EntityTypeBuilder<LedgerTransaction> builder)
    {
        builder.Property(t => t.IdempotencyKey).HasMaxLength(100);
        builder.HasIndex(t => t.IdempotencyKey).IsUnique();
        builder.Property(t => t.Description).HasMaxLength(400);
        builder.Property(t => t.Currency).HasMaxLength(3);
        builder.HasIndex(t => t.OccurredAt);
        builder.HasIndex(t => t.LotId);
        builder.HasIndex(t => t.OrderId);
        builder.HasMany(t => t.Entries).WithOne().HasForeignKey(e => e.TransactionId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(t => t.Entries).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class LedgerEntryConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> builder)
    {
        builder.HasIndex(e => e.Account);
        builder.HasIndex(e => new { e.OrganizationId, e.Account });

        // The revenue report: one range of this index per account and funding source holds every column it reads, so the
        // month × district totals are summed from the index alone, never from the table or from lines in memory.
        builder.HasIndex(e => new { e.Account, e.FundingSource, e.Period, e.DistrictId, e.CounterpartyId, e.Credit, e.Debit })
            .HasDatabaseName("IX_LedgerEntries_RevenueReport");

        // The ledger browser pages newest first, whatever the filter; the trial balance reads accounts up to a date.
        builder.HasIndex(e => new { e.OccurredAt, e.Id });
        builder.HasIndex(e => new { e.Account, e.OccurredAt, e.Debit, e.Credit }).HasDatabaseName("IX_LedgerEntries_TrialBalance");
        builder.HasIndex(e => new { e.DistrictId, e.OccurredAt });
        builder.HasIndex(e => new { e.CounterpartyId, e.OccurredAt });
    }
}

internal sealed class FeeScheduleConfiguration : IEntityTypeConfiguration<FeeSchedule>
{
    public void Configure(EntityTypeBuilder<FeeSchedule> builder)
    {
        builder.Property(f => f.Id).ValueGeneratedNever();
        builder.Property(f => f.BuyerPremiumRate).HasPrecision(9, 4);
        builder.Property(f => f.SellerCommissionRate).HasPrecision(9, 4);
        builder.Property(f => f.StorefrontCommissionRate).HasPrecision(9, 4);
        builder.Property(f => f.CreatedBy).HasMaxLength(200);
        builder.Property(f => f.Reason).HasMaxLength(FeeScheduleLimits.MaxReasonLength);
        builder.HasData(new FeeSchedule());
    }
}

internal sealed class InvoiceReminderConfiguration : IEntityTypeConfiguration<InvoiceReminder>
{
    public void Configure(EntityTypeBuilder<InvoiceReminder> builder)
    {
        // Each reminder once per invoice: a second job run (or a concurrent one) cannot add the same row.
        builder.HasIndex(r => new { r.InvoiceId, r.Kind }).IsUnique();
        builder.HasOne<Invoice>().WithMany().HasForeignKey(r => r.InvoiceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal static class FeeScheduleLimits
{
    public const int MaxReasonLength = 400;
}

internal sealed class FundingAwardConfiguration : IEntityTypeConfiguration<FundingAward>
{
    public void Configure(EntityTypeBuilder<FundingAward> builder)
    {
        builder.Property(a => a.Name).HasMaxLength(FundingAward.MaxNameLength);
        builder.Property(a => a.FederalPercent).HasPrecision(5, 2);
        // A district names each of its awards once, so a manifest or a form can refer to one by name.
        builder.HasIndex(a => new { a.DistrictId, a.Name }).IsUnique();
        builder.HasOne<Organization>().WithMany().HasForeignKey(a => a.DistrictId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(a => a.Terms);
    }
}

internal sealed class ParkedStripeEventConfiguration : IEntityTypeConfiguration<ParkedStripeEvent>
{
    public void Configure(EntityTypeBuilder<ParkedStripeEvent> builder)
    {
        builder.Property(e => e.EventId).HasMaxLength(ParkedStripeEvent.IdLength);
        builder.HasIndex(e => e.EventId).IsUnique();
        builder.Property(e => e.Type).HasMaxLength(64);
        builder.Property(e => e.ChargeId).HasMaxLength(ParkedStripeEvent.IdLength);
        builder.Property(e => e.PaymentIntentId).HasMaxLength(ParkedStripeEvent.IdLength);
        builder.HasIndex(e => e.ChargeId);
        builder.HasIndex(e => e.PaymentIntentId);
    }
}

internal sealed class SalesTaxRateConfiguration : IEntityTypeConfiguration<SalesTaxRate>
{
    public void Configure(EntityTypeBuilder<SalesTaxRate> builder)
    {
        builder.Property(r => r.State).HasMaxLength(2);
        builder.Property(r => r.Rate).HasPrecision(9, 6);
        builder.Property(r => r.SetBy).HasMaxLength(200);
        builder.Property(r => r.Reason).HasMaxLength(400);
        builder.HasIndex(r => new { r.State, r.EffectiveOn });
    }
}
