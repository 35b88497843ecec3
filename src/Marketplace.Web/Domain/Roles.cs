namespace Marketplace.Web.Domain;

/// <summary>Role names as stored by ASP.NET Core Identity.</summary>
public static class Roles
{
    public const string DistrictStaff = "DistrictStaff";
    public const string RefurbisherStaff = "RefurbisherStaff";
    public const string SchoolBuyer = "SchoolBuyer";
    public const string Finance = "Finance";
    public const string Admin = "Admin";

    /// <summary>Manages an organization's people and reads its audit trail; held alongside the person's work role.</summary>
    public const string OrganizationAdmin = "OrganizationAdmin";

    /// <summary>Background jobs run their commands as this role; no person holds it.</summary>
    public const string System = "System";

    public static readonly IReadOnlyList<string> All = [DistrictStaff, RefurbisherStaff, SchoolBuyer, Finance, Admin, OrganizationAdmin];

    /// <summary>Districts also buy refurbished devices, so their staff may use the storefront.</summary>
    public const string StorefrontBuyers = SchoolBuyer + "," + DistrictStaff;

    public static string Describe(string role) => role switch
    {
        DistrictStaff => "District IT / business office",
        RefurbisherStaff => "Refurbisher / ITAD vendor",
        SchoolBuyer => "School buyer",
        Finance => "Platform finance",
        Admin => "Platform admin",
        OrganizationAdmin => "Organization admin",
        _ => role,
    };
}
