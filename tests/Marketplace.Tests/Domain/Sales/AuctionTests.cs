using Marketplace.Tests.Domain.Lots;
using Marketplace.Tests.Domain.Organizations;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Organizations;
using Marketplace.Web.Domain.Sales;

namespace Marketplace.Tests.Domain.Sales;

public sealed class AuctionTests
{
    internal static readonly DateTimeOffset Now = new(2026, 3, 2, 15, 0, 0, TimeSpan.Zero);
    internal static readonly DateTimeOffset Closes = Now.AddDays(3);
    private readonly Guid _district = Guid.NewGuid();
    private readonly OrganizationRights _a = SampleLots.CertifiedRefurbisher(Now);
    private readonly OrganizationRights _b = SampleLots.CertifiedRefurbisher(Now);
    private readonly OrganizationRights _c = SampleLots.CertifiedRefurbisher(Now);

    internal static Sale Auction(Guid district, decimal start = 100m, decimal? reserve = null, decimal? buyNow = null, decimal? increment = null) =>
        SampleLots.ListedAs(district, Now, new SaleTerms(SaleMode.Auction, Closes, StartPrice: start, MinimumIncrement: increment, ReservePrice: reserve, BuyNowPrice: buyNow)).Sale!;

    [Fact]
    public void The_first_bid_leads_at_the_start_price_whatever_its_maximum()
    {
        var sale = Auction(_district);

        var bid = sale.PlaceBid(_a, 900m, Now.AddHours(1));

        Assert.Equal((_a.OrganizationId, 100m, 900m), (sale.LeaderId!.Value, sale.CurrentPrice!.Value, sale.LeaderMaximum!.Value));
        Assert.Equal((100m, _a.OrganizationId), (bid.PriceAfter!.Value, bid.LeaderAfter!.Value));
    }

    [Fact]
    public void A_lower_challenger_raises_the_price_to_one_increment_over_its_maximum_and_the_leader_stays()
    {
        var sale = Auction(_district);
        sale.PlaceBid(_a, 900m, Now.AddHours(1));

        sale.PlaceBid(_b, 400m, Now.AddHours(2));

        Assert.Equal(_a.OrganizationId, sale.LeaderId);
        Assert.Equal(410m, sale.CurrentPrice); // $400 is in the $10 band of the increment table
    }

    [Fact]
    public void A_higher_challenger_takes_the_lead_at_one_increment_over_the_old_maximum()
    {
        var sale = Auction(_district);
        sale.PlaceBid(_a, 900m, Now.AddHours(1));

        sale.PlaceBid(_b, 2_000m, Now.AddHours(2));

        Assert.Equal(_b.OrganizationId, sale.LeaderId);
        Assert.Equal(910m, sale.CurrentPrice);
    }

    [Fact]
    public void An_equal_maximum_leaves_the_earlier_bidder_in_the_lead_at_that_maximum()
    {
        var sale = Auction(_district);
        sale.PlaceBid(_a, 900m, Now.AddHours(1));

        sale.PlaceBid(_b, 900m, Now.AddHours(2));

        Assert.Equal((_a.OrganizationId, 900m), (sale.LeaderId!.Value, sale.CurrentPrice!.Value));
    }

    [Fact]
    public void The_leader_raising_their_maximum_never_raises_the_price_against_themselves()
    {
        var sale = Auction(_district);
        sale.PlaceBid(_a, 900m, Now.AddHours(1));
        sale.PlaceBid(_b, 400m, Now.AddHours(2));

        sale.PlaceBid(_a, 5_000m, Now.AddHours(3));

        Assert.Equal((_a.OrganizationId, 410m, 5_000m), (sale.LeaderId!.Value, sale.CurrentPrice!.Value, sale.LeaderMaximum!.Value));
        var lower = Assert.Throws<DomainException>(() => sale.PlaceBid(_a, 4_000m, Now.AddHours(4)));
        Assert.Equal("You are already the leading bidder with a maximum of $5,000.00; to raise it, bid more than that.", lower.Message);
    }

    [Fact]
    public void A_bid_under_the_price_plus_one_increment_is_refused_with_the_minimum()
    {
        var sale = Auction(_district, increment: 25m);
        sale.PlaceBid(_a, 300m, Now.AddHours(1));

        var refused = Assert.Throws<DomainException>(() => sale.PlaceBid(_b, 120m, Now.AddHours(2)));

        Assert.StartsWith("Bid at least $125.00", refused.Message);
        Assert.Single(sale.Bids);
    }

