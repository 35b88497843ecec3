using Marketplace.Web.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Web.Data.Configurations;

internal sealed class AuditRecordConfiguration : IEntityTypeConfiguration<AuditRecord>
{
    public void Configure(EntityTypeBuilder<AuditRecord> builder)
    {
        builder.Property(r => r.ActorName).HasMaxLength(AuditRecord.ActorNameLength);
        builder.Property(r => r.ClientAddress).HasMaxLength(AuditRecord.ClientAddressLength);
        builder.Property(r => r.Action).HasMaxLength(AuditRecord.ActionLength);
        builder.Property(r => r.EntityType).HasMaxLength(AuditRecord.EntityTypeLength);
        builder.Property(r => r.EntityId).HasMaxLength(AuditRecord.EntityIdLength);
        builder.Property(r => r.EntityLabel).HasMaxLength(AuditRecord.EntityLabelLength);

        // The pages' reads: the whole trail newest first (admins), an organization's, a lot's, and an entity's history by
        // its id or its serial or number. Every command writes a record, so each index is a write on every command: the
        // ones that leave out records without the value (system jobs, storefront and sign-in records have no lot, most
        // rows no serial or number) are partial. No foreign keys: the trail outlives what it describes (a removed device).
        builder.HasIndex(r => r.At).IsDescending();
        builder.HasIndex(r => new { r.OrganizationId, r.At }).IsDescending(false, true).HasFilter("[OrganizationId] IS NOT NULL");
        builder.HasIndex(r => new { r.LotId, r.At }).IsDescending(false, true).HasFilter("[LotId] IS NOT NULL");
        builder.HasIndex(r => r.EntityId).HasFilter("[EntityId] IS NOT NULL");
        builder.HasIndex(r => r.EntityLabel).HasFilter("[EntityLabel] IS NOT NULL");
    }
}
