using Marketplace.Web.Domain.Imports;
using Marketplace.Web.Domain.Lots;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Web.Data.Configurations;

internal sealed class DeviceModelConfiguration : IEntityTypeConfiguration<DeviceModel>
{
    public void Configure(EntityTypeBuilder<DeviceModel> builder)
    {
        builder.Property(m => m.Name).HasMaxLength(200);
        builder.Property(m => m.NormalizedName).HasMaxLength(200);
        builder.Property(m => m.Manufacturer).HasMaxLength(100);
        builder.HasIndex(m => m.NormalizedName).IsUnique();
    }
}

internal sealed class PriceGuideConfiguration : IEntityTypeConfiguration<PriceGuide>
{
    public void Configure(EntityTypeBuilder<PriceGuide> builder)
    {
        builder.Property(p => p.Id).ValueGeneratedNever();
        foreach (var factor in new[] { nameof(PriceGuide.GradeA), nameof(PriceGuide.GradeB), nameof(PriceGuide.GradeC), nameof(PriceGuide.GradeD),
                     nameof(PriceGuide.MinorFault), nameof(PriceGuide.NotWorking), nameof(PriceGuide.ForParts), nameof(PriceGuide.ExpiredRunwayFactor), nameof(PriceGuide.RangeSpread) })
        {
            builder.Property<decimal>(factor).HasPrecision(9, 4);
        }

        builder.HasData(new PriceGuide());
    }
}

internal sealed class CategoryPriceConfiguration : IEntityTypeConfiguration<CategoryPrice>
{
    public void Configure(EntityTypeBuilder<CategoryPrice> builder)
    {
        builder.HasKey(c => c.Category);
        builder.HasData(
            new CategoryPrice { Category = DeviceCategory.Chromebook, BasePrice = 60m },
            new CategoryPrice { Category = DeviceCategory.WindowsLaptop, BasePrice = 150m },
            new CategoryPrice { Category = DeviceCategory.MacBook, BasePrice = 350m },
            new CategoryPrice { Category = DeviceCategory.Tablet, BasePrice = 100m },
            new CategoryPrice { Category = DeviceCategory.Desktop, BasePrice = 120m },
            new CategoryPrice { Category = DeviceCategory.Other, BasePrice = 15m });
    }
}

internal sealed class LotPhotoConfiguration : IEntityTypeConfiguration<LotPhoto>
{
    public void Configure(EntityTypeBuilder<LotPhoto> builder)
    {
        builder.Property(p => p.FileName).HasMaxLength(255);
        builder.Property(p => p.ContentType).HasMaxLength(64);
        builder.HasIndex(p => p.LotId);
        builder.HasOne<Lot>().WithMany().HasForeignKey(p => p.LotId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ImportJobConfiguration : IEntityTypeConfiguration<ImportJob>
{
    public void Configure(EntityTypeBuilder<ImportJob> builder)
    {
        builder.Property(j => j.FileName).HasMaxLength(255);
        builder.Property(j => j.FailureMessage).HasMaxLength(2000);
        builder.HasIndex(j => j.LotId);
        builder.HasOne<Lot>().WithMany().HasForeignKey(j => j.LotId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany<ImportIssue>().WithOne().HasForeignKey(i => i.ImportJobId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ImportFile>().WithOne().HasForeignKey<ImportFile>(f => f.ImportJobId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(j => j.IsWorking);
        builder.Ignore(j => j.RowsLeftOut);
        builder.Ignore(j => j.RowProblems);
    }
}

internal sealed class ImportFileConfiguration : IEntityTypeConfiguration<ImportFile>
{
    public void Configure(EntityTypeBuilder<ImportFile> builder) => builder.HasKey(f => f.ImportJobId);
}

internal sealed class ImportIssueConfiguration : IEntityTypeConfiguration<ImportIssue>
{
    public void Configure(EntityTypeBuilder<ImportIssue> builder)
    {
        builder.Property(i => i.Column).HasMaxLength(200);
        builder.Property(i => i.Value).HasMaxLength(500);
        builder.Property(i => i.Reason).HasMaxLength(500);
        builder.HasIndex(i => new { i.ImportJobId, i.Row });
    }
}

internal sealed class ImportMappingConfiguration : IEntityTypeConfiguration<ImportMapping>
{
    public void Configure(EntityTypeBuilder<ImportMapping> builder)
    {
        builder.HasKey(m => new { m.OrganizationId, m.HeaderSet });
        builder.Property(m => m.HeaderSet).HasMaxLength(64);
    }
}
