using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Domain.Organizations;

namespace Marketplace.Web.Domain.Sales;

public enum SaleMode { RequestForQuotes }

public enum SaleStatus { Open, Awarded, Cancelled }

/// <summary>
/// How a listed lot is sold: the sale mode, the quotes received and the award. The award keeps a snapshot
/// of the settlement terms (hammer, premium and commission rates and amounts) taken from the fee schedule
/// at that moment; later fee changes never touch it. Its own version token, so quotes racing an award
/// conflict here, not with the district's edits of the lot or the buyer's receiving scans.
/// </summary>
public sealed class Sale : IVersioned
{
    public const int DefaultQuoteValidityDays = 30;

    /// <summary>What a refurbisher without a current certification may not do, in the words its refusal uses.</summary>
    public const string OnThisLot = "quote on this lot, which holds data-bearing devices";

    private readonly List<Quote> _quotes = [];

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid LotId { get; init; }
    public Guid DistrictId { get; init; }
    public SaleMode Mode { get; init; } = SaleMode.RequestForQuotes;
    public SaleStatus Status { get; private set; } = SaleStatus.Open;
    public string Currency { get; init; } = "USD";
    public DateTimeOffset OpenedAt { get; init; }
    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>Taken from the manifest at listing: only certified refurbishers may quote on lots that hold student data.</summary>
    public bool HoldsDataBearingDevices { get; init; }

    public Guid? BuyerId { get; private set; }
    public Guid? AwardedQuoteId { get; private set; }
    public DateTimeOffset? AwardedAt { get; private set; }
    public decimal? HammerPrice { get; private set; }
    public decimal? BuyerPremiumRate { get; private set; }
    public decimal? SellerCommissionRate { get; private set; }
    public decimal? BuyerPremium { get; private set; }
    public decimal? SellerCommission { get; private set; }

    public int Version { get; set; }

    public IReadOnlyList<Quote> Quotes => _quotes;

    public bool AcceptsQuotes => Status == SaleStatus.Open;

    public bool IsAwarded => Status == SaleStatus.Awarded;

    /// <summary>The settlement terms fixed at award, or null before.</summary>
    public SettlementTerms? Terms => HammerPrice is { } hammer
        ? new SettlementTerms(hammer, BuyerPremiumRate!.Value, SellerCommissionRate!.Value, BuyerPremium!.Value, SellerCommission!.Value)
        : null;

    public static Sale Open(Lot lot, bool holdsDataBearingDevices, DateTimeOffset now) => new()
    {
        LotId = lot.Id,
        DistrictId = lot.DistrictId,
        Currency = lot.Currency,
        OpenedAt = now,
        HoldsDataBearingDevices = holdsDataBearingDevices,
    };

    /// <summary>Submits or replaces the refurbisher's quote: one active quote per buyer.</summary>
    /// <param name="refurbisher">What the quoting organization may do today: a verified refurbisher, certified if the lot holds student data.</param>
    public Quote SubmitQuote(OrganizationRights refurbisher, decimal amount, string? note, DateTimeOffset now)
    {
        Require(AcceptsQuotes, "Quotes are only accepted while the lot is listed.");
        Require(refurbisher.Kind == OrganizationKind.Refurbisher, "Only refurbishers can quote on lots.");
        refurbisher.RequireTrade("quote");
        if (HoldsDataBearingDevices)
        {
            refurbisher.RequireDataBearing(OnThisLot);
        }

        Require(amount > 0, "A quote must be more than $0.00.");

        var quote = _quotes.SingleOrDefault(q => q.RefurbisherId == refurbisher.OrganizationId && q.Status == QuoteStatus.Active);
        if (quote is null)
        {
            quote = new Quote { SaleId = Id, RefurbisherId = refurbisher.OrganizationId };
            _quotes.Add(quote);
        }

        quote.Amount = decimal.Round(amount, 2);
        quote.Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        quote.SubmittedAt = now;
        quote.ValidUntil = now.AddDays(DefaultQuoteValidityDays);
        quote.Status = QuoteStatus.Active;
        return quote;
    }

    /// <summary>Awards the lot to the quote's refurbisher on the fee schedule's terms as they are now.</summary>
    public Quote Accept(Guid quoteId, FeeSchedule fees, DateTimeOffset now)
    {
        Require(AcceptsQuotes, "Only a listed lot can be awarded.");
        var quote = _quotes.SingleOrDefault(q => q.Id == quoteId) ?? throw new NotFoundException("Quote");
        Require(quote.IsOpen(now), "This quote has expired or was withdrawn.");
        quote.Status = QuoteStatus.Accepted;
        foreach (var other in _quotes.Where(q => q.Id != quoteId && q.Status == QuoteStatus.Active))
        {
            other.Status = QuoteStatus.Declined;
        }

        var terms = fees.TermsFor(quote.Amount);
        Status = SaleStatus.Awarded;
        ClosedAt = now;
        BuyerId = quote.RefurbisherId;
        AwardedQuoteId = quote.Id;
        AwardedAt = now;
        HammerPrice = terms.HammerPrice;
        BuyerPremiumRate = terms.BuyerPremiumRate;
        SellerCommissionRate = terms.SellerCommissionRate;
        BuyerPremium = terms.BuyerPremium;
        SellerCommission = terms.SellerCommission;
        return quote;
    }

    /// <summary>The district turns one quote down; the sale stays open for the others.</summary>
    public Quote Decline(Guid quoteId)
    {
        Require(AcceptsQuotes, "Quotes can only be declined while the lot is listed.");
        var quote = _quotes.SingleOrDefault(q => q.Id == quoteId) ?? throw new NotFoundException("Quote");
        Require(quote.Status == QuoteStatus.Active, $"This quote is already {quote.Status.ToString().ToLowerInvariant()}.");
        quote.Status = QuoteStatus.Declined;
        return quote;
    }

    /// <summary>The lot was withdrawn: open quotes are declined.</summary>
    public void Cancel(DateTimeOffset now)
    {
        Require(AcceptsQuotes, "Only an open sale can be cancelled.");
        Status = SaleStatus.Cancelled;
        ClosedAt = now;
        foreach (var quote in _quotes.Where(q => q.Status == QuoteStatus.Active))
        {
            quote.Status = QuoteStatus.Declined;
        }
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new DomainException(message);
        }
    }
}
