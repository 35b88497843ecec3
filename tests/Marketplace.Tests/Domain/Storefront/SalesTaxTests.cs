using Marketplace.Tests.Domain.Organizations;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Organizations;
using Marketplace.Web.Domain.Storefront;

namespace Marketplace.Tests.Domain.Storefront;

public sealed class SalesTaxTests
{
    private static readonly DateTimeOffset Now = new(2026, 9, 14, 15, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now.UtcDateTime);

    [Fact]
    public void Tax_is_the_states_rate_on_the_devices_and_shipping_rounded_half_away_from_zero_once_per_order()
    {
        // 125.00 × 6.5% = 8.125: a half cent, which goes up (banker's rounding would give 8.12).
        var order = OrderOf(price: 50m, quantity: 2, shipping: 25m);

        order.ApplySalesTax(null, Rate("WA", 0.065m, taxesShipping: true, Today));

        Assert.Equal((8.13m, 0.065m, true), (order.SalesTax, order.SalesTaxRate, order.ShippingTaxed));
        Assert.Equal(133.13m, order.Total);
        Assert.False(order.IsTaxExempt);
    }

    [Fact]
    public void A_state_that_does_not_tax_shipping_taxes_the_devices_alone()
    {
        var order = OrderOf(price: 50m, quantity: 2, shipping: 25m);

        order.ApplySalesTax(null, Rate("CA", 0.0725m, taxesShipping: false, Today));

        Assert.Equal(7.25m, order.SalesTax);
        Assert.Equal(132.25m, order.Total);
    }

    [Fact]
    public void A_current_exemption_certificate_removes_the_tax_and_the_order_names_it()
    {
        var (buyer, documents) = SampleOrganizations.Verified(OrganizationKind.School, Now);
        var certificate = documents.Single(d => d.Kind == DocumentKind.TaxExemptCertificate);
        var order = OrderOf(price: 50m, quantity: 2, shipping: 25m, buyerId: buyer.Id);

        order.ApplySalesTax(certificate, Rate("WA", 0.065m, taxesShipping: true, Today));

        Assert.Equal((0m, (decimal?)null, true, certificate.Id), (order.SalesTax, order.SalesTaxRate, order.IsTaxExempt, order.TaxExemptCertificateId));
        Assert.Equal("Streamlined Sales Tax certificate WA-SST-0042178, educational organization", order.TaxExemption);
        Assert.Equal(125m, order.Total);
    }

    [Fact]
    public void Another_organizations_certificate_exempts_nothing()
    {
        var (_, documents) = SampleOrganizations.Verified(OrganizationKind.School, Now);
        var order = OrderOf(price: 50m, quantity: 1, shipping: 25m, buyerId: Guid.NewGuid());

        Assert.Throws<DomainException>(() => order.ApplySalesTax(documents.Single(d => d.Kind == DocumentKind.TaxExemptCertificate), null));
    }

    [Fact]
    public void Without_a_rate_on_file_the_order_is_not_taxed_and_records_no_rate()
    {
        var order = OrderOf(price: 50m, quantity: 1, shipping: 25m);

        order.ApplySalesTax(null, null);

        Assert.Equal((0m, (decimal?)null), (order.SalesTax, order.SalesTaxRate));
    }

    [Fact]
    public void The_rate_in_force_is_the_latest_effective_on_or_before_the_day_and_a_later_one_waits_its_day()
    {
        SalesTaxRate[] rates =
        [
            Rate("WA", 0.065m, true, Today.AddDays(-30)),
            Rate("WA", 0.07m, true, Today.AddDays(-1)),
            Rate("WA", 0.08m, true, Today.AddDays(10)),
            Rate("OR", 0m, false, Today.AddDays(-100)),
        ];

        Assert.Equal(0.07m, SalesTaxRate.InForce(rates, "WA", Today)!.Rate);
        Assert.Equal(0.065m, SalesTaxRate.InForce(rates, "WA", Today.AddDays(-2))!.Rate);
        Assert.Equal(0.08m, SalesTaxRate.InForce(rates, "WA", Today.AddDays(10))!.Rate);
        Assert.Null(SalesTaxRate.InForce(rates, "WA", Today.AddDays(-31)));
        Assert.Null(SalesTaxRate.InForce(rates, "ID", Today));
    }

    [Theory]
    [InlineData("XX", 0.06, 0, "State: \"XX\" is not a US state's two-letter code.")]
    [InlineData("WA", 0.25, 0, "Rate: 25% is outside 0% to 20%.")]
    [InlineData("WA", 0.065, -1, "Effective date: September 13, 2026 is in the past; a new rate starts today or later.")]
    public void A_rate_is_refused_for_an_unknown_state_an_implausible_rate_or_a_past_effective_date(string state, double rate, int days, string message)
    {
        var refused = Assert.Throws<DomainException>(() =>
            SalesTaxRate.Set(state, (decimal)rate, false, Today.AddDays(days), Today, "Sam Adeyemi", null, Now));

        Assert.Equal(message, refused.Message);
    }

    [Fact]
    public void The_sale_posting_credits_the_tax_to_sales_tax_payable_and_keeps_it_out_of_the_refurbishers_payable()
    {
        var order = OrderOf(price: 50m, quantity: 2, shipping: 25m);
        order.ApplySalesTax(null, Rate("WA", 0.065m, taxesShipping: true, Today));

        var sale = LedgerPostings.StorefrontSale(order, 0.08m, Now);

        Assert.Equal(sale.Entries.Sum(e => e.Debit), sale.Entries.Sum(e => e.Credit));
        Assert.Equal(
            [
                (LedgerAccount.BuyerReceivable, 133.13m, 0m, (Guid?)order.BuyerId),
                (LedgerAccount.RefurbisherPayable, 0m, 117m, order.SellerId),
                (LedgerAccount.PlatformFeeRevenue, 0m, 8m, null),
                (LedgerAccount.SalesTaxPayable, 0m, 8.13m, null),
            ],
            sale.Entries.Select(e => (e.Account, e.Debit, e.Credit, e.OrganizationId)).ToList());
        Assert.Equal(AccountKind.Liability, ChartOfAccounts.Of(LedgerAccount.SalesTaxPayable).Kind);
    }

    private static Order OrderOf(decimal price, int quantity, decimal shipping, Guid? buyerId = null)
    {
        var seller = Guid.NewGuid();
        var listing = new Listing { Title = "Dell Chromebook 3110", SellerId = seller, Price = price };
        listing.Restock(quantity);
        var order = new Order { Number = "ORD-TAX1", BuyerId = buyerId ?? Guid.NewGuid(), SellerId = seller, ShipTo = "Lakeside", ShipToState = "WA", Shipping = shipping };
        order.AddLine(listing, quantity);
        return order;
    }

    private static SalesTaxRate Rate(string state, decimal rate, bool taxesShipping, DateOnly effectiveOn) =>
        new() { State = state, Rate = rate, TaxesShipping = taxesShipping, EffectiveOn = effectiveOn, SetBy = "test", SetAt = Now };
}
