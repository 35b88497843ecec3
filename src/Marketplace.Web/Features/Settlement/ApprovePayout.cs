using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Domain.Finance;
using Marketplace.Web.Infrastructure;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pipeline;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Marketplace.Web.Infrastructure.Inbox;

namespace Marketplace.Web.Features.Settlement;

/// <summary>Finance approves an ACH or check payout (a district's lot or a refurbisher's storefront order) and sends it to the bank: the payable moves to payouts in transit.</summary>
public static class ApprovePayout
{
    [AllowedRoles(Roles.Finance)]
    public sealed record Command(Guid PayoutId, string? IdempotencyKey = null) : ICommand, IIdempotentCommand;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var payout = await db.Payouts.SingleOrDefaultAsync(p => p.Id == command.PayoutId, cancellationToken) ?? throw new NotFoundException("Payout");
            var now = clock.Now;
            payout.Approve(user.Name, now);
            db.LedgerTransactions.Add(LedgerPostings.PayoutReleased(payout, await db.NumberPaidForAsync(payout, cancellationToken), now));
            return Unit.Value;
        }
    }
}
