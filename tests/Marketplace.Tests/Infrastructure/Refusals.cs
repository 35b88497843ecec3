using System.Net;

namespace Marketplace.Tests.Infrastructure;

/// <summary>What a person sees when the app turns them away: the sign-in page, or the access-denied page for their role.</summary>
public static class Refusals
{
    public static void AssertSentToSignIn(this HttpResponseMessage response) => AssertRedirectedTo(response, "/account/login");

    public static void AssertAccessDenied(this HttpResponseMessage response) => AssertRedirectedTo(response, "/account/denied");

    private static void AssertRedirectedTo(HttpResponseMessage response, string path)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal(path, (location.IsAbsoluteUri ? location : new Uri(new Uri("http://localhost"), location)).AbsolutePath);
    }
}
