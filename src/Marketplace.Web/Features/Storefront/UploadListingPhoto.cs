using Marketplace.Web.Data.Interceptors;
using Marketplace.Web.Domain.Storefront;
using Marketplace.Web.Infrastructure.Images;

namespace Marketplace.Web.Features.Storefront;

/// <summary>
/// The seller adds a photo of the device to its listing, with the words a screen reader says for it. The content decides the
/// type (JPEG, PNG or WebP by their magic bytes, then fully decoded), never the file name; the thumbnail is made here, once.
/// </summary>
public static class UploadListingPhoto
{
    [AllowedRoles(Roles.RefurbisherBuyer)]
    public sealed record Command(Guid ListingId, string FileName, byte[] Content, string AltText) : ICommand<Guid>;

    /// <summary>Every kind of photo shares one size limit and its wording.</summary>
    public static string TooLarge(string fileName, long bytes) => PhotoUpload.TooLarge(fileName, bytes);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.FileName).NotEmpty().WithMessage("Choose a photo to upload.");
            RuleFor(c => c.AltText).NotEmpty().WithMessage("Describe the photo for buyers who cannot see it, e.g. \"Lid with light scuffs\".")
                .MaximumLength(ListingPhoto.MaxAltTextLength).WithMessage($"Keep the description to {ListingPhoto.MaxAltTextLength} characters.");
            RuleFor(c => c.Content)
                .Must(content => content.Length > 0).WithMessage(c => $"{c.FileName} is empty.")
                .Must(content => content.LongLength <= ListingPhoto.MaxBytes).WithMessage(c => TooLarge(c.FileName, c.Content.LongLength));
        }
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            var listing = await db.ListingsOwnedBy(user).SingleOrDefaultAsync(l => l.Id == command.ListingId, cancellationToken) ?? throw new NotFoundException("Listing");
            if (await db.ListingPhotos.CountAsync(p => p.ListingId == listing.Id, cancellationToken) >= ListingPhoto.MaxPerListing)
            {
                throw new DomainException($"{listing.Title} already has {ListingPhoto.MaxPerListing} photos, the most a listing can have. Remove one to add another.");
            }

            var fileName = Path.GetFileName(command.FileName.Trim()).Truncate(255);
            var image = LotPhotoImage.Read(fileName, command.Content);
            var photo = new ListingPhoto
            {
                ListingId = listing.Id,
                FileName = fileName,
                ContentType = image.ContentType,
                Content = command.Content,
                Thumbnail = image.Thumbnail,
                Width = image.Width,
                Height = image.Height,
                AltText = command.AltText.Trim(),
                UploadedAt = clock.Now,
            };
            db.ListingPhotos.Add(photo);
            // Photos belong to the listing: its new version makes two uploads racing for the last slot conflict, and its change
            // gives the catalog a new stamp, so the card's thumbnail follows.
            VersionInterceptor.Touch(db, listing);
            return photo.Id;
        }
    }
}
