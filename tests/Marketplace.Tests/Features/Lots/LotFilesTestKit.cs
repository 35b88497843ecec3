using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Marketplace.Tests.Domain.Lots;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Infrastructure.Identity;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace Marketplace.Tests.Features.Lots;

/// <summary>One app for all lot-file tests: every test makes its own lots, so they do not see each other's data.</summary>
public sealed class LotFilesApp : MarketplaceFactory;

/// <summary>Lots, devices, uploads and images for the lot-file tests, made the way a district user makes them.</summary>
internal static partial class LotFilesTestKit
{
    public static async Task<Guid> CreateLotAsync(this BrowserClient district, string title = "Spring Chromebook refresh")
    {
        var response = await district.PostFormAsync("/lots/new", "/lots/new", new() { ["Title"] = title });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return Guid.Parse(response.Headers.Location!.OriginalString.Split('/').Last());
    }

    public static async Task AddDeviceAsync(this BrowserClient district, Guid lotId, string serial, string? assetTag = null, string model = "Chromebook 3100")
    {
        var response = await district.PostFormAsync($"/lots/{lotId}", $"/lots/{lotId}/devices", new()
        {
            ["Serial"] = serial, ["AssetTag"] = assetTag ?? "", ["Category"] = nameof(DeviceCategory.Chromebook), ["Manufacturer"] = "Dell",
            ["Model"] = model, ["Grade"] = nameof(CosmeticGrade.B), ["Functional"] = nameof(FunctionalStatus.Working),
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith("#devices", response.Headers.Location!.OriginalString);
    }

    /// <summary>Posts the photo form as the browser would: multipart with the anti-forgery token, coming from the lot page.</summary>
    public static async Task<HttpResponseMessage> UploadPhotoAsync(this BrowserClient user, Guid lotId, string fileName, byte[] content)
    {
        // Any page with a form carries the user's token; the lot page may not exist for someone else's lot.
        return await user.PostFileAsync("/lots/new", $"/lots/{lotId}/photos", "photo", fileName, content);
    }

    public static async Task UploadPhotoOkAsync(this BrowserClient district, Guid lotId, string fileName, byte[] content)
    {
        var response = await district.UploadPhotoAsync(lotId, fileName, content);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/lots/{lotId}#photos", response.Headers.Location!.OriginalString);
        var page = await district.GetPageAsync($"/lots/{lotId}");
        Assert.Contains($"Added photo {fileName}.", page);
    }

    /// <summary>Follows a refused form post back to the page it came from and returns the error it shows.</summary>
    public static async Task<string> RefusalAsync(this BrowserClient user, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await user.GetPageAsync(response.Headers.Location!.OriginalString);
        var error = ErrorPattern().Match(page);
        Assert.True(error.Success, "the page should show why the request was refused");
        return WebUtility.HtmlDecode(error.Groups[1].Value);
    }

    public static byte[] Png(int width, int height) => Encode(width, height, SKEncodedImageFormat.Png, 100);

    public static byte[] Jpeg(int width, int height) => Encode(width, height, SKEncodedImageFormat.Jpeg, 90);

    /// <summary>A JPEG as a phone stores a portrait shot: landscape pixels plus EXIF orientation 6 ("rotate 90° clockwise").</summary>
    public static byte[] JpegRotatedByExif(int storedWidth, int storedHeight)
    {
        var jpeg = Jpeg(storedWidth, storedHeight);
        byte[] tiff =
        [
            (byte)'M', (byte)'M', 0x00, 0x2A, 0x00, 0x00, 0x00, 0x08, // big-endian TIFF header, first IFD at 8
            0x00, 0x01,                                               // one entry
            0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, 0x06, 0x00, 0x00, // Orientation (SHORT) = 6
            0x00, 0x00, 0x00, 0x00,                                   // no next IFD
        ];
        byte[] exif = [.. "Exif\0\0"u8, .. tiff];
        var length = exif.Length + 2;
        byte[] app1 = [0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. exif];
        return [.. jpeg[..2], .. app1, .. jpeg[2..]];
    }

    public static SKSizeI ImageSize(byte[] image)
    {
        using var codec = SKCodec.Create(SKData.CreateCopy(image)) ?? throw new InvalidOperationException("not an image");
        return codec.Info.Size;
    }

    public static Task<int> PhotoCountAsync(this MarketplaceFactory factory, Guid lotId) =>
        factory.WithDbAsync(db => db.LotPhotos.CountAsync(p => p.LotId == lotId));

    /// <summary>A lot of the demo district already awarded to the demo refurbisher, saved straight into the database.</summary>
    public static Task<SampleLot> SaveAwardedLotAsync(this MarketplaceFactory factory) => factory.SaveAwardedAsync(1800m);

    public static async Task<string> SaveFileAsync(byte[] content, string extension)
    {
        var path = Path.Combine(Path.GetTempPath(), "marketplace-tests", $"{Guid.NewGuid():N}{extension}");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, content);
        return path;
    }

    /// <summary>Renders a shared partial as the signed-in <paramref name="email"/> would see it on a page.</summary>
    public static async Task<string> RenderPartialAsync(this MarketplaceFactory factory, string email, string partial, object model)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var http = new DefaultHttpContext { RequestServices = services, User = await factory.PrincipalAsync(email) };
        var actionContext = new ActionContext(http, new RouteData(), new ActionDescriptor());
        var view = services.GetRequiredService<IRazorViewEngine>().GetView(null, $"/Features/Shared/{partial}.cshtml", isMainPage: false);
        Assert.True(view.Success, $"{partial} should exist");
        await using var writer = new StringWriter();
        var viewData = new ViewDataDictionary(new EmptyModelMetadataProvider(), new ModelStateDictionary()) { Model = model };
        var tempData = new TempDataDictionary(http, services.GetRequiredService<ITempDataProvider>());
        await view.View.RenderAsync(new ViewContext(actionContext, view.View, viewData, tempData, writer, new HtmlHelperOptions()));
        return writer.ToString();
    }

    private static byte[] Encode(int width, int height, SKEncodedImageFormat format, int quality)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            // A recognisable picture: blue sky over a green field, a red box on the left.
            canvas.Clear(new SKColor(0x60, 0xA5, 0xFA));
            using var field = new SKPaint { Color = new SKColor(0x16, 0xA3, 0x4A) };
            canvas.DrawRect(0, height / 2f, width, height / 2f, field);
            using var box = new SKPaint { Color = new SKColor(0xDC, 0x26, 0x26) };
            canvas.DrawRect(width * 0.05f, height * 0.3f, width * 0.2f, height * 0.4f, box);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, quality);
        return data.ToArray();
    }

    [GeneratedRegex("<strong>That didn't work:</strong>\\s*(.*?)</div>", RegexOptions.Singleline)]
    private static partial Regex ErrorPattern();
}
