using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using CsvHelper;
using Marketplace.Tests.Domain.Lots;
using Marketplace.Tests.Features.Imports;
using Marketplace.Tests.Infrastructure;
using Marketplace.Tests.Infrastructure.Documents;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Features.Lots;
using Marketplace.Web.Infrastructure.Documents;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;

namespace Marketplace.Tests.Features.Lots;

public sealed class LotFilesTests(LotFilesApp app) : IClassFixture<LotFilesApp>
{
    private const string Pdftotext = "/usr/bin/pdftotext";

    // ---- Asset labels ----------------------------------------------------------------------------

    [Fact]
    public async Task Asset_labels_print_only_the_untagged_devices_by_default_with_a_QR_code_that_scans_to_the_serial()
    {
        var district = await SignInAsync("district@demo.k12");
        var lot = await district.CreateLotAsync();
        await district.AddDeviceAsync(lot, "5CD0417TAG", "MV-0417");
        await district.AddDeviceAsync(lot, "5CD0417AAA");
        await district.AddDeviceAsync(lot, "5CD0417BBB");

        var response = await district.Http.GetAsync($"/lots/{lot}/labels.pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Matches(@"^asset-labels-.+-unlabeled-qr\.pdf$", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var pdf = await LotFilesTestKit.SaveFileAsync(await response.Content.ReadAsByteArrayAsync(), ".pdf");
        var text = await ExternalTool.RunAsync(Pdftotext, "-layout", pdf, "-");
        Assert.Contains("5CD0417AAA", text);
        Assert.Contains("5CD0417BBB", text);
        Assert.DoesNotContain("5CD0417TAG", text);
        var info = await ExternalTool.RunAsync("/usr/bin/pdfinfo", pdf);
        Assert.Matches(@"Page size:\s+612 x 792 pts \(letter\)", info);
        Assert.Matches(@"Pages:\s+1\b", info);
        Assert.Equal(["SN:5CD0417AAA", "SN:5CD0417BBB"], (await QrCodesOnFirstPageAsync(pdf)).Order());
    }

    [Fact]
    public async Task Asset_labels_for_all_devices_put_the_asset_tag_in_the_QR_code_and_in_bold_beside_it()
    {
        var district = await SignInAsync("district@demo.k12");
        var lot = await district.CreateLotAsync();
        await district.AddDeviceAsync(lot, "5CD0418TAG", "MV-0418");
        await district.AddDeviceAsync(lot, "5CD0418AAA");

        var response = await district.Http.GetAsync($"/lots/{lot}/labels.pdf?scope=all");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var pdf = await LotFilesTestKit.SaveFileAsync(await response.Content.ReadAsByteArrayAsync(), ".pdf");
        var text = await ExternalTool.RunAsync(Pdftotext, "-layout", pdf, "-");
        Assert.Contains("MV-0418", text);
        Assert.Contains("S/N 5CD0418TAG", text);
        Assert.Contains("5CD0418AAA", text);
        Assert.Contains("no asset tag", text);
        Assert.Equal(["SN:5CD0418AAA", "SN:5CD0418TAG;TAG:MV-0418"], (await QrCodesOnFirstPageAsync(pdf)).Order());
    }

    [Fact]
    public async Task Code_128_asset_labels_scan_back_to_the_asset_tag_or_else_the_serial_for_laser_scanners()
    {
        var district = await SignInAsync("district@demo.k12");
        var lot = await district.CreateLotAsync();
        await district.AddDeviceAsync(lot, "5CD0430TAG", "MV-0430");
        await district.AddDeviceAsync(lot, "5CD0430AAA");

        var response = await district.Http.GetAsync($"/lots/{lot}/labels.pdf?scope=all&format=Code128");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches(@"^asset-labels-.+-all-code128\.pdf$", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var pdf = await LotFilesTestKit.SaveFileAsync(await response.Content.ReadAsByteArrayAsync(), ".pdf");
        Assert.Equal(["CODE-128:5CD0430AAA", "CODE-128:MV-0430"], (await AssetLabelSheetTests.SymbolsOnPageAsync(pdf, 1)).Order());
        var text = await ExternalTool.RunAsync(Pdftotext, "-layout", pdf, "-");
        Assert.Contains("S/N 5CD0430TAG", text);
        Assert.Contains("Serial no. · no asset tag", text);
    }

    [Fact]
    public async Task Asset_labels_for_a_lot_whose_devices_all_have_tags_are_refused_with_a_way_forward()
    {
        var district = await SignInAsync("district@demo.k12");
        var lot = await district.CreateLotAsync();
        await district.AddDeviceAsync(lot, "5CD0419TAG", "MV-0419");

        var unlabeled = await district.Http.GetAsync($"/lots/{lot}/labels.pdf?scope=unlabeled");
        var unknownScope = await district.Http.GetAsync($"/lots/{lot}/labels.pdf?scope=some");
        var unknownFormat = await district.Http.GetAsync($"/lots/{lot}/labels.pdf?scope=all&format=ean13");

        Assert.Equal(HttpStatusCode.BadRequest, unlabeled.StatusCode);
        Assert.Equal("Every device in this lot already has an asset tag; choose 'all devices' to print labels anyway.", await unlabeled.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, unknownScope.StatusCode);
        Assert.Contains("\"some\" is not a label choice", await unknownScope.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, unknownFormat.StatusCode);
        Assert.Equal("\"ean13\" is not a barcode type: use format=qr for QR codes, or format=code128 for Code 128 (1-D) barcodes that laser scanners read.",
            await unknownFormat.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Asset_labels_are_only_for_the_district_that_owns_the_lot()
    {
        var district = await SignInAsync("district@demo.k12");
        var lot = await district.CreateLotAsync();
        await district.AddDeviceAsync(lot, "5CD0420AAA");

        var otherDistrict = await (await SignInAsync("district2@demo.k12")).Http.GetAsync($"/lots/{lot}/labels.pdf");
        var refurbisher = await (await SignInAsync("refurbisher@demo.k12")).Http.GetAsync($"/lots/{lot}/labels.pdf");

        Assert.Equal(HttpStatusCode.NotFound, otherDistrict.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, refurbisher.StatusCode);
        Assert.StartsWith("/account/denied", refurbisher.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public void Labels_sit_on_the_avery_5160_grid_three_across_ten_down()
    {
        Assert.Equal((0, new SKPoint(13.5f, 36)), AssetLabelSheet.Position(0));
        Assert.Equal((0, new SKPoint(13.5f + 189 + 9, 36)), AssetLabelSheet.Position(1));
        var last = AssetLabelSheet.Position(29);
        Assert.Equal(0, last.Page);
        Assert.Equal(612 - 13.5f, last.TopLeft.X + 189);
        Assert.Equal(792 - 36, last.TopLeft.Y + 72);
        Assert.Equal((1, new SKPoint(13.5f, 36)), AssetLabelSheet.Position(30));
    }

    // ---- Photos ----------------------------------------------------------------------------------

    [Fact]
    public async Task An_uploaded_photo_is_kept_as_sent_with_a_thumbnail_of_at_most_320_pixels_both_cached_privately()
    {
        var district = await SignInAsync("district@demo.k12");
        var lot = await district.CreateLotAsync();
        var png = LotFilesTestKit.Png(1200, 800);

        await district.UploadPhotoOkAsync(lot, "pallet.png", png);

        var photo = await app.WithDbAsync(db => db.LotPhotos.AsNoTracking().SingleAsync(p => p.LotId == lot));
        Assert.Equal(("pallet.png", "image/png", 1200, 800), (photo.FileName, photo.ContentType, photo.Width, photo.Height));
        var thumb = await district.Http.GetAsync($"/lots/{lot}/photos/{photo.Id}/thumb");
        Assert.Equal(HttpStatusCode.OK, thumb.StatusCode);
        Assert.Equal("image/jpeg", thumb.Content.Headers.ContentType?.MediaType);
        AssertCachedPrivatelyForAnHour(thumb);
        Assert.Equal("nosniff", thumb.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(new SKSizeI(320, 213), LotFilesTestKit.ImageSize(await thumb.Content.ReadAsByteArrayAsync()));
        var full = await district.Http.GetAsync($"/lots/{lot}/photos/{photo.Id}");
        Assert.Equal("image/png", full.Content.Headers.ContentType?.MediaType);
        AssertCachedPrivatelyForAnHour(full);
        Assert.Equal(png, await full.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_portrait_jpeg_gets_a_portrait_thumbnail()
    {
        var district = await SignInAsync("district@demo.k12");
        var lot = await district.CreateLotAsync();

        await district.UploadPhotoOkAsync(lot, "desk.jpg", LotFilesTestKit.Jpeg(600, 900));

        var photo = await app.WithDbAsync(db => db.LotPhotos.AsNoTracking().SingleAsync(p => p.LotId == lot));
        Assert.Equal(("image/jpeg", 600, 900), (photo.ContentType, photo.Width, photo.Height));
        Assert.Equal(new SKSizeI(213, 320), LotFilesTestKit.ImageSize(photo.Thumbnail));
    }

    [Fact]
    public async Task A_phone_photo_turned_by_its_EXIF_orientation_is_recorded_and_thumbnailed_upright()
    {
        var district = await SignInAsync("district@demo.k12");
        var lot = await district.CreateLotAsync();

        await district.UploadPhotoOkAsync(lot, "IMG_0417.jpg", LotFilesTestKit.JpegRotatedByExif(400, 200));

        var photo = await app.WithDbAsync(db => db.LotPhotos.AsNoTracking().SingleAsync(p => p.LotId == lot));
        Assert.Equal((200, 400), (photo.Width, photo.Height));
        using var thumbnail = SKBitmap.Decode(photo.Thumbnail);
        Assert.Equal((160, 320), (thumbnail.Width, thumbnail.Height));
        // The red box on the left of the stored pixels is at the top once turned 90° clockwise.
        var top = thumbnail.GetPixel(80, 48);
        Assert.True(top.Red > 180 && top.Green < 90 && top.Blue < 90, $"expected red at the top, got {top}");
        var bottom = thumbnail.GetPixel(80, 280);
        Assert.True(bottom.Red < 90, $"expected no red at the bottom, got {bottom}");
    }

    [Fact]
    public async Task Files_that_are_not_really_JPEG_PNG_or_WebP_are_refused_by_name_and_nothing_is_stored()
    {
        var district = await SignInAsync("district@demo.k12");
        var lot = await district.CreateLotAsync();
        var jpeg = LotFilesTestKit.Jpeg(800, 600);

        var text = await district.RefusalAsync(await district.UploadPhotoAsync(lot, "photo.jpg", "Lot 17: 40 Chromebooks, pallet photo to follow"u8.ToArray()));
        var program = await district.RefusalAsync(await district.UploadPhotoAsync(lot, "setup.png", [.. "MZ"u8, .. new byte[2048]]));
        var truncated = await district.RefusalAsync(await district.UploadPhotoAsync(lot, "half.jpg", jpeg[..(jpeg.Length / 2)]));
        var empty = await district.RefusalAsync(await district.UploadPhotoAsync(lot, "empty.jpg", []));

        Assert.Equal("photo.jpg is not a JPEG, PNG or WebP image.", text);
        Assert.Equal("setup.png is not a JPEG, PNG or WebP image.", program);
        Assert.StartsWith("half.jpg could not be read as an image; it may be damaged or incomplete.", truncated);
        Assert.Equal("empty.jpg is empty.", empty);
        Assert.Equal(0, await app.PhotoCountAsync(lot));
    }

    [Fact]
    public async Task A_photo_over_8_MB_is_refused_with_its_size_and_nothing_is_stored()
    {
        var district = await SignInAsync("district@demo.k12");
        var lot = await district.CreateLotAsync();
        var justOver = new byte[LotPhoto.MaxBytes + 1];
        justOver[0] = 0xFF;
        justOver[1] = 0xD8;
        justOver[2] = 0xFF;

        var response = await district.UploadPhotoAsync(lot, "warehouse.jpg", justOver);

        Assert.Equal("warehouse.jpg is 8.1 MB; a photo can be at most 8 MB. Resize it or export it at a lower quality, then upload it again.",
            await district.RefusalAsync(response));
        Assert.Equal(0, await app.PhotoCountAsync(lot));
    }

    [Fact]
    public async Task A_lot_holds_at_most_12_photos()
    {
        var district = await SignInAsync("district@demo.k12");
        var lot = await district.CreateLotAsync();
        for (var i = 1; i <= UploadLotPhoto.MaxPhotosPerLot; i++)
        {
            await district.UploadPhotoOkAsync(lot, $"device-{i:D2}.png", LotFilesTestKit.Png(40 + i, 30));
        }

        var thirteenth = await district.UploadPhotoAsync(lot, "device-13.png", LotFilesTestKit.Png(60, 30));

        Assert.Equal("This lot already has 12 photos, the most a lot can have. Delete one to add another.", await district.RefusalAsync(thirteenth));
        Assert.Equal(12, await app.PhotoCountAsync(lot));
    }

    [Fact]
    public async Task Another_district_can_neither_see_add_nor_delete_photos_and_refurbishers_see_them_only_once_the_lot_is_listed()
    {
        var district = await SignInAsync("district@demo.k12");
        var lot = await district.CreateLotAsync();
        await district.AddDeviceAsync(lot, "5CD0421AAA");
        await district.UploadPhotoOkAsync(lot, "pallet.jpg", LotFilesTestKit.Jpeg(640, 480));
        var photoId = await app.WithDbAsync(db => db.LotPhotos.Where(p => p.LotId == lot).Select(p => p.Id).SingleAsync());
        var other = await SignInAsync("district2@demo.k12");
        var refurbisher = await SignInAsync("refurbisher@demo.k12");

        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync($"/lots/{lot}/photos/{photoId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync($"/lots/{lot}/photos/{photoId}/thumb")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.UploadPhotoAsync(lot, "mine.jpg", LotFilesTestKit.Jpeg(64, 48))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostFormAsync("/lots/new", $"/lots/{lot}/photos/{photoId}/delete", [])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await refurbisher.Http.GetAsync($"/lots/{lot}/photos/{photoId}/thumb")).StatusCode);
        Assert.Equal(1, await app.PhotoCountAsync(lot));

        await district.SubmitAsync($"/lots/{lot}", $"/lots/{lot}/submit");

        Assert.Equal(HttpStatusCode.OK, (await refurbisher.Http.GetAsync($"/lots/{lot}/photos/{photoId}/thumb")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await refurbisher.Http.GetAsync($"/lots/{lot}/photos/{photoId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync($"/lots/{lot}/photos/{photoId}")).StatusCode);
    }

    [Fact]
    public async Task The_district_deletes_a_photo_while_the_lot_is_listed_but_not_after_it_is_awarded_when_the_buyer_still_sees_it()
    {
        var district = await SignInAsync("district@demo.k12");
        var lot = await district.CreateLotAsync();
        await district.UploadPhotoOkAsync(lot, "keep.png", LotFilesTestKit.Png(300, 200));
        await district.UploadPhotoOkAsync(lot, "blurry.png", LotFilesTestKit.Png(300, 200));
        var blurry = await app.WithDbAsync(db => db.LotPhotos.Where(p => p.LotId == lot && p.FileName == "blurry.png").Select(p => p.Id).SingleAsync());

        var page = await district.SubmitAsync($"/lots/{lot}", $"/lots/{lot}/photos/{blurry}/delete");

        Assert.Contains("Photo deleted.", page);
        Assert.Equal(HttpStatusCode.NotFound, (await district.Http.GetAsync($"/lots/{lot}/photos/{blurry}")).StatusCode);
        Assert.Equal(1, await app.PhotoCountAsync(lot));

        var awarded = await app.SaveAwardedLotAsync();
        var photo = new LotPhoto
        {
            LotId = awarded.Id, FileName = "pallet.png", ContentType = "image/png", Content = LotFilesTestKit.Png(64, 48),
            Thumbnail = LotFilesTestKit.Jpeg(64, 48), Width = 64, Height = 48, UploadedAt = DateTimeOffset.UtcNow,
        };
        await app.WithDbAsync(db => { db.LotPhotos.Add(photo); return db.SaveChangesAsync(); });
        var buyer = await SignInAsync("refurbisher@demo.k12");

        Assert.Equal(HttpStatusCode.OK, (await buyer.Http.GetAsync($"/lots/{awarded.Id}/photos/{photo.Id}")).StatusCode);
        var delete = await district.PostFormAsync($"/lots/{awarded.Id}", $"/lots/{awarded.Id}/photos/{photo.Id}/delete", []);
        Assert.Equal("Photos can only be removed while the lot is a draft or listed; this lot is awarded.", await district.RefusalAsync(delete));
        var upload = await district.UploadPhotoAsync(awarded.Id, "late.png", LotFilesTestKit.Png(64, 48));
        Assert.Equal("Photos can only be added while the lot is a draft or listed; this lot is awarded.", await district.RefusalAsync(upload));
        Assert.Equal(1, await app.PhotoCountAsync(awarded.Id));
    }

    [Fact]
    public async Task The_photos_partial_shows_described_thumbnails_and_an_upload_form_to_the_district_and_only_the_pictures_to_a_buyer()
    {
        var district = await SignInAsync("district@demo.k12");
        var lot = await district.CreateLotAsync();
        await district.AddDeviceAsync(lot, "5CD0422AAA");
        await district.UploadPhotoOkAsync(lot, "pallet.png", LotFilesTestKit.Png(400, 300));
        var photoId = await app.WithDbAsync(db => db.LotPhotos.Where(p => p.LotId == lot).Select(p => p.Id).SingleAsync());
        var number = await app.WithDbAsync(db => db.Lots.Where(l => l.Id == lot).Select(l => l.Number).SingleAsync());

        var view = await app.QueryAsAsync("district@demo.k12", new GetLotPhotos.Query(lot));
        var html = await app.RenderPartialAsync("district@demo.k12", "_LotPhotos", view);

        Assert.True(view.CanEdit);
        Assert.Contains($"<a href=\"/lots/{lot}/photos/{photoId}\"", html);
        Assert.Contains($"<img src=\"/lots/{lot}/photos/{photoId}/thumb\" alt=\"Photo 1 of 1 of lot {number}: pallet.png (opens full size)\"", html);
        Assert.Contains("<label class=\"form-label\" for=\"lot-photo\">Add a photo</label>", html);
        Assert.Contains("id=\"lot-photo\" name=\"photo\" accept=\"image/jpeg,image/png,image/webp\"", html);
        Assert.Contains($"action=\"/lots/{lot}/photos/{photoId}/delete\"", html);
        Assert.Equal(2, Regex.Matches(html, "name=\"__RequestVerificationToken\"").Count);
        Assert.Contains("11 more can be added", html);

        await district.SubmitAsync($"/lots/{lot}", $"/lots/{lot}/submit");
        var buyerView = await app.QueryAsAsync("refurbisher@demo.k12", new GetLotPhotos.Query(lot));
        var buyerHtml = await app.RenderPartialAsync("refurbisher@demo.k12", "_LotPhotos", buyerView);

        Assert.False(buyerView.CanEdit);
        Assert.Contains($"/lots/{lot}/photos/{photoId}/thumb", buyerHtml);
        Assert.DoesNotContain("<form", buyerHtml);
    }

    [Fact]
    public async Task The_file_links_partial_offers_labels_only_to_district_staff_with_a_choice_of_devices_and_barcode_type()
    {
        var lot = Guid.NewGuid();

        var district = await app.RenderPartialAsync("district@demo.k12", "_LotFileLinks", lot);
        var refurbisher = await app.RenderPartialAsync("refurbisher@demo.k12", "_LotFileLinks", lot);

        Assert.Contains($"<a href=\"/lots/{lot}/manifest.csv\">Manifest (CSV)</a>", district);
        Assert.Contains($"<a href=\"/lots/{lot}/manifest.xlsx\">Manifest (Excel)</a>", district);
        Assert.Contains($"<form method=\"get\" action=\"/lots/{lot}/labels.pdf\"", district);
        Assert.Contains("<input class=\"form-check-input\" type=\"radio\" name=\"scope\" id=\"labels-scope-unlabeled\" value=\"unlabeled\" checked />", district);
        Assert.Contains("<label class=\"form-check-label\" for=\"labels-scope-all\">All devices</label>", district);
        Assert.Contains("<legend class=\"small fw-normal text-muted mb-0\">Barcode type</legend>", district);
        Assert.Contains("<input class=\"form-check-input\" type=\"radio\" name=\"format\" id=\"labels-format-qr\" value=\"qr\" checked />", district);
        Assert.Contains("<label class=\"form-check-label\" for=\"labels-format-qr\">QR code</label>", district);
        Assert.Contains("id=\"labels-format-code128\" value=\"code128\"", district);
        Assert.Contains("<label class=\"form-check-label\" for=\"labels-format-code128\">Code 128 (1-D, for laser scanners)</label>", district);
        Assert.Contains("Manifest (Excel)", refurbisher);
        Assert.DoesNotContain("labels.pdf", refurbisher);
    }

    // ---- Manifest export -------------------------------------------------------------------------

    // The tests share one app and district, and a serial may be in only one of its lots: each test names its own.
    private static string ImportedManifest(string serials) =>
        "Serial,Asset tag,Category,Manufacturer,Model,Grade,Functional,CPU,RAM,Storage,Purchase date,Funding source,AUE,Enrollment,Sanitization,Battery health,Charger,Location,Notes\n" +
        $"{serials}AAA,MV-0423,Chromebook,Dell,Chromebook 3100,A,Working,Celeron N4020,4,32,2020-08-15,Local,2031-06-30,Deprovisioned,Wiped,87,Yes,Room 12,\"=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\"\n" +
        $"{serials}BBB,,Windows laptop,HP,@SUM(1),C,Minor fault,,8,256,,,,,,,No,,-2 keys missing\n";

    [Fact]
    public async Task The_manifest_csv_has_every_column_and_neutralises_cells_a_spreadsheet_would_run_as_formulas()
    {
        var (district, lot) = await ImportedLotAsync("5CDCSV");

        var response = await district.Http.GetAsync($"/lots/{lot}/manifest.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Matches(@"^manifest-.+\.csv$", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var rows = ParseCsv(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(ExportManifest.Headers, rows[0]);
        Assert.Equal(3, rows.Count);
        var years = AueYears.Left(new DateOnly(2031, 6, 30), DateOnly.FromDateTime(DateTime.UtcNow))!.Value.ToString("0.0", CultureInfo.InvariantCulture);
        Assert.Equal(
            ["5CDCSVAAA", "MV-0423", "Chromebook", "Dell", "Chromebook 3100", "A", "Working", "Celeron N4020", "4", "32", "2020-08-15", "Local",
                "2031-06-30", years, "Deprovisioned", "Wiped", "87", "Yes", "Room 12", "'=HYPERLINK(\"http://evil.example\",\"click\")", "", "", "", "", ""],
            rows[1]);
        Assert.Equal(
            ["5CDCSVBBB", "", "Windows laptop", "HP", "'@SUM(1)", "C", "Minor fault", "", "8", "256", "", "", "", "", "", "", "", "No", "", "'-2 keys missing", "", "", "", "", ""],
            rows[2]);
    }

    [Fact]
    public async Task The_manifest_workbook_has_a_bold_frozen_filtered_header_real_numbers_and_dates_and_formulas_only_as_text()
    {
        var (district, lot) = await ImportedLotAsync("5CDXLS");

        var response = await district.Http.GetAsync($"/lots/{lot}/manifest.xlsx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ExportManifest.XlsxContentType, response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var workbook = new XLWorkbook(new MemoryStream(bytes));
        var sheet = workbook.Worksheet("Manifest");
        Assert.Equal(ExportManifest.Headers, Enumerable.Range(1, ExportManifest.Headers.Count).Select(c => sheet.Cell(1, c).GetString()));
        Assert.All(Enumerable.Range(1, ExportManifest.Headers.Count), c => Assert.True(sheet.Cell(1, c).Style.Font.Bold));
        Assert.Equal(1, sheet.SheetView.SplitRow);
        Assert.True(sheet.AutoFilter.IsEnabled);
        Assert.Equal("A1:Y3", sheet.AutoFilter.Range.RangeAddress.ToString());

        var first = sheet.Row(2);
        Assert.Equal("5CDXLSAAA", first.Cell(1).GetString());
        Assert.Equal("MV-0423", first.Cell(2).GetString());
        Assert.Equal((XLDataType.Number, 4d), (first.Cell(9).DataType, first.Cell(9).GetDouble()));
        Assert.Equal((XLDataType.Number, 87d), (first.Cell(17).DataType, first.Cell(17).GetDouble()));
        Assert.Equal((XLDataType.DateTime, new DateTime(2020, 8, 15)), (first.Cell(11).DataType, first.Cell(11).GetDateTime()));
        Assert.Equal((XLDataType.DateTime, new DateTime(2031, 6, 30)), (first.Cell(13).DataType, first.Cell(13).GetDateTime()));
        Assert.Equal("yyyy-mm-dd", first.Cell(11).Style.NumberFormat.Format);
        // Stored as the text typed, in a quote-prefixed text cell: no apostrophe in the value, no formula when edited.
        var notes = first.Cell(20);
        Assert.Equal("=HYPERLINK(\"http://evil.example\",\"click\")", notes.GetString());
        Assert.True(notes.Style.IncludeQuotePrefix);
        Assert.False(notes.HasFormula);
        Assert.Equal(XLDataType.Text, notes.DataType);
        var model = sheet.Cell(3, 5);
        Assert.Equal("@SUM(1)", model.GetString());
        Assert.True(model.Style.IncludeQuotePrefix);
        Assert.False(model.HasFormula);
        Assert.Equal("-2 keys missing", sheet.Cell(3, 20).GetString());
        Assert.False(first.Cell(5).Style.IncludeQuotePrefix);
        Assert.True(sheet.Cell(3, 11).IsEmpty());

        using var zip = new ZipArchive(new MemoryStream(bytes));
        using var reader = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
        Assert.DoesNotMatch("<(\\w+:)?f[ >]", await reader.ReadToEndAsync());
    }

    [Fact]
    public async Task The_buyer_may_export_the_manifest_once_awarded_with_its_sanitization_records_and_no_one_else_but_the_district_may()
    {
        var (_, draft) = await ImportedLotAsync("5CDBUY");
        var awarded = await app.SaveCertifiedAsync(2400m);
        var buyer = await SignInAsync("refurbisher@demo.k12");
        var otherDistrict = await SignInAsync("district2@demo.k12");
        var school = await SignInAsync("school@demo.k12");

        var bought = await buyer.Http.GetAsync($"/lots/{awarded.Id}/manifest.csv");

        Assert.Equal(HttpStatusCode.OK, bought.StatusCode);
        var rows = ParseCsv(await bought.Content.ReadAsByteArrayAsync());
        Assert.Equal(SampleLots.Serials, rows.Skip(1).Select(r => r[0]));
        var sanitizedOn = awarded.Records[0].RecordedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.All(rows.Skip(1), r => Assert.Equal($"Purge {sanitizedOn}", r[^1]));
        Assert.Equal(HttpStatusCode.OK, (await buyer.Http.GetAsync($"/lots/{awarded.Id}/manifest.xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await buyer.Http.GetAsync($"/lots/{draft}/manifest.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherDistrict.Http.GetAsync($"/lots/{draft}/manifest.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherDistrict.Http.GetAsync($"/lots/{awarded.Id}/manifest.xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await school.Http.GetAsync($"/lots/{draft}/manifest.csv")).StatusCode);
    }

    [Fact]
    public async Task Any_refurbisher_may_download_a_listed_lots_manifest_to_price_it_and_the_market_page_links_it()
    {
        var listed = await app.SaveListedAsync();
        var refurbisher = await SignInAsync("refurbisher@demo.k12");

        var market = await refurbisher.GetPageAsync($"/market/lots/{listed.Id}");
        var csv = await refurbisher.Http.GetAsync($"/lots/{listed.Id}/manifest.csv");

        Assert.Contains($"href=\"/lots/{listed.Id}/manifest.csv\"", market);
        Assert.Contains($"href=\"/lots/{listed.Id}/manifest.xlsx\"", market);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal(SampleLots.Serials, ParseCsv(await csv.Content.ReadAsByteArrayAsync()).Skip(1).Select(r => r[0]));
        Assert.Equal(HttpStatusCode.OK, (await refurbisher.Http.GetAsync($"/lots/{listed.Id}/manifest.xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await SignInAsync("district2@demo.k12")).Http.GetAsync($"/lots/{listed.Id}/manifest.csv")).StatusCode);
    }

    private static void AssertCachedPrivatelyForAnHour(HttpResponseMessage response)
    {
        var cache = response.Headers.CacheControl;
        Assert.NotNull(cache);
        Assert.True(cache.Private, "photos are for the lot's parties only: no shared caches");
        Assert.Equal(TimeSpan.FromHours(1), cache.MaxAge);
    }

    private Task<BrowserClient> SignInAsync(string email) => BrowserClient.SignInAsync(app, email);

    private async Task<(BrowserClient District, Guid Lot)> ImportedLotAsync(string serials)
    {
        var kit = await ImportTestKit.StartAsync(app);
        var lot = await kit.CreateLotAsync("Manifest export");
        var job = await kit.UploadOkAsync(lot, "inventory.csv", ImportedManifest(serials));
        var checkedJob = await kit.MapAndCheckAsync(job);
        var issues = string.Join("; ", (await kit.IssuesAsync(job)).Select(i => $"row {i.Row} {i.Column}: {i.Reason}"));
        Assert.True(checkedJob.ValidRows == 2, issues);
        await kit.ConfirmAsync(job, acceptIssues: false);
        return (kit.District, lot);
    }

    private static List<string[]> ParseCsv(byte[] content)
    {
        Assert.Equal(Encoding.UTF8.GetPreamble(), content[..3]);
        using var parser = new CsvParser(new StreamReader(new MemoryStream(content)), CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (parser.Read())
        {
            rows.Add(parser.Record!);
        }

        return rows;
    }

    private static async Task<string[]> QrCodesOnFirstPageAsync(string pdf)
    {
        var prefix = Path.ChangeExtension(pdf, null);
        await ExternalTool.RunAsync("/usr/bin/pdftoppm", "-png", "-r", "200", "-f", "1", "-l", "1", "-singlefile", pdf, prefix);
        var codes = await ExternalTool.RunAsync("/usr/bin/zbarimg", "--raw", "-q", prefix + ".png");
        return codes.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}

public sealed class LotFilesLargeSheetTests
{
    [Fact]
    public async Task Five_thousand_labels_fill_167_pages_with_the_last_device_on_the_last_page()
    {
        var labels = Enumerable.Range(1, 5000)
            .Select(i => new AssetLabel($"5CD{i:D7}", i % 2 == 0 ? $"MV-{i:D5}" : null, "Dell Chromebook 3100 2-in-1"))
            .ToList();
        var bytes = AssetLabelSheet.Render("LOT-BIG", labels, DateTimeOffset.UtcNow);

        var pdf = await LotFilesTestKit.SaveFileAsync(bytes, ".pdf");
        Assert.Matches(@"Pages:\s+167\b", await ExternalTool.RunAsync("/usr/bin/pdfinfo", pdf));
        var lastPage = await ExternalTool.RunAsync("/usr/bin/pdftotext", "-f", "167", "-l", "167", pdf, "-");
        Assert.Contains("MV-05000", lastPage);
        Assert.Contains("5CD0004999", lastPage);
    }
}
