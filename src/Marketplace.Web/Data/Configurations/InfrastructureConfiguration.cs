using Marketplace.Web.Infrastructure.Email;
using Marketplace.Web.Infrastructure.Inbox;
using Marketplace.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Web.Data.Configurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.Property(m => m.Type).HasMaxLength(300);
        builder.Property(m => m.LeaseOwner).HasMaxLength(100);
        builder.Property(m => m.LastError).HasMaxLength(2000);
        // The dispatcher's claim query: pending rows that are due.
        builder.HasIndex(m => new { m.CompletedAt, m.DueAt });
    }
}

internal sealed class EmailMessageConfiguration : IEntityTypeConfiguration<EmailMessage>
{
    public void Configure(EntityTypeBuilder<EmailMessage> builder)
    {
        builder.Property(m => m.To).HasMaxLength(320);
        builder.Property(m => m.Subject).HasMaxLength(300);
        builder.Property(m => m.DeliveredVia).HasMaxLength(400);
        builder.HasIndex(m => m.SentAt);
    }
}

internal sealed class InboxMessageConfiguration : IEntityTypeConfiguration<InboxMessage>
{
    public void Configure(EntityTypeBuilder<InboxMessage> builder)
    {
        builder.HasKey(m => m.Key);
        builder.Property(m => m.Key).HasMaxLength(InboxMessage.KeyLength);
        builder.Property(m => m.Source).HasMaxLength(InboxMessage.SourceLength);
        // The dispatcher's prune deletes by age.
        builder.HasIndex(m => m.ReceivedAt);
    }
}
