using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Domain.Organizations;

namespace Marketplace.Web.Domain.Sales;

/// <summary>How a lot is sold; the district chooses when listing (see <see cref="SaleTerms"/>).</summary>
public enum SaleMode { RequestForQuotes, SealedBid, Auction, BuyNow }

/// <summary>
/// Open takes quotes or bids; Awarded has a buyer who owes payment by <see cref="Sale.PaymentDueAt"/>; Unsold closed
/// without a winner (no bids, or the reserve not met); Forfeited lost its winner for non-payment; Offered waits on the
/// next-highest bidder's answer; Cancelled was withdrawn. The district relists an unsold or forfeited lot.
/// </summary>
public enum SaleStatus { Open, Awarded, Unsold, Forfeited, Offered, Cancelled }

/// <summary>
/// How a listed lot is sold: the mode and its terms, the quotes or bids received and the award. The award keeps a
/// snapshot of the settlement terms (hammer, premium and commission rates and amounts) taken from the fee schedule at
/// that moment; later fee changes never touch it. Its own version token, so bids racing each other, a buy-now or the
/// close conflict here, not with the district's edits of the lot or the buyer's receiving scans: exactly one of two
/// racing requests saves, and the other is retried against the state that won.
/// </summary>
public sealed class Sale : IVersioned
{
    public const int DefaultQuoteValidityDays = 30;

    /// <summary>Business days the winner has to pay before the award is forfeited.</summary>
    public const int DefaultPaymentBusinessDays = 5;

    /// <summary>Days the next-highest bidder has to take up an offer after a forfeit.</summary>
    public const int OfferDays = 3;

    /// <summary>What a buyer does in this sale's mode, in the words its refusals use: "quote", "bid", "buy".</summary>
    public string BuyerAction => Mode switch
    {
        SaleMode.RequestForQuotes => "quote",
        SaleMode.BuyNow => "buy",
        _ => "bid",
    };

    /// <summary>What a refurbisher without a current certification may not do, in the words its refusal uses.</summary>
    public static string OnThisLot(string action) => $"{action} on this lot, which holds data-bearing devices";

