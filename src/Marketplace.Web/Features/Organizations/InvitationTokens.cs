using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Marketplace.Web.Features.Organizations;

/// <summary>The secret in an invitation's link: 256 random bits, URL-safe; only its SHA-256 hash is ever stored.</summary>
public static class InvitationTokens
{
    public static (string Token, string Hash) New()
    {
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return (token, Hash(token));
    }

    /// <summary>
    /// A plain hash suffices (no salt, no slow hashing): the token is random and as long as the hash, so there is nothing to
    /// guess from it, and the page must find its invitation by it.
    /// </summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
