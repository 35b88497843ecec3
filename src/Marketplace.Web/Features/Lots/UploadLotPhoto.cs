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

public static class UploadLotPhoto
{
    public const int MaxPhotosPerLot = 12;

    [AllowedRoles(Roles.DistrictInventory)]
    public sealed record Command(Guid LotId, string FileName, byte[] Content) : ICommand<Guid>;

    public static string TooLarge(string fileName, long bytes) => PhotoUpload.TooLarge(fileName, bytes);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.FileName).NotEmpty().WithMessage("Choose a photo to upload.");
            RuleFor(c => c.Content)
                .Must(content => content.Length > 0).WithMessage(c => $"{c.FileName} is empty.")
                .Must(content => content.LongLength <= LotPhoto.MaxBytes).WithMessage(c => TooLarge(c.FileName, c.Content.LongLength));
        }
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            var lot = await db.LoadLotForPhotoChangeAsync(user, command.LotId, "added", cancellationToken);
            if (await db.LotPhotos.CountAsync(p => p.LotId == lot.Id, cancellationToken) >= MaxPhotosPerLot)
            {
                throw new DomainException($"This lot already has {MaxPhotosPerLot} photos, the most a lot can have. Delete one to add another.");
            }

            var fileName = Path.GetFileName(command.FileName.Trim()).Truncate(255);
            var image = LotPhotoImage.Read(fileName, command.Content);
            var photo = new LotPhoto
            {
                LotId = lot.Id,
                FileName = fileName,
                ContentType = image.ContentType,
                Content = command.Content,
                Thumbnail = image.Thumbnail,
                Width = image.Width,
                Height = image.Height,
                UploadedAt = clock.Now,
            };
            db.LotPhotos.Add(photo);
            return photo.Id;
        }
    }
}
