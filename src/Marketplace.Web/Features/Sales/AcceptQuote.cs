using Marketplace.Web.Features.Lots;
using Marketplace.Web.Infrastructure.Inbox;

namespace Marketplace.Web.Features.Sales;

/// <summary>
/// The district picks a quote: the sale is awarded on today's fee schedule (a snapshot kept with the award), and the
/// award's consequences follow (<see cref="SaleAwards"/>: escrow, invoice, ledger, e-mail).
/// </summary>
public static class AcceptQuote
{
    [AllowedRoles(Roles.DistrictApprover)]
    public sealed record Command(Guid LotId, Guid QuoteId, string? IdempotencyKey = null) : ICommand, IIdempotentCommand;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock, SaleAwards awards) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var lot = await db.LoadOwnLotAsync(command.LotId, user, cancellationToken);
            var sale = await db.LoadSaleAsync(lot.Id, cancellationToken) ?? throw new DomainException("Only a listed lot can be awarded.");
            var fees = await db.CurrentFeeScheduleAsync(cancellationToken);
            var quote = sale.Accept(command.QuoteId, fees, clock.Now);
            await awards.RecordAsync(sale, lot, $"The district accepted your quote of {quote.Amount:C}.", cancellationToken);
            return Unit.Value;
        }
    }
}
