using Marketplace.Web.Domain.Storefront;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Infrastructure.Inbox;
using Marketplace.Web.Jobs;

namespace Marketplace.Web.Features.Storefront;

/// <summary>
/// The seller approves a return (with the return instructions) or declines it (saying why). Once its 3 business days are
/// over, the platform's admin answers in its place from the admin's returns queue.
/// </summary>
public static class AnswerReturn
{
    /// <param name="Text">The return instructions when approving; the reason when declining.</param>
    [AllowedRoles(Roles.RefurbisherBuyer, Roles.Admin)]
    public sealed record Command(Guid ReturnId, bool Approve, string Text, string? IdempotencyKey = null) : ICommand, IIdempotentCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Text).NotEmpty().WithMessage(c => c.Approve ? "Give the return instructions: where to send the units and how to mark the box." : "Say why the request is declined.")
                .MaximumLength(ReturnRequest.MaxAnswerLength).WithMessage($"The answer has at most {ReturnRequest.MaxAnswerLength:N0} characters.");
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock, Outbox outbox) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var platform = user.IsInRole(Roles.Admin);
            var requests = platform ? db.ReturnRequests : db.ReturnRequests.Where(r => r.SellerId == user.RequireOrganization());
            var request = await requests.SingleOrDefaultAsync(r => r.Id == command.ReturnId, cancellationToken) ?? throw new NotFoundException("Return");
            if (command.Approve)
            {
                request.Approve(command.Text, user.UserId, platform, clock.Now);
            }
            else
            {
                request.Decline(command.Text, user.UserId, platform, clock.Now);
            }

            var who = platform ? "The marketplace (the seller did not answer in time)" : "The seller";
            var (subject, body) = command.Approve
                ? ($"{request.KindWords} {request.Number} approved",
                    $"{who} approved {request.KindWords.ToLowerInvariant()} {request.Number} of {request.Quantity} unit(s).\n\nReturn instructions:\n{request.Instructions}\n\n" +
                    $"Mark the box with {request.Number}. Once the units are back the seller refunds up to {request.MaxRefund:C} or sends a replacement.")
                : ($"{request.KindWords} {request.Number} declined", $"{who} declined {request.KindWords.ToLowerInvariant()} {request.Number}: {request.DeclineReason}");
            outbox.Email(request.BuyerId, subject, body, Roles.SchoolBuyer, Roles.SchoolApprover, Roles.DistrictApprover);
            outbox.Email(request.SellerId, subject, body, Roles.RefurbisherBuyer);
            return Unit.Value;
        }
    }
}
