using System.Collections.Concurrent;
using Marketplace.Web.Infrastructure.Email;
using Marketplace.Web.Infrastructure.Inbox;
using Marketplace.Web.Jobs;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Marketplace.Web.Infrastructure.Audit;

/// <summary>What the trail leaves out, what it never shows, and how it names entities.</summary>
public static class AuditPolicy
{
    /// <summary>
    /// Rows that are plumbing, not anyone's change: the trail itself; outbox and inbox rows (the follow-up work and the
    /// repeat guard of a command whose own changes are recorded); the e-mail log, which is a trail of its own
    /// (/admin/emails) and holds message bodies; and data-protection keys, which are secrets written outside commands.
    /// Hangfire keeps its state outside this model, so nothing of it can reach the trail. A manifest's groups are counts
    /// derived from its devices (whose changes are recorded), rewritten on every change. The chain of custody is a trail
    /// of its own too, appended and never changed, each event with its person, time and place (a device's history): a
    /// record of each event's adding would only repeat it, twelve times for a ten-device lot's hand-over and receiving.
    /// The command that appends one is still recorded, by its other changes or by what it was asked.
    /// </summary>
    private static readonly HashSet<Type> Skipped =
    [
        typeof(AuditRecord), typeof(OutboxMessage), typeof(InboxMessage), typeof(EmailMessage), typeof(DataProtectionKey), typeof(Domain.Lots.ManifestGroup),
        typeof(Domain.Fulfillment.CustodyEvent),
    ];

    /// <summary>
    /// Parts of a name that mark a secret: Identity's password hash, security and concurrency stamps, authenticator keys and
    /// recovery codes (Identity keeps both as user tokens), and anything named like a token, secret, password or hash.
    /// </summary>
    private static readonly string[] SecretNameParts = ["Password", "Secret", "Token", "Hash", "Stamp", "Authenticator", "RecoveryCode"];

    /// <summary>Message bodies and file contents: only their size is recorded (a reset link in an e-mail body is a secret too).</summary>
    private static readonly HashSet<string> BulkyNames = new(StringComparer.OrdinalIgnoreCase) { "Body", "Payload", "Content", "Thumbnail", "Pdf" };

    /// <summary>Properties that change with every save and say nothing to a reader: the app-managed concurrency version.</summary>
    private static readonly HashSet<string> UnrecordedNames = new(StringComparer.Ordinal) { nameof(Domain.IVersioned.Version), "IdempotencyKey" };

    /// <summary>How people name an entity, in order of preference: a serial, then a reference number, then a name.</summary>
    private static readonly string[] LabelNames = ["Serial", "Number", "VerificationCode", "Email", "Name", "Title", "FileName"];

    /// <summary>
    /// Values sealed from every reader of the trail, platform admins included: a bid's amount (a sealed bid until the close,
    /// an auction maximum always) and an auction leader's hidden maximum, wherever they pass, row or command.
    /// </summary>
    private static readonly HashSet<(Type, string)> Sealed =
    [
        (typeof(Domain.Sales.Bid), nameof(Domain.Sales.Bid.Amount)),
        (typeof(Domain.Sales.Sale), nameof(Domain.Sales.Sale.LeaderMaximum)),
        (typeof(Features.Sales.PlaceBid.Command), nameof(Features.Sales.PlaceBid.Command.Amount)),
    ];

    private static readonly ConcurrentDictionary<Type, string> EntityNames = new();

    public static bool Skips(Type entityType) => Skipped.Contains(entityType);

    public static bool IsUnrecorded(string propertyName) => UnrecordedNames.Contains(propertyName);

    /// <summary>Whether a value must never be recorded: a secret by its name, or any value of a token row (Identity's authenticator key, recovery codes).</summary>
    public static bool IsSecret(string propertyName, Type? declaringEntity = null) =>
        SecretNameParts.Any(part => propertyName.Contains(part, StringComparison.OrdinalIgnoreCase))
        || propertyName == "Code" // a one-time code typed into a two-factor form
        || (declaringEntity is not null && (declaringEntity.Name.Contains("Token", StringComparison.Ordinal) || Sealed.Contains((declaringEntity, propertyName))));

    /// <summary>The value as recorded: hidden for secrets, the size for bodies and files, else the readable value.</summary>
    public static string? Shown(string propertyName, object? value, Type? declaringEntity = null) =>
        value is null ? null
        : IsSecret(propertyName, declaringEntity) ? AuditChanges.Hidden
        : BulkyNames.Contains(propertyName) && value is string text ? $"({text.Length:N0} characters)"
        : AuditChanges.Format(value);

    /// <summary>The entity's name in the trail: the class name, with Identity's generic row types named plainly ("UserRole").</summary>
    public static string EntityName(Type type) => EntityNames.GetOrAdd(type, static t =>
    {
        var name = t.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        name = tick < 0 ? name : name[..tick];
        return name switch
        {
            nameof(Data.AppUser) => "User",
            _ when name.StartsWith("Identity", StringComparison.Ordinal) => name["Identity".Length..],
            _ => name,
        };
    });

    /// <summary>The property people name this kind of entity by, if it has one (see <see cref="LabelNames"/>).</summary>
    public static IProperty? LabelProperty(IEntityType entityType)
    {
        foreach (var name in LabelNames)
        {
            if (entityType.FindProperty(name) is { ClrType: var type } property && type == typeof(string) && !IsSecret(name, entityType.ClrType))
            {
                return property;
            }
        }

        return null;
    }
}
