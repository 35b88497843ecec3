using System.Text.Json;
using System.Text.Json.Serialization;
using Marketplace.Tests.Infrastructure;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Domain.Fulfillment;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Domain.Organizations;
using Marketplace.Web.Domain.People;
using Marketplace.Web.Features.Imports;
using Marketplace.Web.Features.Lots;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Features.Organizations;
using Marketplace.Web.Features.Settlement;
using Marketplace.Web.Features.Storefront;
using Marketplace.Web.Infrastructure.Images;
using Marketplace.Web.Jobs;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Features.Lots;

/// <summary>Who sends a request in the tenant matrix, seen from Maple Valley's records.</summary>
public enum Caller
{
    Anonymous,

    /// <summary>Maple Valley's district staff: the owner of every record the matrix aims at.</summary>
    Owner,

    /// <summary>Staff of the refurbisher that won Maple Valley's sold lots: the other party of those lots.</summary>
    Buyer,

    OtherDistrict,

    /// <summary>The demo refurbisher, which has no part in Maple Valley's sold lots.</summary>
    OtherRefurbisher,

    School,
    Finance,
    Admin,
}

/// <summary>A caller's browser and the anti-forgery token of its session (one token serves every form of the session).</summary>
public sealed record CallerSession(Caller Caller, BrowserClient Browser, string Token);

/// <summary>
/// The records the matrix aims every route at: Maple Valley's lots in the stages the routes need, and what hangs
/// off them (photo, import, invoices, certificate, payout, a storefront order). Sold lots went to a refurbisher
/// other than the demo one, so the demo refurbisher is a stranger to them.
/// </summary>
public sealed class MapleValleyRecords
{
    public required Guid DraftLot { get; init; }
    public required string DraftSerial { get; init; }
    public required string BoardApproval { get; init; }

    /// <summary>A finished import of the draft: every step after the upload refuses it, so the matrix never starts a job.</summary>
    public required Guid ImportJob { get; init; }

    public required Guid ListedLot { get; init; }
    public required Guid ListedDevice { get; init; }

    /// <summary>Awarded to the buyer, not paid: its invoice is open.</summary>
    public required Guid AwardedLot { get; init; }

    public required Guid AwardedQuote { get; init; }
    public required Guid AwardedInvoice { get; init; }
    public required Guid AwardedPhoto { get; init; }

    /// <summary>Certified, its invoice paid, its certificate issued and its payout confirmed as sent.</summary>
    public required Guid CertifiedLot { get; init; }

    public required string CertifiedSerial { get; init; }
    public required Guid CertifiedDevice { get; init; }
    public required Guid CertifiedMedium { get; init; }
    public required Guid CertifiedInvoice { get; init; }
    public required string CertificateCode { get; init; }
    public required Guid Payout { get; init; }

    /// <summary>A storefront order Maple Valley placed, with its open invoice.</summary>
    public required Guid Order { get; init; }

    public required Guid OrderInvoice { get; init; }

    /// <summary>A second storefront order of Maple Valley's, already paid: it can no longer be cancelled or switched.</summary>
    public required Guid PaidOrder { get; init; }

    /// <summary>The paid order's one shipment, sent by the buyer caller and already delivered.</summary>
    public required Guid PaidOrderShipment { get; init; }

    /// <summary>Maple Valley's return of the paid order's unit, approved by the buyer caller (its seller).</summary>
    public required Guid Return { get; init; }

    /// <summary>The photo Maple Valley attached to its return: for the school, the seller and the platform's admin only.</summary>
    public required Guid ReturnPhoto { get; init; }

    /// <summary>A storefront listing of the demo refurbisher: public by design.</summary>
    public required Guid Listing { get; init; }

    /// <summary>A storefront listing of the refurbisher that buys Maple Valley's lots (the buyer caller): only it edits it.</summary>
    public required Guid BuyerListing { get; init; }

    /// <summary>A listing that refurbisher paused: only its seller sees it, and pausing it again is refused.</summary>
    public required Guid PausedListing { get; init; }

