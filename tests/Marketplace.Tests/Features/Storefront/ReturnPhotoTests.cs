using System.Net;
using Marketplace.Tests.Features.Lots;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Storefront;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;

namespace Marketplace.Tests.Features.Storefront;

/// <summary>Photos the school attaches to a return request: checked like every photo, all or nothing, and seen only by the return's parties.</summary>
public sealed class ReturnPhotoTests(ClockedMarketplaceFactory app) : IClassFixture<ClockedMarketplaceFactory>
{
    [Fact]
    public async Task Photos_sent_with_the_request_show_as_thumbnails_to_the_school_the_seller_and_the_admin_who_open_the_full_image()
    {
        var sale = await DeliveredAsync("PHOTO-SN-1");
        var cracked = LotFilesTestKit.Png(1600, 1200);
        var label = LotFilesTestKit.Jpeg(400, 300);

        var response = await RequestAsync(sale, "PHOTO-SN-1", ("cracked-hinge.png", cracked), ("C:\\Users\\office\\label.jpg", label));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var request = await app.WithDbAsync(db => db.ReturnRequests.AsNoTracking().SingleAsync(r => r.OrderId == sale.OrderId));
        var photos = await app.WithDbAsync(db => db.ReturnPhotos.AsNoTracking().Where(p => p.ReturnRequestId == request.Id).OrderBy(p => p.Position).ToListAsync());
        Assert.Equal([("cracked-hinge.png", "image/png", 1600, 1200), ("label.jpg", "image/jpeg", 400, 300)],
            photos.Select(p => (p.FileName, p.ContentType, p.Width, p.Height)).ToList());
        Assert.Contains("Photos: 2 attached", (await app.WaitForAsync(sale.SellerEmail, $"Return {request.Number} on order {sale.Number}")).TextBody);

        var admin = await BrowserClient.SignInAsync(app, "admin@demo.k12");
        foreach (var viewer in new[] { sale.School, sale.Seller, admin })
        {
            var page = WebUtility.HtmlDecode(await viewer.GetPageAsync($"/store/returns/{request.Id}"));
            Assert.Contains("Photos from", page);
            foreach (var photo in photos)
            {
                Assert.Contains($"<a href=\"/store/returns/{request.Id}/photos/{photo.Id}\"", page);
                Assert.Contains($"src=\"/store/returns/{request.Id}/photos/{photo.Id}/thumbnail\"", page);
            }

            var thumbnail = await viewer.Http.GetAsync($"/store/returns/{request.Id}/photos/{photos[0].Id}/thumbnail");
            Assert.Equal(("image/jpeg", "nosniff"), (thumbnail.Content.Headers.ContentType?.MediaType, thumbnail.Headers.GetValues("X-Content-Type-Options").Single()));
            using (var bitmap = SKBitmap.Decode(await thumbnail.Content.ReadAsByteArrayAsync()))
            {
                Assert.Equal((320, 240), (bitmap.Width, bitmap.Height));
            }

            var full = await viewer.Http.GetAsync($"/store/returns/{request.Id}/photos/{photos[0].Id}");
            Assert.Equal("image/png", full.Content.Headers.ContentType?.MediaType);
            Assert.Equal(cracked, await full.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task A_file_that_is_no_image_refuses_the_request_naming_the_file_and_nothing_of_it_is_kept()
    {
        var sale = await DeliveredAsync("PHOTO-SN-2");

        var response = await RequestAsync(sale, "PHOTO-SN-2", ("screen.png", LotFilesTestKit.Png(80, 60)), ("invoice.jpg", "%PDF-1.7 not a photo at all"u8.ToArray()));

        Assert.Equal("invoice.jpg is not a JPEG, PNG or WebP image.", await sale.School.RefusalAsync(response));
        await AssertNothingKeptAsync(sale, "screen.png");
    }

    [Fact]
    public async Task More_than_six_photos_are_refused_and_nothing_of_the_request_is_kept()
    {
        var sale = await DeliveredAsync("PHOTO-SN-3");
        var photos = Enumerable.Range(1, ReturnPhoto.MaxPerRequest + 1).Select(i => ($"side-{i}.png", LotFilesTestKit.Png(40, 30))).ToArray();

        var response = await RequestAsync(sale, "PHOTO-SN-3", photos);

        Assert.Equal("Attach at most 6 photos to a request; 7 were chosen.", await sale.School.RefusalAsync(response));
        // The command refuses them too, whoever sends it.
        var refused = await Assert.ThrowsAsync<FluentValidation.ValidationException>(() => app.SendAsAsync(sale.SchoolEmail, new Marketplace.Web.Features.Storefront.RequestReturn.Command(
            sale.OrderId, sale.LineId, ReturnKind.Return, 1, "PHOTO-SN-3", ReturnReason.DamagedInTransit, null,
            Photos: [.. photos.Select(p => new Marketplace.Web.Infrastructure.Images.PhotoUpload(p.Item1, p.Item2))])));
        Assert.Contains("Attach at most 6 photos to a request; 7 were chosen.", refused.Message);
        await AssertNothingKeptAsync(sale, "side-1.png");
    }

    [Fact]
    public async Task Another_organization_cannot_open_a_returns_photos_and_finance_is_not_shown_them()
    {
        var sale = await DeliveredAsync("PHOTO-SN-4");
        await RequestAsync(sale, "PHOTO-SN-4", ("dent.png", LotFilesTestKit.Png(120, 90)));
        var request = await app.WithDbAsync(db => db.ReturnRequests.AsNoTracking().SingleAsync(r => r.OrderId == sale.OrderId));
        var photo = await app.WithDbAsync(db => db.ReturnPhotos.AsNoTracking().SingleAsync(p => p.ReturnRequestId == request.Id));
        var otherSchool = await BrowserClient.SignInAsync(app, await app.AddOrganizationWithUserAsync($"Willow Creek Elementary {Guid.NewGuid():N}", OrganizationKind.School));
        var (otherSellerEmail, _) = await app.AddCertifiedRefurbisherAsync($"Other Refurbisher {Guid.NewGuid():N}");
        var otherSeller = await BrowserClient.SignInAsync(app, otherSellerEmail);

        foreach (var stranger in new[] { otherSchool, otherSeller })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync($"/store/returns/{request.Id}/photos/{photo.Id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync($"/store/returns/{request.Id}/photos/{photo.Id}/thumbnail")).StatusCode);
        }

        // A photo id under another return of the caller's own is not found either: the pair decides, not the photo id alone.
        Assert.Equal(HttpStatusCode.NotFound, (await sale.School.Http.GetAsync($"/store/returns/{Guid.NewGuid()}/photos/{photo.Id}")).StatusCode);
        var finance = await BrowserClient.SignInAsync(app, LotJourneys.Finance);
        var page = WebUtility.HtmlDecode(await finance.GetPageAsync($"/store/returns/{request.Id}"));
        Assert.DoesNotContain($"/photos/{photo.Id}", page);
        Assert.NotEqual(HttpStatusCode.OK, (await finance.Http.GetAsync($"/store/returns/{request.Id}/photos/{photo.Id}")).StatusCode);
    }

    private async Task<ReturnsTests.Sale> DeliveredAsync(string serial)
    {
        app.Clock.MoveTo(DateOnly.FromDateTime(DateTime.UtcNow));
        return await ReturnsTests.DeliveredOrderAsync(app, price: 140m, serials: [serial]);
    }

    private Task<HttpResponseMessage> RequestAsync(ReturnsTests.Sale sale, string serial, params (string FileName, byte[] Content)[] photos) =>
        sale.School.PostFilesAsync($"/store/orders/{sale.OrderId}", $"/store/orders/{sale.OrderId}/returns", "photos", photos, new()
        {
            ["OrderLineId"] = sale.LineId.ToString(), ["Kind"] = nameof(ReturnKind.Return), ["Quantity"] = "1", ["Serials"] = serial,
            ["Reason"] = nameof(ReturnReason.DamagedInTransit), ["Details"] = "Arrived damaged.",
        });

    /// <summary>No request on the order, and not even the good photo sent with the bad one (its name is used by no other test).</summary>
    private async Task AssertNothingKeptAsync(ReturnsTests.Sale sale, string goodPhoto)
    {
        Assert.Equal(0, await app.WithDbAsync(db => db.ReturnRequests.CountAsync(r => r.OrderId == sale.OrderId)));
        Assert.Equal(0, await app.WithDbAsync(db => db.ReturnPhotos.CountAsync(p => p.FileName == goodPhoto)));
    }
}
