namespace Marketplace.Web.Features.Admin;

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
