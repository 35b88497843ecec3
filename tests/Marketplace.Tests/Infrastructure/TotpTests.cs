using System.Text;

namespace Marketplace.Tests.Infrastructure;

/// <summary>The tests' own TOTP against the published test vectors, so a sign-in test that fails points at the app.</summary>
public sealed class TotpTests
{
    // RFC 6238 appendix B, SHA-1 rows: the key is the ASCII of "12345678901234567890", the codes have eight digits.
    [Theory]
    [InlineData(59L, "94287082")]
    [InlineData(1111111109L, "07081804")]
    [InlineData(1111111111L, "14050471")]
    [InlineData(1234567890L, "89005924")]
    [InlineData(2000000000L, "69279037")]
    [InlineData(20000000000L, "65353130")]
    public void Codes_match_the_RFC_6238_test_vectors(long unixSeconds, string expected) =>
        Assert.Equal(expected, Totp.Code("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", DateTimeOffset.FromUnixTimeSeconds(unixSeconds), digits: 8));

    [Fact]
    public void Base32_decodes_as_RFC_4648_says_whatever_the_case_spaces_and_padding()
    {
        Assert.Equal("12345678901234567890", Encoding.ASCII.GetString(Totp.FromBase32("gezd gnbv gy3t qojq gezd gnbv gy3t qojq")));
        Assert.Equal("foobar", Encoding.ASCII.GetString(Totp.FromBase32("MZXW6YTBOI======")));
        Assert.Throws<FormatException>(() => Totp.FromBase32("MZXW1"));
    }

    [Fact]
    public void Six_digit_codes_are_the_last_six_digits_of_the_eight_digit_ones() =>
        Assert.Equal("287082", Totp.Code("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", DateTimeOffset.FromUnixTimeSeconds(59)));
}
