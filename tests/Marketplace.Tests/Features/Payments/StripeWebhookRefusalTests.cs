using System.Net;
using Marketplace.Tests.Infrastructure;

namespace Marketplace.Tests.Features.Payments;

/// <summary>The app with a webhook secret, for posts to the webhook that are not Stripe's events.</summary>
public sealed class WebhookApp : LoggedMarketplaceFactory
{
    public const string Secret = "whsec_refusals";

    public WebhookApp() => Settings["Stripe:WebhookSecret"] = Secret;
}

public sealed class StripeWebhookRefusalTests(WebhookApp app) : IClassFixture<WebhookApp>
{
    [Fact]
    public async Task A_webhook_without_a_Stripe_Signature_header_is_refused_with_400()
    {
        var response = await app.CreateClient().PostAsync("/webhooks/stripe", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Missing Stripe-Signature header.", await response.Content.ReadAsStringAsync());
        app.AssertNoFailures();
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("t=")]
    [InlineData("t=abc,v1=")]
    [InlineData(",,,")]
    [InlineData("t=99999999999999999999,v1=00")]
    public async Task A_webhook_with_a_malformed_signature_is_refused_with_400(string signature)
    {
        var response = await PostAsync("{}", signature);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Invalid Stripe signature.", await response.Content.ReadAsStringAsync());
        app.AssertNoFailures();
    }

    [Theory]
    [InlineData("not json", "the body is not JSON")]
    [InlineData("", "the body is not JSON")]
    [InlineData("[]", "the body is a JSON array, not an object")]
    [InlineData("""{"id":5,"type":[]}""", "no string \\\"id\\\"")]
    [InlineData("""{"id":"evt_1","object":"event","type":"checkout.session.completed"}""", "no \\\"data.object\\\"")]
    [InlineData("""{"id":"evt_1","object":"event","type":"checkout.session.completed","data":{"object":{"object":"checkout.session","id":5,"payment_status":[]}}}""", "its fields have the wrong types")]
    public async Task A_correctly_signed_body_that_is_not_a_Stripe_event_is_refused_with_400(string body, string reason)
    {
        var response = await PostAsync(body, LocalStripeServer.Sign(body, WebhookApp.Secret, DateTimeOffset.UtcNow));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"Not a Stripe event: {reason}.", await response.Content.ReadAsStringAsync());
        app.AssertNoFailures();
    }

    private async Task<HttpResponseMessage> PostAsync(string body, string signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe") { Content = new StringContent(body) };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", signature);
        return await app.CreateClient().SendAsync(request);
    }
}
