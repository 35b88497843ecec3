using Marketplace.Web.Domain.Sales;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Features.Organizations;
using Marketplace.Web.Jobs;

namespace Marketplace.Web.Features.Sales;

/// <summary>
/// Tells a bidder it was outbid, a short while after it happened: a busy auction changes hands many times a minute, and
/// one e-mail with the price as it then stands is worth more than a dozen stale ones. Queued at most once per bidder and
/// sale while one is pending; sent only if the bidder is still outbid and the sale still open.
/// </summary>
public static class NotifyOutbid
{
    /// <summary>How long the notice waits for the bidding to settle.</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(60);

    [AllowedRoles(Roles.System)]
    public sealed record Command(Guid SaleId, Guid BidderId) : ICommand<bool>;

    /// <summary>Queues the notice unless one for this bidder and sale is already waiting.</summary>
    public static async Task QueueAsync(MarketplaceDb db, Outbox outbox, Guid saleId, Guid bidderId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var command = new Command(saleId, bidderId);
        var payload = System.Text.Json.JsonSerializer.Serialize(command, Outbox.Json);
        var type = typeof(Command).FullName!;
        if (!await db.OutboxMessages.AnyAsync(m => m.CompletedAt == null && m.Type == type && m.Payload == payload, cancellationToken))
        {
            outbox.Enqueue(command, now + Delay);
        }
    }

    public sealed class Handler(MarketplaceDb db, Outbox outbox, IConfiguration configuration) : ICommandHandler<Command, bool>
    {
        public async ValueTask<bool> Handle(Command command, CancellationToken cancellationToken)
        {
            var sale = await db.Sales.AsNoTracking().SingleAsync(s => s.Id == command.SaleId, cancellationToken);
            if (sale.Status != SaleStatus.Open || sale.LeaderId == command.BidderId)
            {
                return false;
            }

            var lot = await db.Lots.AsNoTracking().Where(l => l.Id == sale.LotId).Select(l => new { l.Number, l.Title }).SingleAsync(cancellationToken);
            outbox.Email(command.BidderId, $"You were outbid on lot {lot.Number}",
                $"Another bidder's maximum passed yours on lot {lot.Number} ({lot.Title}). The price is now {sale.CurrentPrice:C}; " +
                $"bidding closes {sale.ClosesAt:MMMM d, yyyy h:mm tt} UTC{(sale.ClosesAt > sale.ScheduledCloseAt ? " (extended by late bids)" : "")}.\n" +
                configuration.PageUrl($"/market/lots/{sale.LotId}"), Roles.RefurbisherBuyer);
            return true;
        }
    }
}
