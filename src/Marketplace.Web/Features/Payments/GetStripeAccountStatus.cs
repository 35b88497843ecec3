namespace Marketplace.Web.Features.Payments;

/// <summary>The organization's Stripe connected account as Stripe last reported it, and whether payouts can go to it.</summary>
public static class GetStripeAccountStatus
{
    [AllowedRoles(Roles.OrganizationAdmin)]
    public sealed record Query : IQuery<Result?>;

    /// <param name="PayoutsBlockedBecause">Why transfers to the account wait, or null when they can go.</param>
    public sealed record Result(string AccountId, DateTimeOffset? CheckedAt, bool ChargesEnabled, bool PayoutsEnabled, IReadOnlyList<string> RequirementsDue,
        string? PayoutsBlockedBecause, string? LastPayoutFailure);

    public sealed class Handler(MarketplaceDb db, ICurrentUser user) : IQueryHandler<Query, Result?>
    {
        public async ValueTask<Result?> Handle(Query query, CancellationToken cancellationToken)
        {
            var organizationId = user.RequireOrganization();
            var organization = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == organizationId, cancellationToken);
            return organization.StripeAccountId is not { } account
                ? null
                : new Result(account, organization.StripeAccountCheckedAt, organization.StripeChargesEnabled, organization.StripePayoutsEnabled,
                    organization.StripeRequirementsDue?.Split(", ", StringSplitOptions.RemoveEmptyEntries) ?? [], organization.StripeTransferBlockedBecause(),
                    organization.StripePayoutFailure);
        }
    }
}
