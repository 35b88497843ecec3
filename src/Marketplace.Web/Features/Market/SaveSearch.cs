using Marketplace.Web.Domain.Market;

namespace Marketplace.Web.Features.Market;

/// <summary>
/// Keeps the marketplace's current filters under a name: the person is e-mailed when a lot listed from now on matches
/// them (<see cref="SendSavedSearchMatches"/>), and opens the search again from /market/searches.
/// </summary>
public static class SaveSearch
{
    [AllowedRoles(Roles.RefurbisherStaff, Roles.SchoolStaff)]
    public sealed record Command(string Name, string? Query) : ICommand<Guid>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Name).NotEmpty().WithMessage("Give the search a name, such as “Grade A Chromebooks near Tacoma”.")
                .MaximumLength(SavedSearch.MaxNameLength).WithMessage($"A search's name has at most {SavedSearch.MaxNameLength} characters.");
            RuleFor(c => c.Query).MaximumLength(SavedSearch.MaxQueryLength).WithMessage("Those filters are too long to save.");
        }
    }

    public sealed class Handler(MarketplaceDb db, ICurrentUser user, IClock clock) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            if (await db.SavedSearchesOf(user).CountAsync(cancellationToken) >= SavedSearch.MaxPerPerson)
            {
                throw new DomainException($"You can keep up to {SavedSearch.MaxPerPerson} saved searches. Delete one at /market/searches first.");
            }

            // Stored as the page would write it: only the filters the marketplace understood, and no page number.
            var search = new SavedSearch
            {
                UserId = user.UserId,
                OrganizationId = user.RequireOrganization(),
                Name = command.Name.Trim(),
                Query = MarketFilter.Parse(command.Query ?? "").ToQueryString(),
                CreatedAt = clock.Now,
            };
            db.SavedSearches.Add(search);
            return search.Id;
        }
    }
}
