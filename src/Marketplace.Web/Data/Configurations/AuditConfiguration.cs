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

        // The pages' reads: the whole trail newest first (admins), an organization's, a lot's, and an entity's history.
        // No foreign keys: the trail outlives what it describes (a removed device, a deleted model).
        builder.HasIndex(r => r.At).IsDescending();
        builder.HasIndex(r => new { r.OrganizationId, r.At }).IsDescending(false, true);
        builder.HasIndex(r => new { r.LotId, r.At }).IsDescending(false, true);
        builder.HasIndex(r => new { r.EntityType, r.EntityId });
        builder.HasIndex(r => r.EntityLabel);
    }
}
