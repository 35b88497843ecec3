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
/// The district prints QR asset labels for a lot's devices on Avery 5160 sheets: by default only for the
/// devices that have no asset tag yet (the ones that need one before pickup), or for every device.
/// </summary>
public static class PrintAssetLabels
{
    public const string Unlabeled = "unlabeled";
    public const string All = "all";

    [AllowedRoles(Roles.DistrictStaff)]
    public sealed record Query(Guid LotId, string? Scope = Unlabeled) : IQuery<Result>;

    public sealed record Result(string FileName, byte[] Pdf, int Labels);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() =>
            RuleFor(q => q.Scope)
                .Must(scope => string.IsNullOrEmpty(scope) || scope.Equals(Unlabeled, StringComparison.OrdinalIgnoreCase) || scope.Equals(All, StringComparison.OrdinalIgnoreCase))
                .WithMessage(q => $"\"{q.Scope}\" is not a label choice: use scope=unlabeled for devices without an asset tag, or scope=all for every device.");
    }

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

            var pdf = AssetLabelSheet.Render(lotNumber, labels, clock.Now);
            var suffix = onlyUnlabeled ? "unlabeled" : "all";
            return new Result($"asset-labels-{lotNumber}-{suffix}.pdf", pdf, labels.Count);
        }
    }
}