    [Fact]
    public void A_maximum_meeting_the_reserve_lifts_the_price_to_the_reserve_and_ends_buy_now()
    {
        var sale = Auction(_district, reserve: 1_000m, buyNow: 2_500m);
        sale.PlaceBid(_a, 600m, Now.AddHours(1));
        Assert.False(sale.ReserveMet);
        Assert.True(sale.OffersBuyNow(Now.AddHours(1)));

        sale.PlaceBid(_b, 1_200m, Now.AddHours(2));

        Assert.Equal((_b.OrganizationId, 1_000m), (sale.LeaderId!.Value, sale.CurrentPrice!.Value));
        Assert.True(sale.ReserveMet);
        Assert.False(sale.OffersBuyNow(Now.AddHours(2)));
        Assert.Equal("Buy now ended when a bid met the reserve.", Assert.Throws<DomainException>(() => sale.BuyNow(_c, new FeeSchedule(), Now.AddHours(3))).Message);
    }

    [Fact]
    public void A_bid_in_the_last_minutes_moves_the_close_to_that_many_minutes_after_the_bid_and_never_earlier()
    {
        var sale = Auction(_district);
        sale.PlaceBid(_a, 500m, Closes.AddMinutes(-30));
        Assert.Equal(Closes, sale.ClosesAt);

        sale.PlaceBid(_b, 800m, Closes.AddMinutes(-2));
        Assert.Equal(Closes.AddMinutes(3), sale.ClosesAt);

        sale.PlaceBid(_a, 1_200m, Closes.AddMinutes(2));
        Assert.Equal(Closes.AddMinutes(7), sale.ClosesAt);
        Assert.Equal(Closes, sale.ScheduledCloseAt);
    }

    [Fact]
    public void A_bid_at_the_very_close_instant_is_refused()
    {
        var sale = Auction(_district);
        sale.PlaceBid(_a, 500m, Now.AddHours(1));

        var refused = Assert.Throws<DomainException>(() => sale.PlaceBid(_b, 800m, Closes));

        Assert.StartsWith("Bidding closed at", refused.Message);
        Assert.Equal(Closes, sale.ClosesAt);
    }

    [Fact]
    public void The_close_awards_the_leader_at_the_price_and_a_second_run_changes_nothing()
    {
        var sale = Auction(_district);
        sale.PlaceBid(_a, 900m, Now.AddHours(1));
        sale.PlaceBid(_b, 400m, Now.AddHours(2));

        Assert.False(sale.Close(new FeeSchedule(), Closes.AddSeconds(-1)));
        Assert.True(sale.Close(new FeeSchedule(), Closes));
        var awardedAt = sale.AwardedAt;
        Assert.False(sale.Close(new FeeSchedule(), Closes.AddMinutes(1)));

        Assert.Equal((SaleStatus.Awarded, _a.OrganizationId, 410m, 41m), (sale.Status, sale.BuyerId!.Value, sale.HammerPrice!.Value, sale.BuyerPremium!.Value));
        Assert.Equal(awardedAt, sale.AwardedAt);
    }

    [Fact]
    public void The_winner_has_five_business_days_to_pay_counting_neither_weekends_nor_federal_holidays()
    {
        // Thursday, May 21, 2026: Memorial Day (May 25) and the weekend do not count.
        var thursday = new DateTimeOffset(2026, 5, 21, 18, 0, 0, TimeSpan.Zero);
        var sale = SampleLots.ListedAs(_district, thursday, new SaleTerms(SaleMode.BuyNow, BuyNowPrice: 700m)).Sale!;

        sale.BuyNow(_a, new FeeSchedule(), thursday);

        Assert.Equal(new DateTimeOffset(2026, 5, 29, 18, 0, 0, TimeSpan.Zero), sale.PaymentDueAt);
    }

    [Fact]
    public void Reserve_not_met_closes_unsold_and_the_district_may_accept_the_highest_bid_or_relist()
    {
        var sale = Auction(_district, reserve: 2_000m);
        sale.PlaceBid(_a, 900m, Now.AddHours(1));
        sale.PlaceBid(_b, 1_500m, Now.AddHours(2));

        sale.Close(new FeeSchedule(), Closes);
        Assert.Equal(SaleStatus.Unsold, sale.Status);
        var accepted = sale.AcceptHighestBid(new FeeSchedule(), Closes.AddHours(1));

        Assert.Equal((_b.OrganizationId, 910m), accepted);
        Assert.Equal((SaleStatus.Awarded, 910m), (sale.Status, sale.HammerPrice!.Value));
    }

    [Fact]
    public void No_bids_closes_unsold_and_relisting_starts_a_new_round_in_another_mode()
    {
        var sale = Auction(_district);
        sale.Close(new FeeSchedule(), Closes);

        sale.Relist(new SaleTerms(SaleMode.SealedBid, Closes.AddDays(7), StartPrice: 50m), Closes.AddHours(1));

        Assert.Equal((SaleStatus.Open, SaleMode.SealedBid, 2, 0), (sale.Status, sale.Mode, sale.Round, sale.BidCount));
        Assert.Null(sale.LeaderId);
        Assert.Equal("There is no bid to accept: relist the lot instead.",
            Assert.Throws<DomainException>(() => { sale.Close(new FeeSchedule(), Closes.AddDays(8)); sale.AcceptHighestBid(new FeeSchedule(), Closes.AddDays(8)); }).Message);
    }

