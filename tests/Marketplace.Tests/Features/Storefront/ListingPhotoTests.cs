using System.Net;
using Marketplace.Tests.Features.Lots;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Domain.Storefront;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;

namespace Marketplace.Tests.Features.Storefront;

public sealed class ListingPhotoApp : MarketplaceFactory;

/// <summary>Photos of a listing: uploaded by its seller, checked by their content, shown with thumbnails to everyone.</summary>
public sealed class ListingPhotoTests(ListingPhotoApp app) : IClassFixture<ListingPhotoApp>
{
    private async Task<(Guid Id, string Title)> ListingAsync()
    {
        var title = $"Photo test {Guid.NewGuid():N}"[..30];
        return (await app.SendAsAsync(LotJourneys.Refurbisher, StockListings.Command(title, null, DeviceCategory.Chromebook, CosmeticGrade.B, 99m, 3, 12)), title);
    }

    private static Task<HttpResponseMessage> UploadAsync(BrowserClient seller, Guid listingId, string fileName, byte[] content, string alt = "Lid with light scuffs") =>
        seller.PostFileAsync($"/listings/{listingId}/photos", $"/listings/{listingId}/photos", "photo", fileName, content, new() { ["altText"] = alt });

    [Fact]
    public async Task A_seller_s_photo_gets_a_smaller_thumbnail_shown_with_its_description_on_the_product_page_and_the_catalog_card()
    {
        var (id, title) = await ListingAsync();
        var seller = await BrowserClient.SignInAsync(app, LotJourneys.Refurbisher);
        var original = LotFilesTestKit.Png(1600, 1200);

        var response = await UploadAsync(seller, id, "lid.png", original);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var photo = await app.WithDbAsync(db => db.ListingPhotos.AsNoTracking().SingleAsync(p => p.ListingId == id));
        Assert.Equal(("image/png", 1600, 1200, "Lid with light scuffs"), (photo.ContentType, photo.Width, photo.Height, photo.AltText));
        var anonymous = BrowserClient.Anonymous(app);
        var thumbnail = await anonymous.Http.GetAsync($"/store/listings/{id}/photos/{photo.Id}/thumbnail");
        Assert.Equal("image/jpeg", thumbnail.Content.Headers.ContentType?.MediaType);
        using (var bitmap = SKBitmap.Decode(await thumbnail.Content.ReadAsByteArrayAsync()))
        {
            Assert.True(bitmap.Width < 1600 && bitmap.Height < 1200, $"thumbnail is {bitmap.Width}×{bitmap.Height}");
            Assert.Equal(320, bitmap.Width);
        }

        Assert.Equal(original, await anonymous.Http.GetByteArrayAsync($"/store/listings/{id}/photos/{photo.Id}"));
        var product = WebUtility.HtmlDecode(await anonymous.GetPageAsync($"/store/listings/{id}"));
        Assert.Contains($"src=\"/store/listings/{id}/photos/{photo.Id}/thumbnail\" alt=\"Lid with light scuffs\"", product);
        var catalog = WebUtility.HtmlDecode(await anonymous.GetPageAsync($"/store?q={Uri.EscapeDataString(title)}"));
        Assert.Contains($"/store/listings/{id}/photos/{photo.Id}/thumbnail", catalog);
    }

    [Fact]
    public async Task A_file_that_is_no_image_is_refused_whatever_its_name_says()
    {
        var (id, _) = await ListingAsync();
        var seller = await BrowserClient.SignInAsync(app, LotJourneys.Refurbisher);

        var response = await UploadAsync(seller, id, "photo.jpg", "MZ\u0090\0 this is an executable, not a photo"u8.ToArray());

        Assert.Contains("photo.jpg is not a JPEG, PNG or WebP image.", await seller.RefusalAsync(response));
        Assert.Equal(0, await app.WithDbAsync(db => db.ListingPhotos.CountAsync(p => p.ListingId == id)));
    }

    [Fact]
    public async Task A_photo_over_the_size_limit_is_refused()
    {
        var (id, _) = await ListingAsync();
        var seller = await BrowserClient.SignInAsync(app, LotJourneys.Refurbisher);
        var tooLarge = new byte[ListingPhoto.MaxBytes + 1];
        LotFilesTestKit.Jpeg(10, 10).CopyTo(tooLarge, 0);

        var response = await UploadAsync(seller, id, "huge.jpg", tooLarge);

        Assert.Contains("a photo can be at most 8 MB", await seller.RefusalAsync(response));
        Assert.Equal(0, await app.WithDbAsync(db => db.ListingPhotos.CountAsync(p => p.ListingId == id)));
    }

    [Fact]
    public async Task A_photo_needs_a_description_and_only_the_seller_adds_or_removes_one()
    {
        var (id, _) = await ListingAsync();
        var seller = await BrowserClient.SignInAsync(app, LotJourneys.Refurbisher);
        Assert.Contains("Describe the photo", await seller.RefusalAsync(await UploadAsync(seller, id, "lid.png", LotFilesTestKit.Png(40, 30), alt: "")));
        var (other, _) = await app.AddCertifiedRefurbisherAsync($"Photo Stranger {Guid.NewGuid():N}"[..28]);
        await Assert.ThrowsAsync<Marketplace.Web.Domain.NotFoundException>(() =>
            app.SendAsAsync(other, new Marketplace.Web.Features.Storefront.UploadListingPhoto.Command(id, "lid.png", LotFilesTestKit.Png(40, 30), "Lid")));

        await UploadAsync(seller, id, "lid.webp.png", LotFilesTestKit.Png(40, 30));
        var photoId = await app.WithDbAsync(db => db.ListingPhotos.Where(p => p.ListingId == id).Select(p => p.Id).SingleAsync());
        await Assert.ThrowsAsync<Marketplace.Web.Domain.NotFoundException>(() =>
            app.SendAsAsync(other, new Marketplace.Web.Features.Storefront.RemoveListingPhoto.Command(id, photoId)));
        var page = WebUtility.HtmlDecode(await seller.SubmitAsync($"/listings/{id}/photos", $"/listings/{id}/photos/{photoId}/remove"));

        Assert.Contains("Photo removed.", page);
        Assert.Equal(0, await app.WithDbAsync(db => db.ListingPhotos.CountAsync(p => p.ListingId == id)));
        Assert.Equal(HttpStatusCode.NotFound, (await BrowserClient.Anonymous(app).Http.GetAsync($"/store/listings/{id}/photos/{photoId}/thumbnail")).StatusCode);
    }
}
