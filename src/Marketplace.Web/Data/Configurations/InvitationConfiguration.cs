using Marketplace.Web.Domain;
using Marketplace.Web.Domain.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Web.Data.Configurations;

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> builder)
    {
        builder.Property(i => i.Email).HasMaxLength(256);
        builder.Property(i => i.NormalizedEmail).HasMaxLength(256);
        builder.Property(i => i.InvitedByName).HasMaxLength(200);
        builder.Property(i => i.InvitedByEmail).HasMaxLength(256);
        builder.Property(i => i.RevokedByName).HasMaxLength(200);
        builder.Property(i => i.TokenHash).HasMaxLength(64);
        builder.Property(i => i.Version).IsConcurrencyToken();
        builder.HasOne<Organization>().WithMany().HasForeignKey(i => i.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        // The link's page finds its invitation by the token's hash; the people page lists an organization's invitations.
        builder.HasIndex(i => i.TokenHash).IsUnique();
        builder.HasIndex(i => new { i.OrganizationId, i.NormalizedEmail });
    }
}
