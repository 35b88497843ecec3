namespace Marketplace.Web.Features.Market;

/// <summary>Deletes one of the person's own saved searches; no more e-mails come from it.</summary>
public static class DeleteSavedSearch
{
    [AllowedRoles(Roles.RefurbisherStaff, Roles.SchoolStaff)]
    public sealed record Command(Guid SavedSearchId) : ICommand;

    public sealed class Handler(MarketplaceDb db, ICurrentUser user) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var search = await db.SavedSearchesOf(user).SingleOrDefaultAsync(s => s.Id == command.SavedSearchId, cancellationToken)
                         ?? throw new NotFoundException("Saved search");
            db.SavedSearches.Remove(search);
            return Unit.Value;
        }
    }
}
