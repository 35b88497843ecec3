namespace Marketplace.Web.Features.Organizations;

/// <summary>Puts a retired site back in use: checkout offers it again.</summary>
public static class RestoreShippingSite
{
    [AllowedRoles(Roles.OrganizationAdmin)]
    public sealed record Command(Guid SiteId) : ICommand<string>;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user) : ICommandHandler<Command, string>
    {
        public async ValueTask<string> Handle(Command command, CancellationToken cancellationToken)
        {
            var site = await db.ShippingSitesOf(user).SingleOrDefaultAsync(s => s.Id == command.SiteId, cancellationToken) ?? throw new NotFoundException("Site");
            site.Restore();
            return site.Name;
        }
    }
}
