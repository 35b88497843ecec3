using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Domain.Imports;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Domain.Organizations;
using Marketplace.Web.Domain.Sales;
using Marketplace.Web.Domain.Storefront;
using Marketplace.Web.Infrastructure.Audit;
using Marketplace.Web.Infrastructure.Email;
using Marketplace.Web.Infrastructure.Inbox;
using Marketplace.Web.Jobs;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Data;

/// <summary>
/// The one model. Provider-specific subclasses (<see cref="SqliteMarketplaceDb"/>,
/// <see cref="SqlServerMarketplaceDb"/>) exist only so each provider keeps its own migration set.
/// Instances are pooled (<see cref="DataServiceCollectionExtensions.AddMarketplaceData"/>): a context holds no services of
/// its own, and what belongs to the request it serves (<see cref="Trail"/>) is handed to it when a scope takes it.
/// </summary>
public abstract class MarketplaceDb(DbContextOptions options)
    : IdentityDbContext<AppUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<OrganizationDocument> OrganizationDocuments => Set<OrganizationDocument>();
    public DbSet<OrganizationDocumentFile> OrganizationDocumentFiles => Set<OrganizationDocumentFile>();
    public DbSet<Lot> Lots => Set<Lot>();
    public DbSet<Device> Devices => Set<Device>();
    public DbSet<ManifestGroup> ManifestGroups => Set<ManifestGroup>();
    public DbSet<Domain.Market.LotWatch> LotWatches => Set<Domain.Market.LotWatch>();
    public DbSet<Domain.Market.SavedSearch> SavedSearches => Set<Domain.Market.SavedSearch>();
    public DbSet<Domain.Market.SavedSearchMatch> SavedSearchMatches => Set<Domain.Market.SavedSearchMatch>();
    public DbSet<Sale> Sales => Set<Sale>();
    public DbSet<Quote> Quotes => Set<Quote>();
    public DbSet<Bid> Bids => Set<Bid>();
    public DbSet<Forfeit> Forfeits => Set<Forfeit>();
    public DbSet<LotFulfillment> LotFulfillments => Set<LotFulfillment>();
    public DbSet<PickupWindowProposal> PickupWindowProposals => Set<PickupWindowProposal>();
    public DbSet<CustodyEvent> CustodyEvents => Set<CustodyEvent>();
    public DbSet<DeviceScan> DeviceScans => Set<DeviceScan>();
    public DbSet<LotReconciliation> LotReconciliations => Set<LotReconciliation>();
    public DbSet<ReconciliationLine> ReconciliationLines => Set<ReconciliationLine>();
    public DbSet<SanitizationRecord> SanitizationRecords => Set<SanitizationRecord>();
    public DbSet<QualityCheck> QualityChecks => Set<QualityCheck>();
    public DbSet<Certificate> Certificates => Set<Certificate>();
    public DbSet<LotSettlement> LotSettlements => Set<LotSettlement>();
    public DbSet<Invoice> Invoices => Set<Invoice>();
    public DbSet<Payout> Payouts => Set<Payout>();
    public DbSet<ParkedStripeEvent> ParkedStripeEvents => Set<ParkedStripeEvent>();
    public DbSet<BuyerDispute> BuyerDisputes => Set<BuyerDispute>();
    public DbSet<BuyerRefund> BuyerRefunds => Set<BuyerRefund>();
    public DbSet<LedgerTransaction> LedgerTransactions => Set<LedgerTransaction>();
    public DbSet<LedgerEntry> LedgerEntries => Set<LedgerEntry>();
    public DbSet<LedgerMonthlyTotal> LedgerMonthlyTotals => Set<LedgerMonthlyTotal>();
    public DbSet<FeeSchedule> FeeSchedules => Set<FeeSchedule>();
    public DbSet<InvoiceReminder> InvoiceReminders => Set<InvoiceReminder>();
    public DbSet<FundingAward> FundingAwards => Set<FundingAward>();
    public DbSet<Listing> Listings => Set<Listing>();
    public DbSet<ListingUnit> ListingUnits => Set<ListingUnit>();
    public DbSet<ListingPhoto> ListingPhotos => Set<ListingPhoto>();
    public DbSet<CatalogRevision> CatalogRevisions => Set<CatalogRevision>();
    public DbSet<CartItem> CartItems => Set<CartItem>();
    public DbSet<ShippingSite> ShippingSites => Set<ShippingSite>();
    public DbSet<SalesTaxRate> SalesTaxRates => Set<SalesTaxRate>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<OrderLine> OrderLines => Set<OrderLine>();
    public DbSet<Shipment> Shipments => Set<Shipment>();
    public DbSet<ReturnRequest> ReturnRequests => Set<ReturnRequest>();
    public DbSet<ReturnPhoto> ReturnPhotos => Set<ReturnPhoto>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<EmailMessage> EmailMessages => Set<EmailMessage>();
    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();
    public DbSet<AuditRecord> AuditRecords => Set<AuditRecord>();
    public DbSet<DeviceModel> DeviceModels => Set<DeviceModel>();
    public DbSet<PriceGuide> PriceGuides => Set<PriceGuide>();
    public DbSet<CategoryPrice> CategoryPrices => Set<CategoryPrice>();
    public DbSet<LotPhoto> LotPhotos => Set<LotPhoto>();
    public DbSet<ImportJob> ImportJobs => Set<ImportJob>();
    public DbSet<ImportFile> ImportFiles => Set<ImportFile>();
    public DbSet<ImportIssue> ImportIssues => Set<ImportIssue>();
    public DbSet<ImportMapping> ImportMappings => Set<ImportMapping>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Domain.People.Invitation> Invitations => Set<Domain.People.Invitation>();

    /// <summary>The audit trail of the request this context serves; null outside a request scope (design time, tests).</summary>
    internal AuditTrail? Trail { get; private set; }

    /// <summary>Hands a pooled context to the scope <paramref name="services"/> belongs to.</summary>
    internal MarketplaceDb ServeScope(IServiceProvider services)
    {
        Trail = services.GetRequiredService<AuditTrail>();
        return this;
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(MarketplaceDb).Assembly);

        // Our entities create their own Guid ids. Marking those keys as never generated lets EF treat a
        // new child reached through a navigation (a device added to a lot) as an insert, not an update.
        foreach (var entity in builder.Model.GetEntityTypes().Where(e => e.ClrType.Namespace?.StartsWith("Marketplace.Web", StringComparison.Ordinal) == true && e.ClrType != typeof(AppUser)))
        {
            if (entity.FindPrimaryKey()?.Properties is [{ ClrType: var type } key] && type == typeof(Guid))
            {
                key.ValueGenerated = Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never;
            }
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<decimal>().HavePrecision(18, 2);
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }
}
