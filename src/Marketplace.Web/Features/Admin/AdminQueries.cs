using Marketplace.Web.Data;
using Marketplace.Web.Domain;
using Marketplace.Web.Infrastructure.Email;
using Marketplace.Web.Infrastructure.Pipeline;
using Marketplace.Web.Jobs;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Admin;

public static class ListOrganizations
{
    [AllowedRoles(Roles.Admin)]
    public sealed record Query : IQuery<IReadOnlyList<Row>>;

    public sealed record Row(Organization Organization, int Users);

    public sealed class Handler(MarketplaceDb db) : IQueryHandler<Query, IReadOnlyList<Row>>
    {
        public async ValueTask<IReadOnlyList<Row>> Handle(Query query, CancellationToken cancellationToken)
        {
            var counts = await db.Users.GroupBy(u => u.OrganizationId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
            var organizations = await db.Organizations.AsNoTracking().OrderBy(o => o.Kind).ThenBy(o => o.Name).ToListAsync(cancellationToken);
            return organizations.Select(o => new Row(o, counts.GetValueOrDefault(o.Id))).ToList();
        }
    }
}

public static class ListEmails
{
    public const int PageSize = 50;

    [AllowedRoles(Roles.Admin)]
    public sealed record Query(int Page = 1) : IQuery<Result>;

    public sealed record Result(IReadOnlyList<EmailMessage> Messages, int Page, int Pages);

    public sealed class Handler(MarketplaceDb db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var total = await db.EmailMessages.CountAsync(cancellationToken);
            var pages = Math.Max(1, (int)Math.Ceiling(total / (double)PageSize));
            var page = Math.Clamp(query.Page, 1, pages);
            var messages = await db.EmailMessages.AsNoTracking().OrderByDescending(m => m.SentAt).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
            return new Result(messages, page, pages);
        }
    }
}

public static class ListOutbox
{
    [AllowedRoles(Roles.Admin)]
    public sealed record Query : IQuery<Result>;

    public sealed record Result(IReadOnlyList<OutboxMessage> Pending, IReadOnlyList<OutboxMessage> Recent, int Completed);

    public sealed class Handler(MarketplaceDb db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var pending = await db.OutboxMessages.AsNoTracking().Where(m => m.CompletedAt == null).OrderBy(m => m.DueAt).Take(200).ToListAsync(cancellationToken);
            var recent = await db.OutboxMessages.AsNoTracking().Where(m => m.CompletedAt != null).OrderByDescending(m => m.CompletedAt).Take(50).ToListAsync(cancellationToken);
            var completed = await db.OutboxMessages.CountAsync(m => m.CompletedAt != null, cancellationToken);
            return new Result(pending, recent, completed);
        }
    }
}

/// <summary>An admin sends a parked (dead) outbox message round again.</summary>
public static class RetryOutboxMessage
{
    [AllowedRoles(Roles.Admin)]
    public sealed record Command(Guid MessageId) : ICommand;

    public sealed class Handler(MarketplaceDb db) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var message = await db.OutboxMessages.SingleOrDefaultAsync(m => m.Id == command.MessageId && m.CompletedAt == null, cancellationToken)
                          ?? throw new NotFoundException("Pending outbox message");
            message.DeadAt = null;
            message.Attempts = 0;
            message.LeaseUntil = null;
            message.LeaseOwner = null;
            return Unit.Value;
        }
    }
}