    private readonly List<Quote> _quotes = [];
    private readonly List<Bid> _bids = [];
    private readonly List<Forfeit> _forfeits = [];

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid LotId { get; init; }
    public Guid DistrictId { get; init; }
    public SaleMode Mode { get; private set; } = SaleMode.RequestForQuotes;
    public SaleStatus Status { get; private set; } = SaleStatus.Open;
    public string Currency { get; init; } = "USD";
    public DateTimeOffset OpenedAt { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>1 for the first listing; each relisting of an unsold or forfeited lot starts the next round.</summary>
    public int Round { get; private set; } = 1;

    /// <summary>When bidding ends; an auction's late bids move it later, never earlier.</summary>
    public DateTimeOffset? ClosesAt { get; private set; }

    /// <summary>The close the district chose, before any soft-close extension.</summary>
    public DateTimeOffset? ScheduledCloseAt { get; private set; }
    public decimal? StartPrice { get; private set; }
    public decimal? MinimumIncrement { get; private set; }

    /// <summary>The lowest price the district will sell at; never shown to bidders, only whether it is met.</summary>
    public decimal? ReservePrice { get; private set; }
    public decimal? BuyNowPrice { get; private set; }
    public int SoftCloseMinutes { get; private set; } = SaleTerms.DefaultSoftCloseMinutes;

    /// <summary>An auction's standing price and leader; the leader's maximum stays hidden from everyone but the system.</summary>
    public decimal? CurrentPrice { get; private set; }
    public Guid? LeaderId { get; private set; }
    public decimal? LeaderMaximum { get; private set; }
    public int BidCount { get; private set; }

    /// <summary>Taken from the manifest at listing: only certified refurbishers may quote or bid on lots that hold student data.</summary>
    public bool HoldsDataBearingDevices { get; init; }

    public Guid? BuyerId { get; private set; }
    public Guid? AwardedQuoteId { get; private set; }
    public DateTimeOffset? AwardedAt { get; private set; }
    public DateTimeOffset? PaymentDueAt { get; private set; }
    public decimal? HammerPrice { get; private set; }
    public decimal? BuyerPremiumRate { get; private set; }
    public decimal? SellerCommissionRate { get; private set; }
    public decimal? BuyerPremium { get; private set; }
    public decimal? SellerCommission { get; private set; }

    /// <summary>The fee schedule version the award applied; a later version never changes the terms above.</summary>
    public int? FeeScheduleId { get; private set; }

    /// <summary>After a forfeit: the bidder the district offered the lot to, at what price, until when.</summary>
    public Guid? OfferedToId { get; private set; }
    public decimal? OfferPrice { get; private set; }
    public DateTimeOffset? OfferExpiresAt { get; private set; }

    public int Version { get; set; }

    public IReadOnlyList<Quote> Quotes => _quotes;

    public IReadOnlyList<Bid> Bids => _bids;

    public IReadOnlyList<Forfeit> Forfeits => _forfeits;

    public bool AcceptsQuotes => Status == SaleStatus.Open && Mode == SaleMode.RequestForQuotes;

    /// <summary>Sealed bids and auctions take bids; quotes and buy-now do not.</summary>
    public bool IsBidding => Mode is SaleMode.SealedBid or SaleMode.Auction;

    public bool IsAwarded => Status == SaleStatus.Awarded;

    /// <summary>Without a buyer or a pending offer: the district may withdraw the lot.</summary>
    public bool MayBeWithdrawn => (Status == SaleStatus.Open && BidCount == 0) || Status is SaleStatus.Unsold or SaleStatus.Forfeited;

    /// <summary>Unsold or forfeited: the district may relist the lot, or accept the highest bid or offer it on.</summary>
    public bool AwaitsDistrictDecision => Status is SaleStatus.Unsold or SaleStatus.Forfeited;

    /// <summary>The bids of the current listing, replaced ones excluded.</summary>
    public IEnumerable<Bid> StandingBids => _bids.Where(b => b.Round == Round && !b.Replaced);

    /// <summary>Whether the reserve (if any) is met by the standing price; what bidders may know about the reserve.</summary>
    public bool ReserveMet => Mode switch
    {
        SaleMode.Auction => LeaderId is not null && (ReservePrice is not { } reserve || CurrentPrice >= reserve),
        SaleMode.SealedBid => true,
        _ => true,
    };

    /// <summary>Buy-now is offered until the sale is over or, beside an auction, until a bid meets the reserve.</summary>
    public bool OffersBuyNow(DateTimeOffset now) =>
        Status == SaleStatus.Open && BuyNowPrice is not null && !IsPastClose(now)
        && (Mode == SaleMode.BuyNow || (Mode == SaleMode.Auction && !(LeaderId is not null && ReserveMet)));

    /// <summary>The settlement terms fixed at award, or null before.</summary>
    public SettlementTerms? Terms => HammerPrice is { } hammer
        ? new SettlementTerms(hammer, BuyerPremiumRate!.Value, SellerCommissionRate!.Value, BuyerPremium!.Value, SellerCommission!.Value)
        : null;

    public static Sale Open(Lot lot, bool holdsDataBearingDevices, DateTimeOffset now) => Open(lot, holdsDataBearingDevices, SaleTerms.RequestForQuotes, now);

    public static Sale Open(Lot lot, bool holdsDataBearingDevices, SaleTerms terms, DateTimeOffset now)
    {
        var sale = new Sale
        {
            LotId = lot.Id,
            DistrictId = lot.DistrictId,
            Currency = lot.Currency,
            HoldsDataBearingDevices = holdsDataBearingDevices,
        };
        sale.Start(terms, now);
        return sale;
    }

    /// <summary>The smallest amount a bid may be now: for the leader of an auction, more than their own maximum.</summary>
    public decimal MinimumBid(Guid bidderId) => Mode switch
    {
        SaleMode.Auction when LeaderId is null => StartPrice!.Value,
        SaleMode.Auction when LeaderId == bidderId => LeaderMaximum!.Value + 0.01m,
        SaleMode.Auction => CurrentPrice!.Value + BidIncrements.At(CurrentPrice.Value, MinimumIncrement),
        _ => StartPrice ?? 0.01m,
    };

    public bool IsPastClose(DateTimeOffset now) => ClosesAt is { } closes && now >= closes;

    /// <summary>The longest a quote may stay open.</summary>
    public const int MaxQuoteValidityDays = 90;

    /// <summary>Submits or replaces the refurbisher's quote for the whole lot, valid for the default 30 days.</summary>
    public Quote SubmitQuote(OrganizationRights refurbisher, decimal amount, string? note, DateTimeOffset now) =>
        SubmitQuote(refurbisher, amount, note, now, DefaultQuoteValidityDays);

    /// <summary>A quote priced per device: the whole-lot amount is the price times the lot's devices, both kept.</summary>
    public Quote SubmitQuotePerDevice(OrganizationRights refurbisher, decimal perDevice, int devices, string? note, DateTimeOffset now, int validDays = DefaultQuoteValidityDays)
    {
        Require(perDevice > 0, "A per-device quote must be more than $0.00 a device.");
        Require(devices > 0, "This lot has no devices to price.");
        var quote = SubmitQuote(refurbisher, decimal.Round(perDevice, 2) * devices, note, now, validDays);
        quote.PerDevice = decimal.Round(perDevice, 2);
        return quote;
    }

    /// <summary>Submits or replaces the refurbisher's quote: one active quote per buyer, open for the days it names.</summary>
    /// <param name="refurbisher">What the quoting organization may do today: a verified refurbisher, certified if the lot holds student data.</param>
    public Quote SubmitQuote(OrganizationRights refurbisher, decimal amount, string? note, DateTimeOffset now, int validDays)
    {
        Require(validDays is >= 1 and <= MaxQuoteValidityDays, $"A quote is valid for 1 to {MaxQuoteValidityDays} days.");
        Require(Status == SaleStatus.Open, "Quotes are only accepted while the lot is listed.");
        Require(Mode == SaleMode.RequestForQuotes, $"This lot is sold by {Mode.Words().ToLowerInvariant()}, not by quotes.");
        RequireBuyer(refurbisher, "quote");
        Require(amount > 0, "A quote must be more than $0.00.");

        var quote = _quotes.SingleOrDefault(q => q.RefurbisherId == refurbisher.OrganizationId && q.Status == QuoteStatus.Active);
        if (quote is null)
        {
            quote = new Quote { SaleId = Id, RefurbisherId = refurbisher.OrganizationId };
            _quotes.Add(quote);
        }

        quote.Amount = decimal.Round(amount, 2);
        quote.PerDevice = null;
        quote.Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        quote.SubmittedAt = now;
        quote.ValidUntil = now.AddDays(validDays);
        quote.Status = QuoteStatus.Active;
        return quote;
    }

    /// <summary>
    /// A bid in a sealed-bid sale (replacing the bidder's earlier one) or an auction (a maximum: the system bids for the
    /// bidder up to it, never against their own standing bid). A bid in an auction's last minutes moves its close to that
    /// many minutes after the bid. The server's clock is the only clock: a bid at or after the close is refused.
    /// </summary>
    public Bid PlaceBid(OrganizationRights bidder, decimal amount, DateTimeOffset now)
    {
        Require(IsBidding, Mode == SaleMode.BuyNow
            ? "This lot is sold at a fixed price: use buy now."
            : "This lot takes quotes, not bids.");
        Require(Status == SaleStatus.Open && !IsPastClose(now), $"Bidding closed at {ClosesAt?.UtcDateTime.ToString("MMMM d, yyyy h:mm tt", System.Globalization.CultureInfo.InvariantCulture)} UTC.");
        RequireBuyer(bidder, "bid");
        amount = decimal.Round(amount, 2);
        var minimum = MinimumBid(bidder.OrganizationId);
        Require(amount > 0, "A bid must be more than $0.00.");

        Bid bid;
        if (Mode == SaleMode.SealedBid)
        {
            Require(amount >= minimum, $"The minimum bid is {Money.Usd(minimum)}.");
            foreach (var earlier in StandingBids.Where(b => b.BidderId == bidder.OrganizationId))
            {
                earlier.Replaced = true;
            }

            bid = new Bid { SaleId = Id, Round = Round, BidderId = bidder.OrganizationId, Amount = amount, PlacedAt = now };
        }
        else
        {
            if (LeaderId == bidder.OrganizationId)
            {
                Require(amount > LeaderMaximum, $"You are already the leading bidder with a maximum of {Money.Usd(LeaderMaximum!.Value)}; to raise it, bid more than that.");
            }
            else
            {
                Require(amount >= minimum, $"Bid at least {Money.Usd(minimum)}: the current price is {Money.Usd((CurrentPrice ?? StartPrice)!.Value)} and bids rise by at least {Money.Usd(BidIncrements.At(CurrentPrice ?? 0, MinimumIncrement))}.");
            }

            Apply(bidder.OrganizationId, amount);
            bid = new Bid { SaleId = Id, Round = Round, BidderId = bidder.OrganizationId, Amount = amount, PlacedAt = now, PriceAfter = CurrentPrice, LeaderAfter = LeaderId };
            if (ClosesAt is { } closes && closes - now <= TimeSpan.FromMinutes(SoftCloseMinutes))
            {
                ClosesAt = now.AddMinutes(SoftCloseMinutes);
            }
        }

        _bids.Add(bid);
        BidCount++;
        return bid;
    }

    /// <summary>
    /// The proxy rule: the higher maximum leads at one increment over the other (capped at its own maximum); an equal
    /// maximum leaves the earlier bidder in the lead; a maximum that meets the reserve lifts the price to the reserve.
    /// </summary>
    private void Apply(Guid bidderId, decimal maximum)
    {
        if (LeaderId is null)
        {
            LeaderId = bidderId;
            LeaderMaximum = maximum;
            CurrentPrice = StartPrice!.Value;
        }
        else if (LeaderId == bidderId)
        {
            LeaderMaximum = maximum;
        }
        else if (maximum > LeaderMaximum)
        {
            CurrentPrice = Math.Min(maximum, LeaderMaximum!.Value + BidIncrements.At(LeaderMaximum.Value, MinimumIncrement));
            LeaderId = bidderId;
            LeaderMaximum = maximum;
        }
        else
        {
            CurrentPrice = Math.Min(LeaderMaximum!.Value, maximum + BidIncrements.At(maximum, MinimumIncrement));
        }

        if (ReservePrice is { } reserve && LeaderMaximum >= reserve && CurrentPrice < reserve)
        {
            CurrentPrice = reserve;
        }
    }

    /// <summary>Ends the sale at the buy-now price: the buyer wins at once.</summary>
    public void BuyNow(OrganizationRights buyer, FeeSchedule fees, DateTimeOffset now)
    {
        Require(OffersBuyNow(now), Status != SaleStatus.Open || IsPastClose(now)
            ? "This sale is over."
            : "Buy now ended when a bid met the reserve.");
        RequireBuyer(buyer, "buy");
        Award(buyer.OrganizationId, BuyNowPrice!.Value, fees, now);
    }

    /// <summary>
    /// Closes a sealed-bid sale or an auction whose (possibly extended) close has passed: the winner is awarded, or the
    /// lot is unsold. Returns false, changing nothing, when there is nothing to close yet or any more: safe to run twice.
    /// </summary>
    public bool Close(FeeSchedule fees, DateTimeOffset now)
    {
        if (Status != SaleStatus.Open || ClosesAt is null || now < ClosesAt)
        {
            return false;
        }

        switch (Mode)
        {
            case SaleMode.Auction when LeaderId is { } leader && ReserveMet:
                Award(leader, CurrentPrice!.Value, fees, now);
                break;
            case SaleMode.SealedBid when HighestSealedBid() is { } best && (ReservePrice is not { } reserve || best.Amount >= reserve):
                Award(best.BidderId, best.Amount, fees, now);
                break;
            default:
                Status = SaleStatus.Unsold;
                ClosedAt = now;
                break;
        }

        return true;
    }

    /// <summary>The highest sealed bid; a tie goes to the earliest.</summary>
    public Bid? HighestSealedBid() =>
        StandingBids.OrderByDescending(b => b.Amount).ThenBy(b => b.PlacedAt).ThenBy(b => b.Id).FirstOrDefault();

    /// <summary>The district accepts the highest bid of an unsold sale (a reserve it chose not to insist on).</summary>
    public (Guid Buyer, decimal Price) AcceptHighestBid(FeeSchedule fees, DateTimeOffset now)
    {
        Require(Status == SaleStatus.Unsold, "Only an unsold lot's highest bid can be accepted this way.");
        var (buyer, price) = Mode switch
        {
            SaleMode.Auction when LeaderId is { } leader => (leader, CurrentPrice!.Value),
            SaleMode.SealedBid when HighestSealedBid() is { } best => (best.BidderId, best.Amount),
            _ => throw new DomainException("There is no bid to accept: relist the lot instead."),
        };
        Award(buyer, price, fees, now);
        return (buyer, price);
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

        Award(quote.RefurbisherId, quote.Amount, fees, now);
        AwardedQuoteId = quote.Id;
        return quote;
    }

    /// <summary>The refurbisher takes its open quote back before the district accepts it.</summary>
    public Quote WithdrawQuote(Guid refurbisherId)
    {
        Require(AcceptsQuotes, "The sale is over: the quote can no longer be withdrawn.");
        var quote = _quotes.SingleOrDefault(q => q.RefurbisherId == refurbisherId && q.Status == QuoteStatus.Active)
                    ?? throw new DomainException("Your organization has no open quote on this lot.");
        quote.Status = QuoteStatus.Withdrawn;
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

    /// <summary>
    /// The winner did not pay by the deadline: the award ends, stays on the buyer's record, and the district decides
    /// whether to offer the lot to the next-highest bidder or relist it.
    /// </summary>
    public Forfeit Forfeit(DateTimeOffset now)
    {
        Require(Status == SaleStatus.Awarded && PaymentDueAt is { } due && now >= due, "Only an award past its payment deadline can be forfeited.");
        var forfeit = new Forfeit { SaleId = Id, BuyerId = BuyerId!.Value, Round = Round, Amount = HammerPrice!.Value, AwardedAt = AwardedAt!.Value, ForfeitedAt = now };
        _forfeits.Add(forfeit);
        ClearAward();
        Status = SaleStatus.Forfeited;
        return forfeit;
    }

    /// <summary>The next-highest bidder of this round who has not forfeited or declined it, at their own highest bid.</summary>
    public (Guid Bidder, decimal Price)? NextBidder()
    {
        var excluded = _forfeits.Where(f => f.Round == Round).Select(f => f.BuyerId).ToHashSet();
        var next = _bids.Where(b => b.Round == Round && !excluded.Contains(b.BidderId) && !DeclinedOffers.Contains(b.BidderId))
            .GroupBy(b => b.BidderId)
            .Select(g => (Bidder: g.Key, Price: g.Max(b => b.Amount), First: g.Where(b => b.Amount == g.Max(x => x.Amount)).Min(b => b.PlacedAt)))
            .OrderByDescending(x => x.Price).ThenBy(x => x.First)
            .FirstOrDefault();
        return next == default ? null : (next.Bidder, next.Price);
    }

    /// <summary>Bidders who turned down an offer in this round, kept so the next offer goes further down.</summary>
    public List<Guid> DeclinedOffers { get; private set; } = [];

    /// <summary>After a forfeit, the district offers the lot to the next-highest bidder at that bidder's price.</summary>
    public (Guid Bidder, decimal Price) OfferToNextBidder(DateTimeOffset now)
    {
        Require(Status == SaleStatus.Forfeited, "The lot can be offered on only after a forfeit.");
        var next = NextBidder() ?? throw new DomainException("No other bidder is left to offer the lot to: relist it.");
        Status = SaleStatus.Offered;
        OfferedToId = next.Bidder;
        OfferPrice = next.Price;
        OfferExpiresAt = now.AddDays(OfferDays);
        return next;
    }

    /// <summary>The bidder offered the lot takes it at the offered price.</summary>
    public void TakeOffer(OrganizationRights bidder, FeeSchedule fees, DateTimeOffset now)
    {
        Require(Status == SaleStatus.Offered && OfferedToId == bidder.OrganizationId, "There is no offer of this lot to your organization.");
        Require(now < OfferExpiresAt, $"The offer ended on {OfferExpiresAt?.UtcDateTime.ToString("MMMM d, yyyy", System.Globalization.CultureInfo.InvariantCulture)}.");
        RequireBuyer(bidder, "buy");
        var price = OfferPrice!.Value;
        ClearOffer();
        Award(bidder.OrganizationId, price, fees, now);
    }

    /// <summary>The bidder turns the offer down, or lets it run out: the district may offer it further down or relist.</summary>
    public void DeclineOffer(DateTimeOffset now, Guid? bidderId = null)
    {
        Require(Status == SaleStatus.Offered, "There is no open offer of this lot.");
        Require(bidderId is null ? now >= OfferExpiresAt : OfferedToId == bidderId, "There is no offer of this lot to your organization.");
        DeclinedOffers.Add(OfferedToId!.Value);
        ClearOffer();
        Status = SaleStatus.Forfeited;
    }

    /// <summary>Lists an unsold or forfeited lot again, in the same or another mode; the bids of earlier rounds stay on record.</summary>
    public void Relist(SaleTerms terms, DateTimeOffset now)
    {
        Require(AwaitsDistrictDecision, "Only an unsold or forfeited lot can be relisted.");
        Round++;
        DeclinedOffers = [];
        foreach (var quote in _quotes.Where(q => q.Status == QuoteStatus.Active))
        {
            quote.Status = QuoteStatus.Declined;
        }

        Start(terms, now);
    }

    /// <summary>The lot was withdrawn: open quotes are declined.</summary>
    public void Cancel(DateTimeOffset now)
    {
        Require(Status is SaleStatus.Open or SaleStatus.Unsold or SaleStatus.Forfeited, "Only a sale without a buyer can be cancelled.");
        Status = SaleStatus.Cancelled;
        ClosedAt = now;
        foreach (var quote in _quotes.Where(q => q.Status == QuoteStatus.Active))
        {
            quote.Status = QuoteStatus.Declined;
        }
    }

    private void Start(SaleTerms terms, DateTimeOffset now)
    {
        var problems = terms.Problems(now).ToList();
        Require(problems.Count == 0, string.Join(" ", problems));
        Mode = terms.Mode;
        Status = SaleStatus.Open;
        OpenedAt = now;
        ClosedAt = null;
        ClosesAt = ScheduledCloseAt = terms.ClosesAt;
        StartPrice = terms.StartPrice is { } start ? decimal.Round(start, 2) : null;
        MinimumIncrement = terms.MinimumIncrement is { } increment ? decimal.Round(increment, 2) : null;
        ReservePrice = terms.ReservePrice is { } reserve ? decimal.Round(reserve, 2) : null;
        BuyNowPrice = terms.BuyNowPrice is { } buyNow ? decimal.Round(buyNow, 2) : null;
        SoftCloseMinutes = terms.SoftCloseMinutes;
        CurrentPrice = null;
        LeaderId = null;
        LeaderMaximum = null;
        BidCount = 0;
    }

    private void Award(Guid buyerId, decimal price, FeeSchedule fees, DateTimeOffset now)
    {
        var terms = fees.TermsFor(decimal.Round(price, 2));
        Status = SaleStatus.Awarded;
        ClosedAt = now;
        BuyerId = buyerId;
        AwardedAt = now;
        PaymentDueAt = BusinessCalendar.AddBusinessDays(now, DefaultPaymentBusinessDays);
        HammerPrice = terms.HammerPrice;
        BuyerPremiumRate = terms.BuyerPremiumRate;
        SellerCommissionRate = terms.SellerCommissionRate;
        BuyerPremium = terms.BuyerPremium;
        SellerCommission = terms.SellerCommission;
        FeeScheduleId = fees.Id;
    }

    private void ClearAward()
    {
        BuyerId = null;
        AwardedQuoteId = null;
        AwardedAt = null;
        PaymentDueAt = null;
        HammerPrice = null;
        BuyerPremiumRate = null;
        SellerCommissionRate = null;
        BuyerPremium = null;
        SellerCommission = null;
        FeeScheduleId = null;
    }

    private void ClearOffer()
    {
        OfferedToId = null;
        OfferPrice = null;
        OfferExpiresAt = null;
    }

    private void RequireBuyer(OrganizationRights buyer, string action)
    {
        // Refurbishers buy lots; so do schools, but only lots holding no data-bearing devices (the certification rule below).
        Require(buyer.Kind is OrganizationKind.Refurbisher or OrganizationKind.School, $"Only refurbishers and schools can {action} on lots.");
        buyer.RequireTrade(action);
        if (HoldsDataBearingDevices)
        {
            buyer.RequireDataBearing(OnThisLot(action));
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
