namespace Marketplace.Web.Domain;

/// <summary>
/// Who may do what. Two kinds of role live in a user's sign-in:
/// <list type="bullet">
/// <item><b>Duties</b>, stored as ASP.NET Core Identity roles and granted by the organization's admin, so a district
/// can separate the person who imports inventory from the person who sells it. A command's
/// <c>[AllowedRoles]</c> names duties.</item>
/// <item><b>Membership</b> (<see cref="DistrictStaff"/>, <see cref="RefurbisherStaff"/>, <see cref="SchoolStaff"/>),
/// never stored: it is derived from the organization's kind when the user signs in, so every member, a viewer
/// included, may read what their organization owns. Queries name membership.</item>
/// </list>
/// </summary>
public static class Roles
{
    // District duties.
    /// <summary>Imports inventories, builds and edits lots, prints labels, hands devices over at the dock.</summary>
    public const string DistrictInventory = "DistrictInventory";

    /// <summary>Submits lots for sale, chooses the winning offer, approves price adjustments: the business office.</summary>
    public const string DistrictApprover = "DistrictApprover";

    /// <summary>Reads everything the district owns and changes nothing.</summary>
    public const string DistrictViewer = "DistrictViewer";

    // Refurbisher duties.
    /// <summary>Quotes, bids and pays for lots, and sells refurbished stock in the storefront: the commercial desk.</summary>
    public const string RefurbisherBuyer = "RefurbisherBuyer";

    /// <summary>Picks up, receives and sanitizes devices and records the proof.</summary>
    public const string RefurbisherTechnician = "RefurbisherTechnician";

    public const string RefurbisherViewer = "RefurbisherViewer";

    // School duties.
    /// <summary>Fills the cart and places storefront orders; orders above the school's limit wait for an approver.</summary>
    public const string SchoolBuyer = "SchoolBuyer";

    /// <summary>Approves orders above the school's approval limit, and may order directly.</summary>
    public const string SchoolApprover = "SchoolApprover";

    public const string SchoolViewer = "SchoolViewer";

    /// <summary>Manages the organization's people, roles, documents and settings and reads its audit trail; held beside duties.</summary>
    public const string OrganizationAdmin = "OrganizationAdmin";

    // Platform duties (the marketplace operator's own staff).
    public const string Finance = "Finance";
    public const string Admin = "Admin";

    /// <summary>Background jobs run their commands as this role; no person holds it.</summary>
    public const string System = "System";

    // Membership: derived from the organization's kind at sign-in, never stored.
    public const string DistrictStaff = "DistrictStaff";
    public const string RefurbisherStaff = "RefurbisherStaff";
    public const string SchoolStaff = "SchoolStaff";

    /// <summary>Every role stored in Identity (duties and organization admin).</summary>
    public static readonly IReadOnlyList<string> All =
    [
        DistrictInventory, DistrictApprover, DistrictViewer,
        RefurbisherBuyer, RefurbisherTechnician, RefurbisherViewer,
        SchoolBuyer, SchoolApprover, SchoolViewer,
        OrganizationAdmin, Finance, Admin,
    ];

    /// <summary>Every signed-in person, whatever their organization and duties: for what each does with their own account (two-factor sign-in).</summary>
    public const string AnyMember = DistrictStaff + "," + RefurbisherStaff + "," + SchoolStaff + "," + OrganizationAdmin + "," + Finance + "," + Admin;

    /// <summary>Who may buy refurbished devices in the storefront: schools' buyers and approvers, and districts' business offices.</summary>
    public const string StorefrontBuyers = SchoolBuyer + "," + SchoolApprover + "," + DistrictApprover;

    /// <summary>The duties an organization of this kind can grant its people (organization admin aside).</summary>
    public static IReadOnlyList<string> DutiesOf(OrganizationKind kind) => kind switch
    {
        OrganizationKind.District => [DistrictInventory, DistrictApprover, DistrictViewer],
        OrganizationKind.Refurbisher => [RefurbisherBuyer, RefurbisherTechnician, RefurbisherViewer],
        OrganizationKind.School => [SchoolBuyer, SchoolApprover, SchoolViewer],
        OrganizationKind.Platform => [Finance, Admin],
        _ => [],
    };

    /// <summary>The membership role a member of this kind of organization holds, if any.</summary>
    public static string? MembershipOf(OrganizationKind kind) => kind switch
    {
        OrganizationKind.District => DistrictStaff,
        OrganizationKind.Refurbisher => RefurbisherStaff,
        OrganizationKind.School => SchoolStaff,
        _ => null,
    };

    /// <summary>Duties that sign in with a second factor, always (platform staff and anyone who approves money).</summary>
    public static readonly IReadOnlyList<string> RequireTwoFactor = [Finance, Admin, DistrictApprover, SchoolApprover];

    public static string Describe(string role) => role switch
    {
        DistrictInventory => "Inventory (import, edit lots, hand over)",
        DistrictApprover => "Approver (sell lots, accept offers, approve adjustments)",
        DistrictViewer => "Viewer",
        RefurbisherBuyer => "Buyer (quote, bid, pay, sell in the store)",
        RefurbisherTechnician => "Technician (pickup, receiving, sanitization)",
        RefurbisherViewer => "Viewer",
        SchoolBuyer => "Buyer (cart and orders)",
        SchoolApprover => "Approver (orders above the school's limit)",
        SchoolViewer => "Viewer",
        OrganizationAdmin => "Organization admin (people, documents, settings)",
        Finance => "Platform finance",
        Admin => "Platform admin",
        DistrictStaff => "District staff",
        RefurbisherStaff => "Refurbisher staff",
        SchoolStaff => "School staff",
        _ => role,
    };
}
