using System.Security.Cryptography;

namespace Marketplace.Web.Domain;

/// <summary>Short, human-friendly references (LOT-7K3F9Q) read aloud on the phone and printed on paper.</summary>
public static class ReferenceNumber
{
    // Crockford base32 without I, L, O, U: nothing a person can misread.
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string New(string prefix, int length = 6) => $"{prefix}-{RandomCode(length)}";

    public static string RandomCode(int length)
    {
        Span<byte> bytes = stackalloc byte[length];
        RandomNumberGenerator.Fill(bytes);
        Span<char> chars = stackalloc char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = Alphabet[bytes[i] % Alphabet.Length];
        }

        return new string(chars);
    }
}
