using Marketplace.Web.Domain;
using Marketplace.Web.Domain.People;

namespace Marketplace.Tests.Domain.People;

public sealed class InvitationTests
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);

    private static Invitation Invite() =>
        Invitation.Create(Guid.NewGuid(), "new.hire@maple-valley.test", "NEW.HIRE@MAPLE-VALLEY.TEST", [Roles.DistrictInventory, Roles.DistrictInventory],
            Guid.NewGuid(), "Dana Whitfield", "district@demo.k12", Monday, Week);

    [Fact]
    public void An_invitation_waits_until_its_link_expires_and_sending_it_again_starts_the_time_anew_with_a_new_link()
    {
        var invitation = Invite();
        invitation.Issue("hash-1", Monday, Week);

        Assert.Equal([Roles.DistrictInventory], invitation.Duties);
        Assert.Equal(InvitationState.Waiting, invitation.StateAt(Monday.AddDays(6)));
        Assert.Equal(InvitationState.Expired, invitation.StateAt(Monday.AddDays(7)));

        invitation.Issue("hash-2", Monday.AddDays(8), Week);

        Assert.Equal("hash-2", invitation.TokenHash);
        Assert.Equal(2, invitation.TimesSent);
        Assert.Equal(InvitationState.Waiting, invitation.StateAt(Monday.AddDays(14)));
    }

    [Fact]
    public void An_invitation_is_accepted_once_and_neither_an_expired_nor_a_revoked_one_can_be()
    {
        var used = Invite();
        used.Issue("hash", Monday, Week);
        used.Accept(Guid.NewGuid(), Monday.AddDays(1));
        var expired = Invite();
        expired.Issue("hash", Monday, Week);
        var revoked = Invite();
        revoked.Issue("hash", Monday, Week);
        revoked.Revoke("Dana Whitfield", Monday.AddHours(1));

        Assert.Equal("This invitation was already used: its link works once.", Assert.Throws<DomainException>(() => used.Accept(Guid.NewGuid(), Monday.AddDays(2))).Message);
        Assert.Equal("This invitation expired on March 9, 2026.", Assert.Throws<DomainException>(() => expired.Accept(Guid.NewGuid(), Monday.AddDays(8))).Message);
        Assert.Equal("This invitation was revoked on March 2, 2026.", Assert.Throws<DomainException>(() => revoked.Accept(Guid.NewGuid(), Monday.AddDays(1))).Message);
        Assert.Throws<DomainException>(() => used.Revoke("Dana Whitfield", Monday.AddDays(2)));
        Assert.Throws<DomainException>(() => revoked.Issue("hash-2", Monday.AddDays(2), Week));
    }

    [Fact]
    public void An_organization_grants_the_duties_of_its_kind_and_organization_admin_and_only_a_platform_admin_grants_platform_duties()
    {
        Assert.Null(DutyGrants.Refusal(OrganizationKind.District, [Roles.DistrictApprover, Roles.OrganizationAdmin], granterIsPlatformAdmin: false));
        Assert.Contains("not a duty of a district", DutyGrants.Refusal(OrganizationKind.District, [Roles.RefurbisherBuyer], false));
        Assert.Contains("platform duties", DutyGrants.Refusal(OrganizationKind.School, [Roles.Admin], true));
        Assert.Contains("platform duties", DutyGrants.Refusal(OrganizationKind.District, [Roles.System], true));
        Assert.Equal("Only a platform admin grants platform duties.", DutyGrants.Refusal(OrganizationKind.Platform, [Roles.Finance], false));
        Assert.Null(DutyGrants.Refusal(OrganizationKind.Platform, [Roles.Finance], true));
        Assert.Equal("Choose at least one duty.", DutyGrants.Refusal(OrganizationKind.School, [], false));
    }

    [Fact]
    public void Approvers_and_platform_staff_need_a_second_factor_and_the_others_may_choose()
    {
        Assert.True(DutyGrants.RequireTwoFactor([Roles.DistrictInventory, Roles.DistrictApprover]));
        Assert.True(DutyGrants.RequireTwoFactor([Roles.SchoolApprover]));
        Assert.True(DutyGrants.RequireTwoFactor([Roles.Finance]));
        Assert.False(DutyGrants.RequireTwoFactor([Roles.OrganizationAdmin, Roles.RefurbisherBuyer, Roles.RefurbisherTechnician, Roles.SchoolBuyer]));
        Assert.Equal("Inventory, Approver, Organization admin", DutyGrants.Names([Roles.OrganizationAdmin, Roles.DistrictApprover, Roles.DistrictInventory]));
    }
}
