using Marketplace.Web.Domain.Organizations;

namespace Marketplace.Web.Features.Organizations;

/// <summary>
/// The organization's admin adds a ship-to site, or changes one: orders placed later ship to the new address, orders already
/// placed keep the address they were placed with.
/// </summary>
public static class SaveShippingSite
{
    /// <param name="SiteId">The site to change; null to add one.</param>
    [AllowedRoles(Roles.OrganizationAdmin)]
    public sealed record Command(Guid? SiteId, string? Name, string? Attention, string? Street1, string? Street2, string? City, string? State, string? PostalCode)
        : ICommand<Guid>
    {
        public ShippingSiteDetails Details => new(Name, Attention, Street1, Street2, City, State, PostalCode);
    }

    /// <summary>Every problem at once, each naming its field (the same rules the site enforces).</summary>
    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c).Custom((command, context) =>
            {
                foreach (var problem in ShippingSite.Problems(command.Details))
                {
                    context.AddFailure(problem);
                }
            });
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            var site = command.SiteId is { } id
                ? await db.ShippingSitesOf(user).SingleOrDefaultAsync(s => s.Id == id, cancellationToken) ?? throw new NotFoundException("Site")
                : null;
            await ShippingSites.RequireBuyerAsync(db, user, cancellationToken);
            var name = command.Name!.Trim();
            if (await db.ShippingSitesOf(user).AnyAsync(s => s.Id != command.SiteId && s.Name == name, cancellationToken))
            {
                throw new DomainException($"Site name: you already have a site called {name}; give each site its own name so buyers can tell them apart.");
            }

            if (site is not null)
            {
                site.Change(command.Details);
                return site.Id;
            }

            var added = ShippingSite.Create(user.RequireOrganization(), command.Details);
            db.ShippingSites.Add(added);
            return added.Id;
        }
    }
}
