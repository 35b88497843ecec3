using Marketplace.Web.Domain.Market;

namespace Marketplace.Tests.Domain.Market;

public sealed class UsGeographyTests
{
    [Theory]
    [InlineData("98038", "WA")]
    [InlineData("97703", "OR")]
    [InlineData("10001", "NY")]
    [InlineData("02134", "MA")]
    [InlineData("73301", "TX")]
    [InlineData("88501", "TX")]
    [InlineData("99501", "AK")]
    [InlineData("20500", "DC")]
    public void A_zip_code_is_placed_in_its_state_by_its_first_three_digits(string zip, string state) =>
        Assert.Equal(state, UsGeography.StateOfZip(zip));

    [Theory]
    [InlineData("00000")]
    [InlineData("09001")]
    [InlineData("abcde")]
    [InlineData("")]
    public void A_military_unassigned_or_malformed_zip_has_no_state(string zip) => Assert.Null(UsGeography.StateOfZip(zip));

    [Fact]
    public void Distances_are_between_state_centers_and_a_state_is_zero_miles_from_itself()
    {
        Assert.Equal(0, UsGeography.MilesBetweenStates("WA", "WA"));
        Assert.InRange(UsGeography.MilesBetweenStates("WA", "OR"), 225, 260);
        Assert.InRange(UsGeography.MilesBetweenStates("NY", "CA"), 2200, 2500);
        Assert.Equal(["WA"], UsGeography.StatesWithin("98101", 100));
        Assert.Equal(["ID", "OR", "WA"], UsGeography.StatesWithin("98101", 400));
    }

    [Fact]
    public void Every_state_with_a_center_belongs_to_one_census_region_except_puerto_rico()
    {
        var inRegions = UsGeography.Regions.Values.SelectMany(s => s).ToList();
        Assert.Equal(inRegions.Count, inRegions.Distinct().Count());
        Assert.Equal(UsGeography.StateCenters.Keys.Where(s => s != "PR").Order(), inRegions.Order());
    }
}
