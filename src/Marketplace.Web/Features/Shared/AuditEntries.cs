using System.Globalization;
using System.Text;
using Marketplace.Web.Features.Account;
using Marketplace.Web.Infrastructure.Audit;

namespace Marketplace.Web.Features.Shared;

/// <summary>One line of the audit trail as the activity pages and exports show it.</summary>
public sealed record AuditEntry(Guid Id, DateTimeOffset At, string ActorName, Guid? OrganizationId, string? Organization, string? ClientAddress, string Action,
    AuditOperation Operation, string? EntityType, string? EntityId, string? EntityLabel, string? LotNumber, string? Changes)
{
    /// <summary>When, in UTC, as every activity page labels it.</summary>
    public string When => At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>"Submit lot", "Failed sign-in".</summary>
    public string What => AuditEntries.ActionWords(Action);

    /// <summary>"Device 5CD0417XYZ added", "Lot LOT-2026-0042 changed", "3 devices: rows added": what the record is about.</summary>
    public string? Subject
    {
        get
        {
            if (EntityType is null)
            {
                return null;
            }

            var name = AuditEntries.Words(EntityType);
            var label = EntityLabel ?? (Operation == AuditOperation.Summary ? null : EntityId);
            var verb = Operation switch
            {
                AuditOperation.Added => " added",
                AuditOperation.Modified => " changed",
                AuditOperation.Deleted => " removed",
                AuditOperation.Summary => " (many rows)",
                _ => "",
            };
            return $"{name}{(label is null ? "" : " " + label)}{verb}";
        }
    }

    /// <summary>"Grade: B → A" for a change, "Grade: A" for a value given or asked for.</summary>
    public IReadOnlyList<string> ChangeLines => AuditEntries.Lines(Operation, Changes);
}

public static class AuditEntries
{
    public const int PageSize = 50;

    private static readonly Dictionary<string, string> Special = new(StringComparer.Ordinal)
    {
        [RecordSignIn.SignIn] = "Signed in",
        [RecordSignIn.SignInFailed] = "Failed sign-in",
        [RecordSignIn.SignOut] = "Signed out",
        ["RamGb"] = "RAM (GB)",
        ["StorageGb"] = "Storage (GB)",
        ["AueDate"] = "AUE date",
        ["Cpu"] = "CPU",
        ["Id"] = "ID",
        ["Po"] = "PO",
    };

    /// <summary>Every action the trail can hold, for the filters: each command of the app, and the session events.</summary>
    public static readonly IReadOnlyList<string> Actions =
    [
        .. typeof(AuditEntries).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IBaseCommand).IsAssignableFrom(t) && t.DeclaringType != typeof(RecordSignIn))
            .Select(AuditTrail.ActionOf)
            .Concat([RecordSignIn.SignIn, RecordSignIn.SignInFailed, RecordSignIn.SignOut])
            .Distinct()
            .OrderBy(ActionWords, StringComparer.Ordinal),
    ];

    /// <summary>The newest first, with the organization's name and the lot's number, as the pages list them.</summary>
    public static IQueryable<AuditEntry> Newest(this IQueryable<AuditRecord> records, MarketplaceDb db) =>
        records.OrderByDescending(r => r.At).ThenByDescending(r => r.Id)
            .Select(r => new AuditEntry(r.Id, r.At, r.ActorName, r.OrganizationId,
                db.Organizations.Where(o => o.Id == r.OrganizationId).Select(o => o.Name).FirstOrDefault(),
                r.ClientAddress, r.Action, r.Operation, r.EntityType, r.EntityId, r.EntityLabel,
                db.Lots.Where(l => l.Id == r.LotId).Select(l => l.Number).FirstOrDefault(), r.Changes));

    /// <summary>Records from the start of <paramref name="from"/> to the end of <paramref name="to"/>, both UTC days.</summary>
    public static IQueryable<AuditRecord> Between(this IQueryable<AuditRecord> records, DateOnly? from, DateOnly? to)
    {
        if (from is { } first)
        {
            var start = new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            records = records.Where(r => r.At >= start);
        }

        if (to is { } last && last < DateOnly.MaxValue)
        {
            var end = new DateTimeOffset(last.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            records = records.Where(r => r.At < end);
        }

        return records;
    }

    /// <summary>"Lots.SubmitLot" → "Submit lot"; the session events by their names ("Failed sign-in").</summary>
    public static string ActionWords(string action) =>
        Special.TryGetValue(action, out var special) ? special : Words(action[(action.LastIndexOf('.') + 1)..]);

    /// <summary>A code name in words: "PurchaseDate" → "Purchase date", "LotId" → "Lot ID", "RamGb" → "RAM (GB)".</summary>
    public static string Words(string name)
    {
        if (Special.TryGetValue(name, out var special))
        {
            return special;
        }

        if (name.EndsWith("Id", StringComparison.Ordinal) && name.Length > 2)
        {
            return Words(name[..^2]) + " ID";
        }

        var words = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var ch = name[i];
            if (i > 0 && char.IsUpper(ch) && !char.IsUpper(name[i - 1]))
            {
                words.Append(' ').Append(char.ToLowerInvariant(ch));
            }
            else
            {
                words.Append(ch);
            }
        }

        return words.ToString();
    }

    public static IReadOnlyList<string> Lines(AuditOperation operation, string? changes) =>
        [.. AuditChanges.Read(changes).Select(c => operation == AuditOperation.Modified
            ? $"{Words(c.Field)}: {c.Before ?? "(empty)"} → {c.After ?? "(empty)"}"
            : $"{Words(c.Field)}: {c.After ?? c.Before ?? "(empty)"}")];
}

/// <summary>Model of the _AuditTrail partial: a page of the trail and where its pages are.</summary>
public sealed record AuditTrailView(PageOf<AuditEntry> Entries, string PagerPrefix, bool ShowOrganization, bool ShowLot);
