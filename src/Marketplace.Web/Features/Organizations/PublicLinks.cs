namespace Marketplace.Web.Features.Organizations;

/// <summary>Links in e-mails: the app's pages at the address people use (<c>App:PublicUrl</c>).</summary>
internal static class PublicLinks
{
    public static string PageUrl(this IConfiguration configuration, string path) =>
        new Uri(new Uri(configuration["App:PublicUrl"] is { Length: > 0 } url ? url : "http://localhost:5000"), path).AbsoluteUri;
}
