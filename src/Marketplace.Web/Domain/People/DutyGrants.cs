namespace Marketplace.Web.Domain.People;

/// <summary>Which duties an organization's admin may hand out, and who must sign in with a second factor.</summary>
public static class DutyGrants
{
    /// <summary>What an organization of this kind can grant its people: the duties of its kind, and organization admin.</summary>
    public static IReadOnlyList<string> GrantableIn(OrganizationKind kind) => [.. Roles.DutiesOf(kind), Roles.OrganizationAdmin];

    /// <summary>
    /// Why <paramref name="duties"/> cannot be granted in an organization of <paramref name="kind"/>, or null when they can. Platform
    /// duties (finance, admin) exist only in the platform's own organization, and even there only a platform admin grants them: an
    /// organization admin of the platform who is not a platform admin cannot make anyone, themselves included, one.
    /// </summary>
    public static string? Refusal(OrganizationKind kind, IReadOnlyCollection<string> duties, bool granterIsPlatformAdmin)
    {
        if (duties.Count == 0)
        {
            return "Choose at least one duty.";
        }

        var grantable = GrantableIn(kind);
        var foreign = duties.Where(d => !grantable.Contains(d)).Distinct().ToList();
        if (foreign.Count > 0)
        {
            var platform = foreign.Any(d => d is Roles.Finance or Roles.Admin or Roles.System);
            return platform
                ? $"{string.Join(", ", foreign.Select(Roles.Describe))}: platform duties are granted only to the marketplace's own staff."
                : $"{string.Join(", ", foreign.Select(Roles.Describe))}: not a duty of a {kind.Words().ToLowerInvariant()}. Choose from {string.Join(", ", grantable.Select(Roles.Describe))}.";
        }

        if (!granterIsPlatformAdmin && duties.Any(d => d is Roles.Finance or Roles.Admin))
        {
            return "Only a platform admin grants platform duties.";
        }

        return null;
    }

    /// <summary>True when any of <paramref name="roles"/> signs in with a second factor, always (<see cref="Roles.RequireTwoFactor"/>).</summary>
    public static bool RequireTwoFactor(IEnumerable<string> roles) => roles.Any(r => Roles.RequireTwoFactor.Contains(r));

    /// <summary>Short names for lists, in the order the duties are listed everywhere: "Inventory, Approver, Organization admin".</summary>
    public static string Names(IEnumerable<string> roles) => string.Join(", ", InOrder(roles).Select(ShortName));

    /// <summary>The roles in the order <see cref="Roles.All"/> lists them (a district's duties before organization admin).</summary>
    public static IEnumerable<string> InOrder(IEnumerable<string> roles) => roles.Distinct().OrderBy(Rank);

    private static int Rank(string role)
    {
        for (var i = 0; i < Roles.All.Count; i++)
        {
            if (Roles.All[i] == role)
            {
                return i;
            }
        }

        return int.MaxValue;
    }

    public static string ShortName(string role) => role switch
    {
        Roles.DistrictInventory => "Inventory",
        Roles.DistrictApprover or Roles.SchoolApprover => "Approver",
        Roles.DistrictViewer or Roles.RefurbisherViewer or Roles.SchoolViewer => "Viewer",
        Roles.RefurbisherBuyer or Roles.SchoolBuyer => "Buyer",
        Roles.RefurbisherTechnician => "Technician",
        Roles.OrganizationAdmin => "Organization admin",
        Roles.Finance => "Finance",
        Roles.Admin => "Platform admin",
        _ => Roles.Describe(role),
    };
}
