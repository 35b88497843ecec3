using System.Text;
using Marketplace.Web.Data;
using Microsoft.AspNetCore.Identity;
using QRCoder;

namespace Marketplace.Web.Infrastructure.Identity;

/// <summary>
/// What a person needs to add the marketplace to an authenticator app (Identity's TOTP: HMAC-SHA1, 30-second steps, six
/// digits): the shared key to type, and the same key as an <c>otpauth://</c> link in a QR code to scan.
/// </summary>
public static class Authenticator
{
    public const string Issuer = "K-12 Device Marketplace";

    /// <summary>The base32 key in groups of four, as people type it: "DEMO SECR ETMA …".</summary>
    public static string Grouped(string key)
    {
        var grouped = new StringBuilder(key.Length + key.Length / 4);
        for (var i = 0; i < key.Length; i++)
        {
            if (i > 0 && i % 4 == 0)
            {
                grouped.Append(' ');
            }

            grouped.Append(char.ToUpperInvariant(key[i]));
        }

        return grouped.ToString();
    }

    /// <summary>The key-URI format authenticator apps read: <c>otpauth://totp/Issuer:account?secret=…&amp;issuer=…&amp;digits=6</c>.</summary>
    public static string OtpAuthUri(string account, string key) =>
        $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(account)}?secret={key.ToUpperInvariant()}&issuer={Uri.EscapeDataString(Issuer)}&digits=6";

    /// <summary>
    /// The QR code of <paramref name="uri"/> as a PNG data URI: the page's policy allows images from data: and nothing inline
    /// else, and the key never leaves the page it is shown on (no image URL to fetch or cache).
    /// </summary>
    public static string QrCodeDataUri(string uri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(5);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }

    /// <summary>
    /// Gives the user an authenticator key if they have none, without changing their security stamp (Identity's
    /// ResetAuthenticatorKeyAsync does, which would sign them out of other browsers merely for opening the set-up page).
    /// </summary>
    public static async Task<string> EnsureKeyAsync(UserManager<AppUser> users, IUserStore<AppUser> store, AppUser user, CancellationToken cancellationToken)
    {
        if (await users.GetAuthenticatorKeyAsync(user) is { Length: > 0 } existing)
        {
            return existing;
        }

        return await SetKeyAsync(users, store, user, users.GenerateNewAuthenticatorKey(), cancellationToken);
    }

    /// <summary>Stores <paramref name="key"/> as the user's authenticator key (demo seeding uses the documented demo key).</summary>
    public static async Task<string> SetKeyAsync(UserManager<AppUser> users, IUserStore<AppUser> store, AppUser user, string key, CancellationToken cancellationToken)
    {
        await ((IUserAuthenticatorKeyStore<AppUser>)store).SetAuthenticatorKeyAsync(user, key, cancellationToken);
        var saved = await users.UpdateAsync(user);
        if (!saved.Succeeded)
        {
            throw new Domain.DomainException(string.Join(" ", saved.Errors.Select(e => e.Description)));
        }

        return key;
    }

    /// <summary>What people type, as the authenticator provider reads it: "123 456" and "123-456" are 123456.</summary>
    public static string Digits(string? code) => (code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).Trim();
}
