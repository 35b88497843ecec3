using Marketplace.Web.Domain.Organizations;

namespace Marketplace.Web.Features.Organizations;

/// <summary>
/// What a page says up front, in place of a form the organization's standing would have refused: the same words the
/// refusal would give, and the link to where it is put right (shown by <c>_StandingNotice</c>).
/// </summary>
public sealed record StandingNotice(string Message)
{
    public string LinkText => OrganizationRights.DocumentsPageName;
    public string LinkPath => OrganizationRights.DocumentsPage;
}

public static class StandingNotices
{
    /// <summary>The notice for doing <paramref name="action"/>, or null when the organization may trade.</summary>
    public static StandingNotice? NoticeFor(this OrganizationRights rights, string action) =>
        rights.WhyNot(action) is { } reason ? new StandingNotice(reason) : null;

    /// <summary>The notice for quoting on a lot that holds data-bearing devices, or null when the organization may.</summary>
    public static StandingNotice? DataBearingNoticeFor(this OrganizationRights rights, string action) =>
        rights.WhyNotDataBearing(action) is { } reason ? new StandingNotice(reason) : null;
}
