using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Web.Data.Configurations;

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> builder)
    {
        builder.Property(o => o.Name).HasMaxLength(200);
        builder.Property(o => o.Street).HasMaxLength(200);
        builder.Property(o => o.City).HasMaxLength(100);
        builder.Property(o => o.State).HasMaxLength(2);
        builder.Property(o => o.PostalCode).HasMaxLength(10);
        builder.Property(o => o.Phone).HasMaxLength(20);
        builder.Property(o => o.Ein).HasMaxLength(10);
        builder.Property(o => o.NcesId).HasMaxLength(12);
        builder.Property(o => o.StatusReason).HasMaxLength(Organization.MaxReasonLength);
        builder.Property(o => o.StatusChangedBy).HasMaxLength(200);
        builder.Property(o => o.StripeAccountId).HasMaxLength(64);
        builder.HasIndex(o => o.StripeAccountId);
        builder.Property(o => o.StripeRequirementsDue).HasMaxLength(Organization.StripeRequirementsLength);
        builder.Property(o => o.StripePayoutFailure).HasMaxLength(Organization.MaxReasonLength);
        builder.Property(o => o.Version).IsConcurrencyToken();
        builder.HasIndex(o => o.Name).IsUnique();
        // The review queue filters by status and kind; admins search by EIN.
        builder.HasIndex(o => new { o.Status, o.Kind });
        builder.HasIndex(o => o.Ein);
    }
}

internal sealed class OrganizationDocumentConfiguration : IEntityTypeConfiguration<OrganizationDocument>
{
    public void Configure(EntityTypeBuilder<OrganizationDocument> builder)
    {
        builder.Property(d => d.Number).HasMaxLength(64);
        builder.Property(d => d.Issuer).HasMaxLength(200);
        builder.Property(d => d.FileName).HasMaxLength(255);
        builder.Property(d => d.ContentType).HasMaxLength(64);
        builder.Property(d => d.UploadedBy).HasMaxLength(200);
        builder.Property(d => d.ReviewedBy).HasMaxLength(200);
        builder.Property(d => d.RejectionReason).HasMaxLength(Organization.MaxReasonLength);
        builder.Property(d => d.Version).IsConcurrencyToken();
        builder.HasOne<Organization>().WithMany().HasForeignKey(d => d.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => new { d.OrganizationId, d.Kind });
        // The daily expiry check reads approved documents by their end.
        builder.HasIndex(d => new { d.Status, d.ExpiresOn });
    }
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(200);
        builder.Property(u => u.DeactivatedBy).HasMaxLength(200);
        builder.Property(u => u.DeactivationReason).HasMaxLength(500);
        builder.HasOne<Organization>().WithMany().HasForeignKey(u => u.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(u => u.OrganizationId);
    }
}

internal sealed class OrganizationDocumentFileConfiguration : IEntityTypeConfiguration<OrganizationDocumentFile>
{
    public void Configure(EntityTypeBuilder<OrganizationDocumentFile> builder)
    {
        builder.HasKey(f => f.DocumentId);
        builder.HasOne<OrganizationDocument>().WithOne().HasForeignKey<OrganizationDocumentFile>(f => f.DocumentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ShippingSiteConfiguration : IEntityTypeConfiguration<ShippingSite>
{
    public void Configure(EntityTypeBuilder<ShippingSite> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(120);
        builder.Property(s => s.Attention).HasMaxLength(120);
        builder.Property(s => s.Street1).HasMaxLength(200);
        builder.Property(s => s.Street2).HasMaxLength(200);
        builder.Property(s => s.City).HasMaxLength(100);
        builder.Property(s => s.State).HasMaxLength(2);
        builder.Property(s => s.PostalCode).HasMaxLength(10);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.Ignore(s => s.IsActive);
        builder.Ignore(s => s.Label);
        builder.HasIndex(s => new { s.OrganizationId, s.Name });
        builder.HasOne<Organization>().WithMany().HasForeignKey(s => s.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
