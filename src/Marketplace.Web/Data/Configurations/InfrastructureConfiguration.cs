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
        // Pending rows by due time, for the dispatcher and the outbox page. Only pending rows are in it: with a backlog of
        // claimed rows waiting for a worker, SQLite would otherwise prefer a (CompletedAt, DueAt) index over the primary key
        // for the claim's "Id IN (…) AND CompletedAt IS NULL", and walk the whole backlog inside the write lock.
        builder.HasIndex(m => m.DueAt).HasFilter("[CompletedAt] IS NULL").HasDatabaseName("IX_OutboxMessages_Pending");
        // Completed rows by completion time, for pruning and the outbox page's recent list.
        builder.HasIndex(m => m.CompletedAt).HasFilter("[CompletedAt] IS NOT NULL");
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
