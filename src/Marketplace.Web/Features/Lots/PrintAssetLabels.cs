using FluentValidation;
using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Infrastructure.Documents;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Lots;

/// <summary>
/// The district prints asset labels for a lot's devices on Avery 5160 sheets: by default only for the
/// devices that have no asset tag yet (the ones that need one before pickup), or for every device; with QR
/// codes by default, or Code 128 barcodes for districts whose handheld laser scanners read only 1-D codes.
/// </summary>
public static class PrintAssetLabels
{
    public const string Unlabeled = "unlabeled";
    public const string All = "all";
    public const string Qr = "qr";
    public const string Code128 = "code128";

    [AllowedRoles(Roles.DistrictStaff)]
    public sealed record Query(Guid LotId, string? Scope = Unlabeled, string? Format = Qr) : IQuery<Result>;

    public sealed record Result(string FileName, byte[] Pdf, int Labels);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Scope)
                .Must(scope => string.IsNullOrEmpty(scope) || scope.Equals(Unlabeled, StringComparison.OrdinalIgnoreCase) || scope.Equals(All, StringComparison.OrdinalIgnoreCase))
                .WithMessage(q => $"\"{q.Scope}\" is not a label choice: use scope=unlabeled for devices without an asset tag, or scope=all for every device.");
            RuleFor(q => q.Format)
                .Must(format => BarcodeOf(format) is not null)
                .WithMessage(q => $"\"{q.Format}\" is not a barcode type: use format=qr for QR codes, or format=code128 for Code 128 (1-D) barcodes that laser scanners read.");
        }
    }

    private static LabelBarcode? BarcodeOf(string? format) => format?.ToLowerInvariant() switch
    {
        null or "" or Qr => LabelBarcode.Qr,
        Code128 => LabelBarcode.Code128,
        _ => null,
    };

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var lotNumber = await db.LotsOwnedBy(user).Where(l => l.Id == query.LotId)
                                .Select(l => l.Number).SingleOrDefaultAsync(cancellationToken)
                            ?? throw new NotFoundException("Lot");
            var onlyUnlabeled = !string.Equals(query.Scope, All, StringComparison.OrdinalIgnoreCase);
            var devices = db.Devices.Where(d => d.LotId == query.LotId);
            if (onlyUnlabeled)
            {
                devices = devices.Where(d => d.AssetTag == null || d.AssetTag == "");
            }

            var labels = await devices.OrderBy(d => d.AssetTag).ThenBy(d => d.Serial)
                .Select(d => new AssetLabel(d.Serial, d.AssetTag, d.Model))
                .ToListAsync(cancellationToken);
            if (labels.Count == 0)
            {
                throw new DomainException(onlyUnlabeled && await db.Devices.AnyAsync(d => d.LotId == query.LotId, cancellationToken)
                    ? "Every device in this lot already has an asset tag; choose 'all devices' to print labels anyway."
                    : "This lot has no devices yet; add devices before printing labels.");
            }

            var barcode = BarcodeOf(query.Format) ?? LabelBarcode.Qr;
            var pdf = AssetLabelSheet.Render(lotNumber, labels, clock.Now, barcode);
            var scope = onlyUnlabeled ? Unlabeled : All;
            var format = barcode == LabelBarcode.Code128 ? Code128 : Qr;
            return new Result($"asset-labels-{lotNumber}-{scope}-{format}.pdf", pdf, labels.Count);
        }
    }
}
