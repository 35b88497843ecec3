using System.Globalization;
using FluentValidation;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Interceptors;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Lots;
using Marketplace.Web.Features.Shared;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Images;
using Marketplace.Web.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Lots;

public static class DeleteLotPhoto
{
    [AllowedRoles(Roles.DistrictInventory)]
    public sealed record Command(Guid LotId, Guid PhotoId) : ICommand;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var lot = await db.LoadLotForPhotoChangeAsync(user, command.LotId, "removed", cancellationToken);
            var photo = await db.LotPhotos.SingleOrDefaultAsync(p => p.Id == command.PhotoId && p.LotId == lot.Id, cancellationToken)
                        ?? throw new NotFoundException("Photo");
            db.LotPhotos.Remove(photo);
            return Unit.Value;
        }
    }
}
