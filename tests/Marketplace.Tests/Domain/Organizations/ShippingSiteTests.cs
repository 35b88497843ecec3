using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Organizations;

namespace Marketplace.Tests.Domain.Organizations;

public sealed class ShippingSiteTests
{
    private static readonly DateTimeOffset Now = new(2026, 9, 14, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_site_keeps_its_address_tidy_and_labels_it_as_a_carrier_reads_it()
    {
        var site = ShippingSite.Create(Guid.NewGuid(), new(" Tahoma Middle School ", "Front office", "24425 SE 216th St", " ", "Maple Valley", "wa", "980381234"));

        Assert.Equal(("Tahoma Middle School", "WA", "98038-1234", (string?)null), (site.Name, site.State, site.PostalCode, site.Street2));
        Assert.Equal("Tahoma Middle School\nAttn: Front office\n24425 SE 216th St\nMaple Valley, WA 98038-1234", site.Label);
    }

    [Fact]
    public void Every_wrong_field_is_named_with_what_to_enter()
    {
        var problems = ShippingSite.Problems(new("", null, "1 Main St", null, "", "Washington", "9803"));

        Assert.Equal(
        [
            "Site name: required.",
            "City: required.",
            "State: \"Washington\" is not a US state's two-letter code (e.g. WA, OR, DC).",
            "ZIP: \"9803\" is not a ZIP code; enter 5 digits (98034) or ZIP+4 (98034-1234).",
        ], problems);
        Assert.Throws<DomainException>(() => ShippingSite.Create(Guid.NewGuid(), new("", null, "1 Main St", null, "", "Washington", "9803")));
    }

    [Theory]
    [InlineData("98034", true)]
    [InlineData("98034-1234", true)]
    [InlineData("980341234", true)]
    [InlineData("9803", false)]
    [InlineData("98034-12", false)]
    [InlineData("ABCDE", false)]
    public void A_zip_has_five_or_nine_digits(string zip, bool valid) =>
        Assert.Equal(valid, ShippingSite.Problems(new("Site", null, "1 Main St", null, "Kent", "WA", zip)).Count == 0);

    [Fact]
    public void A_retired_site_can_be_restored_and_neither_happens_twice()
    {
        var site = ShippingSite.Create(Guid.NewGuid(), new("Annex", null, "1 Main St", null, "Kent", "WA", "98032"));

        site.Retire(Now);
        Assert.False(site.IsActive);
        Assert.Throws<DomainException>(() => site.Retire(Now));
        site.Restore();
        Assert.True(site.IsActive);
        Assert.Throws<DomainException>(site.Restore);
    }
}
