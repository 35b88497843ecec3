using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Domain.Market;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Web.Data.Configurations;

internal sealed class ManifestGroupConfiguration : IEntityTypeConfiguration<ManifestGroup>
{
    public void Configure(EntityTypeBuilder<ManifestGroup> builder)
    {
        builder.Property(g => g.Manufacturer).HasMaxLength(100);
        builder.Property(g => g.Model).HasMaxLength(200);
        builder.HasOne<Lot>().WithMany().HasForeignKey(g => g.LotId).OnDelete(DeleteBehavior.Cascade);
        // The marketplace asks "does this lot hold a Chromebook of grade A?": each lot's few groups sit together.
        builder.HasIndex(g => new { g.LotId, g.Category, g.Grade });
    }
}

internal sealed class LotWatchConfiguration : IEntityTypeConfiguration<LotWatch>
{
    public void Configure(EntityTypeBuilder<LotWatch> builder)
    {
        builder.HasOne<AppUser>().WithMany().HasForeignKey(w => w.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Lot>().WithMany().HasForeignKey(w => w.LotId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Domain.Organization>().WithMany().HasForeignKey(w => w.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(w => new { w.UserId, w.LotId }).IsUnique();
        // The closing-soon job reads the watches of lots closing soon that were not told yet.
        builder.HasIndex(w => new { w.LotId, w.ClosingNoticeSentAt });
    }
}

internal sealed class SavedSearchConfiguration : IEntityTypeConfiguration<SavedSearch>
{
    public void Configure(EntityTypeBuilder<SavedSearch> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(SavedSearch.MaxNameLength);
        builder.Property(s => s.Query).HasMaxLength(SavedSearch.MaxQueryLength);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Domain.Organization>().WithMany().HasForeignKey(s => s.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => s.UserId);
    }
}

internal sealed class SavedSearchMatchConfiguration : IEntityTypeConfiguration<SavedSearchMatch>
{
    public void Configure(EntityTypeBuilder<SavedSearchMatch> builder)
    {
        builder.HasOne<SavedSearch>().WithMany().HasForeignKey(m => m.SavedSearchId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Lot>().WithMany().HasForeignKey(m => m.LotId).OnDelete(DeleteBehavior.Cascade);
        // Once per search and lot, even if two runs of the job overlap.
        builder.HasIndex(m => new { m.SavedSearchId, m.LotId }).IsUnique();
    }
}
