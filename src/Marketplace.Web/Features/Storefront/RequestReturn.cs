using Marketplace.Web.Domain.Storefront;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Infrastructure.Images;
using Marketplace.Web.Infrastructure.Inbox;
using Marketplace.Web.Jobs;

namespace Marketplace.Web.Features.Storefront;

/// <summary>
/// The school asks to return delivered units (within 30 days) or claims warranty on a unit that failed (within the line's
/// warranty months), with up to 6 photos of what is wrong. The seller has 3 business days to answer; both sides are told.
/// Every photo is checked before anything is kept: one bad file refuses the whole request, naming the file.
/// </summary>
public static class RequestReturn
{
    /// <param name="Serials">The units' serials, one per line; required for a warranty claim on units shipped with serials.</param>
    /// <param name="Photos">What is wrong, as the school photographed it: up to <see cref="ReturnPhoto.MaxPerRequest"/>.</param>
    [AllowedRoles(Roles.StorefrontBuyers)]
    public sealed record Command(Guid OrderId, Guid OrderLineId, ReturnKind Kind, int Quantity, string? Serials, ReturnReason Reason, string? Details,
        string? IdempotencyKey = null, IReadOnlyList<PhotoUpload>? Photos = null) : ICommand<Guid>, IIdempotentCommand, IPreparedBeforeTransaction;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Kind).IsInEnum().WithMessage("Choose a return or a warranty claim.");
            RuleFor(c => c.Reason).IsInEnum().WithMessage("Choose the reason.");
            RuleFor(c => c.Quantity).GreaterThanOrEqualTo(0).WithMessage("The quantity cannot be negative.");
            RuleFor(c => c.Details).MaximumLength(ReturnRequest.MaxDetailsLength)
                .WithMessage($"The description has at most {ReturnRequest.MaxDetailsLength:N0} characters.");
            RuleFor(c => c.Photos!.Count).LessThanOrEqualTo(ReturnPhoto.MaxPerRequest).When(c => c.Photos is not null)
                .WithMessage(c => $"Attach at most {ReturnPhoto.MaxPerRequest} photos to a request; {c.Photos!.Count} were chosen.");
            RuleForEach(c => c.Photos).ChildRules(photo => photo.RuleFor(p => p.Content)
                    .Must(content => content.Length > 0).WithMessage(p => $"{p.StoredFileName} is empty.")
                    .Must(content => content.LongLength <= ReturnPhoto.MaxBytes).WithMessage(p => PhotoUpload.TooLarge(p.StoredFileName, p.Content.LongLength)))
                .When(c => c.Photos is not null);
        }
    }

    /// <summary>Decodes the photos and makes their thumbnails before the transaction, so SQLite's write lock is not held meanwhile.</summary>
    public sealed class CheckPhotos : IPreparation<Command>
    {
        public ValueTask PrepareAsync(Command message, CancellationToken cancellationToken)
        {
            foreach (var photo in message.Photos ?? [])
            {
                photo.Read();
            }

            return ValueTask.CompletedTask;
        }
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock, Outbox outbox) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            var order = await db.OrdersPlacedBy(user).Include(o => o.Lines).Include(o => o.Shipments).ThenInclude(s => s.Lines).AsSplitQuery()
                            .SingleOrDefaultAsync(o => o.Id == command.OrderId, cancellationToken)
                        ?? throw new NotFoundException("Order");
            var line = order.Lines.SingleOrDefault(l => l.Id == command.OrderLineId) ?? throw new DomainException($"Order {order.Number} has no such line.");
            var earlier = await db.ReturnRequests.Where(r => r.OrderLineId == line.Id).ToListAsync(cancellationToken);
            var request = ReturnRequest.Open(order, line, command.Kind, command.Quantity, ShipmentLine.SplitSerials(command.Serials), command.Reason, command.Details,
                earlier, user.UserId, clock.Now);
            db.ReturnRequests.Add(request);
            foreach (var (upload, position) in (command.Photos ?? []).Select((upload, position) => (upload, position)))
            {
                // Read before the transaction (CheckPhotos); a file that is no image, or a damaged one, refuses the request naming it.
                var image = upload.Read();
                db.ReturnPhotos.Add(new ReturnPhoto
                {
                    ReturnRequestId = request.Id,
                    FileName = upload.StoredFileName,
                    ContentType = image.ContentType,
                    Content = upload.Content,
                    Thumbnail = image.Thumbnail,
                    Width = image.Width,
                    Height = image.Height,
                    UploadedAt = clock.Now,
                    Position = position,
                });
            }

            var body = $"{user.Name} asked for a {request.KindWords.ToLowerInvariant()} ({request.Number}) on order {order.Number}:\n" +
                       $"  {request.Quantity} × {line.Title} at {line.UnitPrice:C} = {request.UnitPrice * request.Quantity:C}" +
                       (request.SalesTaxOnUnits > 0 ? $" + {request.SalesTaxOnUnits:C} sales tax = {request.MaxRefund:C}" : "") +
                       (request.SerialList.Count > 0 ? $"\n  Serials: {string.Join(", ", request.SerialList)}" : "") +
                       $"\nReason: {request.Reason.Words()}{(request.Details is { } d ? $" — {d}" : "")}\n" +
                       (command.Photos is { Count: > 0 } photos ? $"Photos: {photos.Count} attached, on the request's page.\n" : "") + "\n" +
                       $"The seller answers by {request.SellerAnswerDue:MMMM d, yyyy} ({ReturnRequest.SellerAnswerBusinessDays} business days); after that the marketplace decides.";
            outbox.Email(order.SellerId, $"{request.KindWords} {request.Number} on order {order.Number}: answer by {request.SellerAnswerDue:MMM d}", body, Roles.RefurbisherBuyer);
            outbox.Email(order.BuyerId, $"{request.KindWords} {request.Number} requested on order {order.Number}", body,
                Roles.SchoolBuyer, Roles.SchoolApprover, Roles.DistrictApprover);
            return request.Id;
        }
    }
}
