namespace Marketplace.Web.Features.Organizations;

/// <summary>A site the organization no longer ships to: not offered at checkout any more, still shown on the orders that went there.</summary>
public static class RetireShippingSite
{
    [AllowedRoles(Roles.OrganizationAdmin)]
    public sealed record Command(Guid SiteId) : ICommand<string>;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock) : ICommandHandler<Command, string>
    {
        public async ValueTask<string> Handle(Command command, CancellationToken cancellationToken)
        {
            var site = await db.ShippingSitesOf(user).SingleOrDefaultAsync(s => s.Id == command.SiteId, cancellationToken) ?? throw new NotFoundException("Site");
            site.Retire(clock.Now);
            return site.Name;
        }
    }
}
