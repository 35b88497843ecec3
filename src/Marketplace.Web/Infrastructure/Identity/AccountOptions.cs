namespace Marketplace.Web.Infrastructure.Identity;

/// <summary>How long the links the app e-mails about accounts stay usable, and how often they may be asked for.</summary>
public sealed class AccountOptions
{
    public const string Section = "Account";

    /// <summary>An invitation's link expires this long after it is sent (sending it again starts the time anew).</summary>
    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>A password-reset link expires this long after it is made; it also stops working once used.</summary>
    public TimeSpan PasswordResetLinkLifetime { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Reset e-mails one address receives per hour at most, however many networks ask: the form cannot be used to flood a mailbox.</summary>
    public int PasswordResetEmailsPerHour { get; set; } = 3;
}
