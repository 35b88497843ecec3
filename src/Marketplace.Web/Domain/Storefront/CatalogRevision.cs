namespace Marketplace.Web.Domain.Storefront;

/// <summary>
/// One row whose stamp changes in the same transaction as any change to what the catalog shows (a listing, its
/// stock, a seller's name or certification). Each web instance keeps its catalog index while the stamp it was built
/// from is still the stored one, so facet counts match the data on every instance without counting the table per request.
/// </summary>
public sealed class CatalogRevision
{
    public const int SingletonId = 1;

    public int Id { get; init; }
    public Guid Stamp { get; set; }
}
