using Marketplace.Web.Domain.Lots;

namespace Marketplace.Tests.Domain.Lots;

public sealed class SerialNumberTests
{
    [Theory]
    [InlineData("MVH-0001")]
    [InlineData("  MVH-0001\r\n")]
    [InlineData("ＭＶＨ－０００１")]
    [InlineData("MVH-\u200B0001")]
    [InlineData("\u202EMVH-0001")]
    [InlineData("MVH-0001\u200D\uFEFF")]
    [InlineData("MVH\u0000-0001")]
    [InlineData("MVH-\r\n0001")]
    [InlineData("MVH-00\u00AD01")]
    public void Full_width_invisible_and_control_character_variants_normalize_to_one_serial(string variant)
    {
        var serial = SerialNumber.Normalize(variant);

        Assert.Equal("MVH-0001", serial);
        Assert.Null(SerialNumber.Problem(serial!));
    }

    [Theory]
    [InlineData("\u041CVH-0001", "\"\u041C\" (U+041C) is a Cyrillic letter, not the Latin letter it looks like")]
    [InlineData("MVH-0\u039F01", "\"\u039F\" (U+039F) is a Greek letter, not the Latin letter it looks like")]
    [InlineData("MVH\u20140001", "\"\u2014\" (U+2014) is not used in serial numbers")]
    [InlineData("MVH-\u0661\u0662", "\"\u0661\" (U+0661) is not used in serial numbers")]
    public void A_serial_with_a_character_no_manufacturer_prints_is_refused_naming_it(string serial, string reason)
    {
        var problem = SerialNumber.Problem(SerialNumber.Normalize(serial)!);

        Assert.NotNull(problem);
        Assert.Contains(reason, problem);
    }

    [Fact]
    public void An_accented_Latin_letter_is_kept() => Assert.Null(SerialNumber.Problem("SÉRIE-1"));

    [Theory]
    [InlineData("")]
    [InlineData(" \u200B\u202E\r\n")]
    public void Nothing_but_invisible_characters_is_no_serial(string serial) =>
        Assert.Equal("A device needs a serial number.", Assert.Throws<Marketplace.Web.Domain.DomainException>(() => SerialNumber.Parse(serial)).Message);
}