    [Fact]
    public void An_unpaid_award_is_forfeited_and_offered_to_the_next_highest_bidder_at_that_bidder_s_own_maximum()
    {
        var sale = Auction(_district);
        sale.PlaceBid(_a, 900m, Now.AddHours(1));
        sale.PlaceBid(_b, 700m, Now.AddHours(2));
        sale.PlaceBid(_c, 750m, Now.AddHours(3));
        sale.Close(new FeeSchedule(), Closes);
        Assert.Throws<DomainException>(() => sale.Forfeit(sale.PaymentDueAt!.Value.AddSeconds(-1)));

        var forfeit = sale.Forfeit(sale.PaymentDueAt!.Value);
        var offer = sale.OfferToNextBidder(sale.ClosedAt!.Value.AddDays(8));

        Assert.Equal((_a.OrganizationId, 760m), (forfeit.BuyerId, forfeit.Amount));
        Assert.Equal((_c.OrganizationId, 750m), offer);
        Assert.Null(sale.BuyerId);

        sale.DeclineOffer(Closes.AddDays(9), _c.OrganizationId);
        Assert.Equal((_b.OrganizationId, 700m), sale.OfferToNextBidder(Closes.AddDays(9)));
        sale.TakeOffer(_b, new FeeSchedule(), Closes.AddDays(10));
        Assert.Equal((SaleStatus.Awarded, _b.OrganizationId, 700m), (sale.Status, sale.BuyerId!.Value, sale.HammerPrice!.Value));
    }

    [Fact]
    public void Buy_now_beside_an_auction_ends_the_sale_at_once_and_later_bids_are_refused()
    {
        var sale = Auction(_district, reserve: 1_000m, buyNow: 1_800m);
        sale.PlaceBid(_a, 500m, Now.AddHours(1));

        sale.BuyNow(_b, new FeeSchedule(), Now.AddHours(2));

        Assert.Equal((SaleStatus.Awarded, _b.OrganizationId, 1_800m), (sale.Status, sale.BuyerId!.Value, sale.HammerPrice!.Value));
        Assert.StartsWith("Bidding closed", Assert.Throws<DomainException>(() => sale.PlaceBid(_c, 2_000m, Now.AddHours(3))).Message);
        Assert.False(sale.Close(new FeeSchedule(), Closes));
    }

    [Fact]
    public void A_lot_with_bids_cannot_be_withdrawn_before_its_close()
    {
        var sample = SampleLots.ListedAs(_district, Now, new SaleTerms(SaleMode.Auction, Closes, StartPrice: 100m));
        sample.Sale!.PlaceBid(_a, 500m, Now.AddHours(1));

        Assert.Equal("A lot can only be withdrawn before it is awarded.", Assert.Throws<DomainException>(() => sample.Lot.Withdraw(sample.Sale, Now.AddHours(2))).Message);
    }

    [Theory]
    [InlineData(SaleMode.Auction, null, 100.0, null, null, "Closes at: a sealed-bid sale or an auction needs a closing time.")]
    [InlineData(SaleMode.Auction, 48, null, null, null, "Start price: an auction needs a start price above $0.00.")]
    [InlineData(SaleMode.Auction, 48, 500.0, 400.0, null, "Reserve price: the reserve cannot be below the start price.")]
    [InlineData(SaleMode.Auction, 48, 100.0, 500.0, 450.0, "Buy-now price: it must be above the start price and the reserve.")]
    [InlineData(SaleMode.SealedBid, 0, null, null, null, "Closes at: choose a closing time at least an hour from now.")]
    [InlineData(SaleMode.BuyNow, null, null, null, null, "Buy-now price: a buy-now listing needs its price.")]
    [InlineData(SaleMode.SealedBid, 48, null, null, 900.0, "Buy-now price: only an auction or a buy-now listing has a buy-now price.")]
    public void Terms_that_do_not_make_a_sale_are_refused_naming_the_field(SaleMode mode, int? closesInHours, double? start, double? reserve, double? buyNow, string problem)
    {
        var terms = new SaleTerms(mode, closesInHours is { } h ? Now.AddHours(h) : null, (decimal?)start, null, (decimal?)reserve, (decimal?)buyNow);

        var refused = Assert.Throws<DomainException>(() => SampleLots.ListedAs(_district, Now, terms));

        Assert.Contains(problem, refused.Message);
    }
}
