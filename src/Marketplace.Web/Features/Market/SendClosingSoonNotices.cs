using Marketplace.Web.Domain.Market;
using Marketplace.Web.Domain.Sales;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Features.Organizations;
using Marketplace.Web.Jobs;

namespace Marketplace.Web.Features.Market;

/// <summary>
/// Every quarter hour (a Hangfire recurring job): e-mails each watcher of a lot whose sale closes within
/// <see cref="LotWatch.ClosingNoticeAhead"/>, once per watch. The watch is marked by a conditional update in the
/// transaction that queues the e-mail, so a second or overlapping run finds it marked and sends nothing.
/// An auction's close that a late bid moves later does not send a second notice.
/// </summary>
public static class SendClosingSoonNotices
{
    [AllowedRoles(Roles.System)]
    public sealed record Command : ICommand<int>;

    public sealed class Handler(MarketplaceDb db, IClock clock, Outbox outbox, IConfiguration configuration) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.Now;
            var until = now + LotWatch.ClosingNoticeAhead;
            var due = await db.LotWatches.AsNoTracking()
                .Where(w => w.ClosingNoticeSentAt == null && db.Users.Any(u => u.Id == w.UserId && u.DeactivatedAt == null))
                .Join(db.Sales.Where(s => s.Status == SaleStatus.Open && s.ClosesAt != null && s.ClosesAt > now && s.ClosesAt <= until),
                    w => w.LotId, s => s.LotId, (w, s) => new { w.Id, w.UserId, w.LotId, s.ClosesAt, s.Mode })
                .Join(db.Lots, x => x.LotId, l => l.Id, (x, l) => new { x.Id, x.UserId, x.LotId, x.ClosesAt, x.Mode, l.Number, l.Title })
                .ToListAsync(cancellationToken);
            var sent = 0;
            foreach (var watch in due)
            {
                var marked = await db.LotWatches.Where(w => w.Id == watch.Id && w.ClosingNoticeSentAt == null)
                    .ExecuteUpdateAsync(set => set.SetProperty(w => w.ClosingNoticeSentAt, now), cancellationToken);
                if (marked == 0)
                {
                    continue;
                }

                var closes = watch.ClosesAt!.Value;
                var hours = Math.Max(1, (int)Math.Round((closes - now).TotalHours));
                outbox.EmailAccount(watch.UserId, $"Lot {watch.Number} closes in about {hours} hour{(hours == 1 ? "" : "s")}",
                    $"“{watch.Title}” ({watch.Number}), on your watchlist, closes at {closes.UtcDateTime:MMMM d, yyyy h:mm tt} UTC "
                    + $"({watch.Mode.Words().ToLowerInvariant()}). The marketplace's clock decides: "
                    + (watch.Mode == SaleMode.Auction ? "a bid in the last minutes moves the close later. " : "nothing is accepted after the close. ")
                    + $"\n\nThe lot: {configuration.PageUrl($"/market/lots/{watch.LotId}")}");
                sent++;
            }

            return sent;
        }
    }
}