    /// <summary>Maple Valley's central receiving site (demo data), in use.</summary>
    public required Guid Site { get; init; }

    /// <summary>Maple Valley's retired site (demo data).</summary>
    public required Guid RetiredSite { get; init; }

    /// <summary>A parked outbox row that is not due for a year, so retrying it changes nothing else.</summary>
    public required Guid DeadOutboxMessage { get; init; }

    /// <summary>Maple Valley itself, verified, and its approved W-9: the review pages and the document download aim at them.</summary>
    public required Guid Organization { get; init; }

    public required Guid W9 { get; init; }

    /// <summary>Maple Valley's ESSER III award (demo data).</summary>
    public required Guid FundingAward { get; init; }

    /// <summary>Maple Valley's organization admin (the owner caller), its last one: it cannot deactivate itself.</summary>
    public required Guid OwnerAccount { get; init; }

    /// <summary>Another member of Maple Valley (its inventory clerk), active.</summary>
    public required Guid Member { get; init; }

    /// <summary>An invitation Maple Valley sent and revoked, and the token of its link (as the e-mail would have carried it).</summary>
    public required Guid RevokedInvitation { get; init; }

    public required string RevokedInvitationToken { get; init; }

    /// <summary>
    /// Text that names a private record (lot, invoice and order numbers, the import's file name, the board
    /// approval, the certificate code) and the page where its owner sees it. No stranger's page may show it.
    /// </summary>
    public required IReadOnlyList<PrivateMark> PrivateMarks { get; init; }

    public IReadOnlyList<Guid> Lots => [DraftLot, ListedLot, AwardedLot, CertifiedLot];
}

public sealed record PrivateMark(string Text, Caller SeenBy, string OnPage);

/// <summary>
/// One app for the whole tenant matrix: Maple Valley's records arranged once, and one signed-in browser per
/// caller. The matrix never changes the arranged records (a party's form posts are aimed at records in a stage
/// where a business rule refuses them, or repeat what the record already says), so the order of its cases does not matter.
/// </summary>
public sealed class TenantIsolationApp : IAsyncLifetime
{
    private const string BuyerName = "Harbor Renewal ITAD";
    private const string BuyerEmail = "buyer@harbor-renewal.test";

    private static readonly JsonSerializerOptions SnapshotJson = new() { ReferenceHandler = ReferenceHandler.IgnoreCycles, WriteIndented = true };

    private readonly Dictionary<Caller, CallerSession> _sessions = [];
    private MapleValleyRecords? _records;

    public MarketplaceFactory Factory { get; } = new();

    public MapleValleyRecords Records => _records ?? throw new InvalidOperationException("The app is not initialized.");

    private static string? EmailOf(Caller caller) => caller switch
    {
        Caller.Anonymous => null,
        Caller.Owner => "district@demo.k12",
        Caller.Buyer => BuyerEmail,
        Caller.OtherDistrict => "district2@demo.k12",
        Caller.OtherRefurbisher => "refurbisher@demo.k12",
        Caller.School => "school@demo.k12",
        Caller.Finance => "finance@demo.k12",
        Caller.Admin => "admin@demo.k12",
        _ => throw new ArgumentOutOfRangeException(nameof(caller), caller, null),
    };

    public async ValueTask InitializeAsync()
    {
        await AddBuyerAsync();
        _records = await ArrangeAsync();
        foreach (var caller in Enum.GetValues<Caller>())
        {
            _sessions[caller] = await SignInAsync(caller);
        }
    }

    public ValueTask DisposeAsync() => Factory.DisposeAsync();

    /// <summary>The caller's shared session, or a new one for a request that ends its session (signing out).</summary>
    public async Task<CallerSession> SessionAsync(Caller caller, bool fresh) => fresh ? await SignInAsync(caller) : _sessions[caller];

