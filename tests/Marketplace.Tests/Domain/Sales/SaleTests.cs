using Marketplace.Tests.Domain.Lots;
using Marketplace.Tests.Domain.Organizations;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Organizations;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Domain.Sales;

namespace Marketplace.Tests.Domain.Sales;

public sealed class SaleTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 15, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now.UtcDateTime);
    private readonly Guid _district = Guid.NewGuid();
    private readonly OrganizationRights _refurbisher = SampleLots.CertifiedRefurbisher(Now);

    [Fact]
    public void A_quote_is_refused_once_the_sale_is_closed()
    {
        var sample = SampleLots.Listed(_district, Now);
        sample.Lot.Withdraw(sample.Sale, Now);

        var refused = Assert.Throws<DomainException>(() => sample.Sale!.SubmitQuote(_refurbisher, 900m, null, Now));

        Assert.Contains("listed", refused.Message);
        Assert.Empty(sample.Sale!.Quotes);
    }

    [Fact]
    public void An_uncertified_refurbisher_cannot_quote_on_a_lot_holding_data_bearing_devices_and_is_told_where_to_upload_a_certificate()
    {
        var sale = SampleLots.Listed(_district, Now).Sale!;
        var uncertified = SampleOrganizations.CertifiedRefurbisher(Now, certification: null);

        var refused = Assert.Throws<DomainException>(() => sale.SubmitQuote(uncertified, 900m, null, Now));

        Assert.Contains("data-bearing", refused.Message);
        Assert.Contains("No certification is on file", refused.Message);
        Assert.Equal(OrganizationRights.DocumentsPage, refused.Remedy?.Path);
        Assert.Empty(sale.Quotes);
    }

    [Fact]
    public void A_refurbisher_whose_certification_expired_cannot_quote_on_a_lot_holding_data_bearing_devices()
    {
        var sale = SampleLots.Listed(_district, Now).Sale!;
        var (refurbisher, documents) = SampleOrganizations.Verified(OrganizationKind.Refurbisher, Now.AddYears(-2), certification: DocumentKind.EStewards,
            certificationEnds: Today.AddDays(-1));

        var refused = Assert.Throws<DomainException>(() => sale.SubmitQuote(OrganizationRights.Of(refurbisher, documents, Today), 900m, null, Now));

        Assert.Contains($"ended on {Today.AddDays(-1):MMMM d, yyyy}", refused.Message);
        Assert.Empty(sale.Quotes);
    }

    [Fact]
    public void An_uncertified_refurbisher_may_quote_on_a_lot_without_data_bearing_devices()
    {
        var sale = SampleLots.Listed(_district, Now, DeviceCategory.Other).Sale!;
        var uncertified = SampleOrganizations.CertifiedRefurbisher(Now, certification: null);

        var quote = sale.SubmitQuote(uncertified, 250m, "Monitors and carts", Now);

        Assert.Equal(QuoteStatus.Active, quote.Status);
        Assert.False(sale.HoldsDataBearingDevices);
    }

    [Fact]
    public void A_refurbisher_not_verified_yet_cannot_quote_even_on_a_lot_without_data_bearing_devices()
    {
        var sale = SampleLots.Listed(_district, Now, DeviceCategory.Other).Sale!;
        var applicant = SampleOrganizations.Applied(OrganizationKind.Refurbisher, Now);

        var refused = Assert.Throws<DomainException>(() => sale.SubmitQuote(OrganizationRights.Of(applicant, [], Today), 250m, null, Now));

        Assert.Contains("not verified yet", refused.Message);
        Assert.Contains("upload your W-9", refused.Message);
        Assert.Empty(sale.Quotes);
    }

    [Fact]
    public void Only_refurbishers_can_quote()
    {
        var sale = SampleLots.Listed(_district, Now).Sale!;
        var (school, documents) = SampleOrganizations.Verified(OrganizationKind.School, Now);

        Assert.Throws<DomainException>(() => sale.SubmitQuote(OrganizationRights.Of(school, documents, Today), 900m, null, Now));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-10)]
    public void A_quote_must_be_more_than_zero(decimal amount)
    {
        var sale = SampleLots.Listed(_district, Now).Sale!;

        Assert.Throws<DomainException>(() => sale.SubmitQuote(_refurbisher, amount, null, Now));
        Assert.Empty(sale.Quotes);
    }

    [Fact]
    public void A_refurbisher_quoting_again_replaces_its_active_quote()
    {
        var sale = SampleLots.Listed(_district, Now).Sale!;
        var first = sale.SubmitQuote(_refurbisher, 900m, null, Now);

        var second = sale.SubmitQuote(_refurbisher, 950.456m, "Includes chargers", Now.AddHours(1));

        Assert.Same(first, second);
        var quote = Assert.Single(sale.Quotes);
        Assert.Equal(950.46m, quote.Amount);
        Assert.Equal(Now.AddHours(1).AddDays(Sale.DefaultQuoteValidityDays), quote.ValidUntil);
    }

    [Fact]
    public void Accepting_a_quote_awards_the_lot_at_the_quoted_price_on_the_fee_schedule_of_that_day_and_declines_the_other_quotes()
    {
        var sale = SampleLots.Listed(_district, Now).Sale!;
        var rival = SampleLots.CertifiedRefurbisher(Now);
        var winning = sale.SubmitQuote(_refurbisher, 1200m, null, Now);
        var losing = sale.SubmitQuote(rival, 1100m, null, Now);
        var fees = new FeeSchedule { BuyerPremiumRate = 0.12m, SellerCommissionRate = 0.05m };

        sale.Accept(winning.Id, fees, Now.AddDays(2));
        fees.BuyerPremiumRate = 0.50m;
        fees.SellerCommissionRate = 0.50m;

        Assert.Equal(SaleStatus.Awarded, sale.Status);
        Assert.Equal((_refurbisher.OrganizationId, winning.Id, Now.AddDays(2)), (sale.BuyerId, sale.AwardedQuoteId, sale.AwardedAt));
        Assert.Equal(new SettlementTerms(1200m, 0.12m, 0.05m, 144m, 60m), sale.Terms);
        Assert.Equal((1344m, 1140m, 204m), (sale.Terms!.BuyerTotal, sale.Terms.DistrictProceeds, sale.Terms.PlatformFees));
        Assert.Equal(QuoteStatus.Accepted, winning.Status);
        Assert.Equal(QuoteStatus.Declined, losing.Status);
    }

    [Fact]
    public void An_expired_quote_cannot_be_accepted()
    {
        var sale = SampleLots.Listed(_district, Now).Sale!;
        var quote = sale.SubmitQuote(_refurbisher, 1200m, null, Now);

        var refused = Assert.Throws<DomainException>(() => sale.Accept(quote.Id, new FeeSchedule(), Now.AddDays(Sale.DefaultQuoteValidityDays + 1)));

        Assert.Contains("expired", refused.Message);
        Assert.Equal(SaleStatus.Open, sale.Status);
        Assert.Null(sale.BuyerId);
        Assert.Null(sale.Terms);
    }

    [Fact]
    public void An_unknown_quote_cannot_be_accepted()
    {
        var sale = SampleLots.Listed(_district, Now).Sale!;

        Assert.Throws<NotFoundException>(() => sale.Accept(Guid.NewGuid(), new FeeSchedule(), Now));
    }

    [Fact]
    public void An_awarded_sale_accepts_no_second_award()
    {
        var sample = SampleLots.Awarded(_district, _refurbisher, 1200m, Now);

        Assert.Throws<DomainException>(() => sample.Sale!.Accept(sample.Sale.AwardedQuoteId!.Value, new FeeSchedule(), Now));
    }
}
