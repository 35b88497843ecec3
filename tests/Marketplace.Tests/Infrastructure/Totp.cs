using System.Security.Cryptography;

namespace Marketplace.Tests.Infrastructure;

/// <summary>
/// Time-based one-time passwords as an authenticator app makes them (RFC 6238: HOTP of RFC 4226 over 30-second steps,
/// HMAC-SHA1, six digits) from a base32 key (RFC 4648). Written here from the RFCs, not taken from the app, so signing in
/// with these codes checks the app's second factor independently. Linked into the browser tests as well.
/// </summary>
public static class Totp
{
    private const string Base32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static string Code(string base32Key, DateTimeOffset at, int digits = 6) => Code(FromBase32(base32Key), at.ToUnixTimeSeconds() / 30, digits);

    public static string Now(string base32Key) => Code(base32Key, DateTimeOffset.UtcNow);

    /// <summary>RFC 4226 section 5.3: HMAC-SHA1 of the big-endian counter, dynamic truncation, modulo 10^digits.</summary>
    public static string Code(byte[] key, long counter, int digits)
    {
        var message = new byte[8];
        for (var i = 7; i >= 0; i--)
        {
            message[i] = (byte)(counter & 0xFF);
            counter >>= 8;
        }

        var hash = HMACSHA1.HashData(key, message);
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        var modulo = 1;
        for (var i = 0; i < digits; i++)
        {
            modulo *= 10;
        }

        return (binary % modulo).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(digits, '0');
    }

    /// <summary>RFC 4648 base32, case and spaces ignored, padding optional.</summary>
    public static byte[] FromBase32(string text)
    {
        var clean = text.Replace(" ", "", StringComparison.Ordinal).TrimEnd('=').ToUpperInvariant();
        var bytes = new List<byte>(clean.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var ch in clean)
        {
            var value = Base32Alphabet.IndexOf(ch, StringComparison.Ordinal);
            if (value < 0)
            {
                throw new FormatException($"'{ch}' is not a base32 character.");
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes.Add((byte)((buffer >> bits) & 0xFF));
            }
        }

        return [.. bytes];
    }
}