    /// <summary>Every route the app maps, as "METHOD /pattern"; "ANY" where the endpoint takes every method.</summary>
    public IReadOnlySet<string> MappedRoutes() =>
        Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } methods ? methods : ["ANY"])
                .Select(method => $"{method} /{endpoint.RoutePattern.RawText?.TrimStart('/')}"))
            .ToHashSet();

    /// <summary>The arranged records as stored now, one property a line, to compare before and after a request.</summary>
    public Task<string> SnapshotAsync() => Factory.WithDbAsync(async db =>
    {
        var records = Records;
        var lots = records.Lots.ToList();
        var rows = new Dictionary<string, object>
        {
            ["lots"] = await db.Lots.AsNoTracking().Where(l => lots.Contains(l.Id)).OrderBy(l => l.Id).ToListAsync(),
            ["devices"] = await db.Devices.AsNoTracking().Where(d => lots.Contains(d.LotId)).OrderBy(d => d.Id).ToListAsync(),
            ["photos"] = await db.LotPhotos.AsNoTracking().Where(p => lots.Contains(p.LotId)).OrderBy(p => p.Id).Select(p => new { p.Id, p.LotId, p.FileName }).ToListAsync(),
            ["imports"] = await db.ImportJobs.AsNoTracking().Where(j => lots.Contains(j.LotId)).OrderBy(j => j.Id).ToListAsync(),
            ["sales"] = await db.Sales.AsNoTracking().Include(s => s.Quotes).Where(s => lots.Contains(s.LotId)).OrderBy(s => s.Id).ToListAsync(),
            ["settlements"] = await db.LotSettlements.AsNoTracking().Where(s => lots.Contains(s.LotId)).OrderBy(s => s.Id).ToListAsync(),
            ["fulfillments"] = await db.LotFulfillments.AsNoTracking().Where(f => lots.Contains(f.LotId)).OrderBy(f => f.Id).ToListAsync(),
            ["sanitization"] = await db.SanitizationRecords.AsNoTracking().Where(r => lots.Contains(r.LotId)).OrderBy(r => r.Id).ToListAsync(),
            ["certificates"] = await db.Certificates.AsNoTracking().Where(c => lots.Contains(c.LotId)).OrderBy(c => c.Id).Select(c => new { c.Id, c.LotId, c.VerificationCode }).ToListAsync(),
            ["payouts"] = await db.Payouts.AsNoTracking().Where(p => p.LotId != null && lots.Contains(p.LotId.Value)).OrderBy(p => p.Id).ToListAsync(),
            ["invoices"] = await db.Invoices.AsNoTracking().Where(i => (i.LotId != null && lots.Contains(i.LotId.Value)) || i.OrderId == records.Order || i.OrderId == records.PaidOrder).OrderBy(i => i.Id).ToListAsync(),
            ["orders"] = await db.Orders.AsNoTracking().Include(o => o.Lines).Where(o => o.Id == records.Order || o.Id == records.PaidOrder).ToListAsync(),
        };
        return JsonSerializer.Serialize(rows, SnapshotJson);
    });

    private async Task<CallerSession> SignInAsync(Caller caller)
    {
        if (EmailOf(caller) is not { } email)
        {
            var anonymous = BrowserClient.Anonymous(Factory);
            return new CallerSession(caller, anonymous, await anonymous.TokenAsync("/account/login"));
        }

        var browser = await BrowserClient.SignInAsync(Factory, email);
        return new CallerSession(caller, browser, await browser.TokenAsync("/"));
    }

    /// <summary>A second certified refurbisher with one sign-in: it buys Maple Valley's lots, so the demo refurbisher is a stranger to them.</summary>
    private async Task AddBuyerAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDb>();
        var buyer = await db.SaveVerifiedAsync(BuyerName, OrganizationKind.Refurbisher, DocumentKind.EStewards);

        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = BuyerEmail, Email = BuyerEmail, EmailConfirmed = true, DisplayName = "Jordan Reyes", OrganizationId = buyer.Id };
        var created = await users.CreateAsync(user, DemoData.DefaultPassword);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRolesAsync(user, Roles.DutiesOf(OrganizationKind.Refurbisher))).Succeeded);
    }

    private async Task<MapleValleyRecords> ArrangeAsync()
    {
        var owner = EmailOf(Caller.Owner)!;
        const string boardApproval = "Board resolution 2026-041";
        const string importFile = "maple-valley-spring-refresh.csv";
        var draft = await Factory.SaveDraftAsync();
        await Factory.SendAsAsync(owner, new RecordBoardApproval.Command(draft.Id, boardApproval));
        var importJob = await Factory.SendAsAsync(owner, new UploadManifest.Command(draft.Id, importFile, "Serial,Model\n5CD0417XYZ,Chromebook 3100\n"u8.ToArray()));
        var listed = await Factory.SaveListedAsync();
        var awarded = await Factory.SaveAwardedAsync(1800m, BuyerName);
        var certified = await Factory.SaveCertifiedAsync(2400m, BuyerName);

        var listing = await Factory.WithDbAsync(db => db.Listings.Where(l => l.IsActive).OrderBy(l => l.Title).Select(l => l.Id).FirstAsync());
        var buyerListing = await Factory.SendAsAsync(BuyerEmail,
            StockListings.Command("Matrix Chromebook on sale (refurbished)", null, DeviceCategory.Chromebook, CosmeticGrade.A, 89m, 8, 6));
        // Maple Valley's orders are sold by the buyer caller, so the demo refurbisher stays a stranger to them.
        await Factory.SendAsAsync(owner, new AddToCart.Command(buyerListing, 2));
        var placed = await Factory.SendAsAsync(owner, new Checkout.Command(PaymentMethod.PurchaseOrder, "MV-PO-2026-118", await Factory.SiteOfAsync(owner)));
        await Factory.SendAsAsync(owner, new AddToCart.Command(buyerListing, 1));
        var paid = await Factory.SendAsAsync(owner, new Checkout.Command(PaymentMethod.PurchaseOrder, "MV-PO-2026-119", await Factory.SiteOfAsync(owner)));
        var pausedListing = await Factory.SendAsAsync(BuyerEmail,
            StockListings.Command("Matrix paused Chromebook (refurbished)", null, DeviceCategory.Chromebook, CosmeticGrade.B, 79m, 5, 6));
        await Factory.SendAsAsync(BuyerEmail, new PauseListing.Command(pausedListing, Pause: true));
        await Factory.WithDbAsync(async db =>
        {
            (await db.Orders.SingleAsync(o => o.Id == paid.OrderIds[0])).MarkPaid(DateTimeOffset.UtcNow);
            (await db.Invoices.SingleAsync(i => i.Id == paid.InvoiceIds[0])).MarkPaid(PaymentMethod.Ach, "ACH-MATRIX-119", DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        });
        // The paid order shipped and arrived: its shipment has a packing slip, and delivering it again is refused.
        var paidLine = await Factory.WithDbAsync(db => db.OrderLines.Where(l => l.OrderId == paid.OrderIds[0]).Select(l => l.Id).SingleAsync());
        var shipment = await Factory.SendAsAsync(BuyerEmail, new RecordShipment.Command(paid.OrderIds[0], Marketplace.Web.Domain.Storefront.Carrier.Ups, null, "1Z999AA10123456784",
            [new RecordShipment.Line(paidLine, 1, "5CD0417MTX")]));
        await Factory.SendAsAsync(BuyerEmail, new MarkShipmentDelivered.Command(paid.OrderIds[0], shipment, DateOnly.FromDateTime(DateTime.UtcNow)));
        // Maple Valley asked to return it and the seller approved: answering again or refunding beyond the price is refused.
        var returnRequest = await Factory.SendAsAsync(owner, new RequestReturn.Command(paid.OrderIds[0], paidLine, Marketplace.Web.Domain.Storefront.ReturnKind.Return, 1,
            "5CD0417MTX", Marketplace.Web.Domain.Storefront.ReturnReason.DoesNotWork, "Does not power on.",
            Photos: [new PhotoUpload("black-screen.png", LotFilesTestKit.Png(64, 48))]));
        await Factory.SendAsAsync(BuyerEmail, new AnswerReturn.Command(returnRequest, Approve: true, "Ship it to our dock, RMA number on the box."));
        var returnPhoto = await Factory.WithDbAsync(db => db.ReturnPhotos.Where(p => p.ReturnRequestId == returnRequest).Select(p => p.Id).SingleAsync());

        const string certificateCode = "MVMATRIX26";
        var png = LotFilesTestKit.Png(64, 48);
        var photo = LotPhotoImage.Read("pallet.png", png);
        var (awardedPhoto, deadMessage) = await Factory.WithDbAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            var lotPhoto = new LotPhoto
            {
                LotId = awarded.Id, FileName = "pallet.png", ContentType = photo.ContentType, Content = png, Thumbnail = photo.Thumbnail,
                Width = photo.Width, Height = photo.Height, UploadedAt = now,
            };
            db.LotPhotos.Add(lotPhoto);
            db.Certificates.Add(Certificate.Issue(certified.Id, certificateCode, now, certified.Devices.Count, "%PDF-1.7\n%%EOF\n"u8.ToArray(),
                await db.LastCertificateLinkAsync()));
            (await db.ImportJobs.SingleAsync(j => j.Id == importJob)).Complete(0, now);
            var dead = new OutboxMessage
            {
                Type = typeof(SendEmail.Command).FullName!, Payload = "{}", CreatedAt = now, DueAt = now.AddYears(1),
                Attempts = OutboxMessage.MaxAttempts, DeadAt = now, LastError = "Parked for the tenant matrix.",
            };
            db.OutboxMessages.Add(dead);
            await db.SaveChangesAsync();
            return (lotPhoto.Id, dead.Id);
        });

        const string invitee = "new.hire@maple-valley.test";
        await Factory.SendAsAsync(owner, new InvitePerson.Command(invitee, [Roles.DistrictInventory]));
        const string revokedToken = "matrix-revoked-invitation-token-0000000000000";
        var (ownerAccount, member, revoked) = await Factory.WithDbAsync(async db =>
        {
            var mapleValley = await db.Users.Where(u => u.Email == owner).Select(u => new { u.Id, u.OrganizationId }).SingleAsync();
            var clerk = await db.Users.Where(u => u.Email == "inventory@demo.k12").Select(u => u.Id).SingleAsync();
            var now = DateTimeOffset.UtcNow;
            var invitation = Invitation.Create(mapleValley.OrganizationId, "revoked@maple-valley.test", "REVOKED@MAPLE-VALLEY.TEST", [Roles.DistrictViewer], mapleValley.Id,
                "Dana Whitfield", owner, now, TimeSpan.FromDays(7));
            invitation.Issue(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(revokedToken))), now, TimeSpan.FromDays(7));
            invitation.Revoke("Dana Whitfield", now);
            db.Invitations.Add(invitation);
            await db.SaveChangesAsync();
            return (mapleValley.Id, clerk, invitation.Id);
        });

        await Factory.SendAsSystemAsync(new ReleaseDistrictFunds.Command(certified.Id));
        var payout = await Factory.WithDbAsync(db => db.Payouts.Where(p => p.LotId == certified.Id).Select(p => p.Id).SingleAsync());
        await Factory.SendAsAsync(EmailOf(Caller.Finance)!, new ApprovePayout.Command(payout));
        await Factory.SendAsAsync(EmailOf(Caller.Finance)!, new ConfirmPayout.Command(payout, "ACH-TRACE-0415"));

        var invoices = await Factory.WithDbAsync(db => db.Invoices.AsNoTracking()
            .Where(i => i.LotId == awarded.Id || i.LotId == certified.Id || i.Id == placed.InvoiceIds[0]).ToListAsync());
        var orderNumber = await Factory.WithDbAsync(db => db.Orders.Where(o => o.Id == placed.OrderIds[0]).Select(o => o.Number).SingleAsync());
        var awardedInvoice = invoices.Single(i => i.LotId == awarded.Id);
        var certifiedInvoice = invoices.Single(i => i.LotId == certified.Id);
        var orderInvoice = invoices.Single(i => i.Id == placed.InvoiceIds[0]);
        var maple = await Factory.WithDbAsync(db => db.Organizations.AsNoTracking().SingleAsync(o => o.Name == DemoLots.District));
        var w9 = await Factory.WithDbAsync(db => db.OrganizationDocuments.Where(d => d.OrganizationId == maple.Id && d.Kind == DocumentKind.W9).Select(d => d.Id).SingleAsync());
        var fundingAward = await Factory.WithDbAsync(db => db.FundingAwards.Where(a => a.DistrictId == maple.Id && a.Name == "ESSER III").Select(a => a.Id).SingleAsync());
        var sites = await Factory.WithDbAsync(db => db.ShippingSites.AsNoTracking()
            .Where(x => db.Organizations.Any(o => o.Id == x.OrganizationId && o.Name == "Maple Valley School District")).ToListAsync());
        return new MapleValleyRecords
        {
            FundingAward = fundingAward,
            DraftLot = draft.Id,
            DraftSerial = draft.Devices[0].Serial,
            BoardApproval = boardApproval,
            ImportJob = importJob,
            ListedLot = listed.Id,
            ListedDevice = listed.Devices[0].Id,
            AwardedLot = awarded.Id,
            AwardedQuote = awarded.Sale!.AwardedQuoteId!.Value,
            AwardedInvoice = awardedInvoice.Id,
            AwardedPhoto = awardedPhoto,
            CertifiedLot = certified.Id,
            CertifiedSerial = certified.Devices[0].Serial,
            CertifiedDevice = certified.Devices[0].Id,
            CertifiedMedium = certified.Records[0].Id,
            CertifiedInvoice = certifiedInvoice.Id,
            CertificateCode = certificateCode,
            Payout = payout,
            Order = placed.OrderIds[0],
            OrderInvoice = orderInvoice.Id,
            PaidOrder = paid.OrderIds[0],
            PaidOrderShipment = shipment,
            Return = returnRequest,
            ReturnPhoto = returnPhoto,
            Listing = listing,
            BuyerListing = buyerListing,
            PausedListing = pausedListing,
            Site = sites.Single(x => x.RetiredAt == null && x.Name == "Maple Valley SD – central receiving").Id,
            RetiredSite = sites.Single(x => x.RetiredAt != null).Id,
            DeadOutboxMessage = deadMessage,
            Organization = maple.Id,
            W9 = w9,
            OwnerAccount = ownerAccount,
            Member = member,
            RevokedInvitation = revoked,
            RevokedInvitationToken = revokedToken,
            PrivateMarks =
            [
                new(maple.Ein!, Caller.Owner, "/organization/documents"),
                new(draft.Lot.Number, Caller.Owner, "/lots"),
                new(awarded.Lot.Number, Caller.Owner, "/lots"),
                new(certified.Lot.Number, Caller.Owner, "/lots"),
                new(boardApproval, Caller.Owner, $"/lots/{draft.Id}"),
                new(importFile, Caller.Owner, $"/imports/{importJob}"),
                new(certificateCode, Caller.Owner, $"/lots/{certified.Id}"),
                new(boardApproval, Caller.Owner, "/organization/activity?action=Lots.RecordBoardApproval"),
                new("ACH-TRACE-0415", Caller.Owner, $"/lots/{certified.Id}/activity"),
                new(awardedInvoice.Number, Caller.Buyer, $"/purchases/{awarded.Id}"),
                new(certifiedInvoice.Number, Caller.Buyer, $"/purchases/{certified.Id}"),
                new(orderNumber, Caller.Owner, "/store/orders"),
                new(orderInvoice.Number, Caller.Owner, $"/store/orders/{placed.OrderIds[0]}"),
                new(invitee, Caller.Owner, "/organization/people"),
                new("Tom Reyes", Caller.Owner, "/organization/people"),
            ],
        };
    }
}
