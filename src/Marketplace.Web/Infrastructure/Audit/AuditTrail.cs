using System.Collections.Concurrent;
using System.Reflection;
using Marketplace.Web.Domain.Lots;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Marketplace.Web.Infrastructure.Audit;

/// <summary>
/// Scoped: writes the audit records of the command being handled. <see cref="AuditBehavior{TMessage,TResponse}"/> opens
/// it around each command; every save while it is open (<see cref="AuditInterceptor"/>: Identity's stores and some
/// behaviors save mid-command, which resets what the change tracker knows) and the end of the command record the rows
/// changed since the last one, so nothing a command changes escapes the trail, and records are saved with the changes.
/// </summary>
public sealed class AuditTrail(ICurrentUser user, IHttpContextAccessor http, IClock clock)
{
    /// <summary>More rows than this of one kind and operation in one command are counted in one summary record (an import's devices).</summary>
    public const int SummaryThreshold = 25;

    private const int SummaryExamples = 5;

    private static readonly ConcurrentDictionary<Type, CommandShape> Shapes = new();

    private CommandShape? _shape;
    private object? _command;
    private int _recorded;

    /// <summary>Whether a command is being recorded (a command sent from inside another is recorded as part of the outer one).</summary>
    public bool IsRecording => _shape is not null;

    /// <summary>The run of the command being recorded, which its records carry.</summary>
    public Guid? CommandId { get; private set; }

    /// <summary>The trail's name for a command type: its area and use case, "Lots.SubmitLot".</summary>
    public static string ActionOf(Type commandType) => ShapeOf(commandType).Action;

    public void Begin(object command)
    {
        _shape = ShapeOf(command.GetType());
        _command = command;
        _recorded = 0;
        CommandId = Guid.CreateVersion7();
    }

    /// <summary>Records what is still unsaved and, if the command recorded nothing at all, the command itself.</summary>
    public void Complete(DbContext db, object? response)
    {
        if (_shape is not { } shape)
        {
            return;
        }

        CaptureChanges(db);
        if (_recorded == 0)
        {
            Add(db, CommandRecord(shape, _command!, response));
        }
    }

    public void End()
    {
        _shape = null;
        _command = null;
        CommandId = null;
    }

    /// <summary>A record the command writes itself (a sign-in); it counts as the command's record.</summary>
    public void Add(DbContext db, AuditRecord record)
    {
        db.Set<AuditRecord>().Add(record);
        _recorded++;
    }

    /// <summary>A record of this moment and client, by the current user unless an actor is given (a sign-in, before its cookie exists).</summary>
    public AuditRecord NewRecord(string action, AuditOperation operation, string? entityType = null, string? entityId = null, string? entityLabel = null,
        Guid? lotId = null, IReadOnlyCollection<AuditChange>? changes = null, Actor? actor = null)
    {
        var who = actor ?? CurrentActor();
        return new AuditRecord
        {
            At = clock.Now,
            CommandId = CommandId ?? Guid.CreateVersion7(),
            ActorUserId = who.UserId,
            ActorName = who.Name.Truncate(AuditRecord.ActorNameLength),
            OrganizationId = who.OrganizationId,
            ClientAddress = ClientAddress(),
            Action = action.Truncate(AuditRecord.ActionLength),
            Operation = operation,
            EntityType = entityType?.Truncate(AuditRecord.EntityTypeLength),
            EntityId = entityId?.Truncate(AuditRecord.EntityIdLength),
            EntityLabel = entityLabel?.Truncate(AuditRecord.EntityLabelLength),
            LotId = lotId,
            Changes = changes is null ? null : AuditChanges.Write(changes),
        };
    }

    /// <summary>
    /// Records every added, changed and removed row the context is about to save (or holds at the end of the command). A
    /// value owned by a row and stored in its columns (a sanitization record's performer and validator) is recorded with
    /// that row, its fields named by where it sits ("Validator.Name"), never as a record of its own.
    /// </summary>
    internal void CaptureChanges(DbContext? db)
    {
        if (_shape is not { } shape || db is null)
        {
            return;
        }

        // Materialized first: adding the records while enumerating the tracker would change what is enumerated.
        var rows = new List<Row>();
        List<EntityEntry>? owned = null;
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted) || AuditPolicy.Skips(entry.Metadata.ClrType))
            {
                continue;
            }

            if (entry.Metadata.FindOwnership() is { PrincipalEntityType: var ownerType } && !ownerType.IsOwned())
            {
                (owned ??= []).Add(entry);
                continue;
            }

            // A row marked changed with no field that differs (a concurrency version bumped for its children) says nothing
            // unless a value it owns changed.
            rows.Add(new Row(entry, entry.State == EntityState.Modified ? ModifiedFields(entry) : null));
        }

        if (owned is not null)
        {
            FoldIntoOwners(db, owned, rows);
        }

        var groups = new Dictionary<(IEntityType Type, EntityState State), List<Row>>();
        foreach (var row in rows)
        {
            if (row.Changes is { Count: 0 })
            {
                continue;
            }

            // An owner that changed only through a value it owns is tracked as unchanged, and recorded as changed.
            var key = (row.Entry.Metadata, row.Entry.State == EntityState.Unchanged ? EntityState.Modified : row.Entry.State);
            if (!groups.TryGetValue(key, out var group))
            {
                groups[key] = group = [];
            }

            group.Add(row);
        }

        var commandLot = shape.LotId?.Invoke(_command!);
        foreach (var ((type, state), group) in groups)
        {
            if (group.Count > SummaryThreshold)
            {
                Add(db, Summary(shape, type, state, group, commandLot));
                continue;
            }

            foreach (var (entry, changes, ownedChanges) in group)
            {
                var operation = state switch { EntityState.Added => AuditOperation.Added, EntityState.Deleted => AuditOperation.Deleted, _ => AuditOperation.Modified };
                var fields = state == EntityState.Added ? AddedFields(entry) : changes;
                if (ownedChanges is not null)
                {
                    fields = [.. fields ?? [], .. ownedChanges];
                }

                Add(db, NewRecord(shape.Action, operation, AuditPolicy.EntityName(type.ClrType), KeyOf(entry), LabelOf(entry), LotOf(entry) ?? commandLot, fields));
            }
        }
    }

    /// <summary>
    /// A row the trail records: a changed one with its changed fields, those of the values it owns among them; an added or
    /// removed one with the fields of the values it owns (its own are read when it is recorded).
    /// </summary>
    private sealed class Row(EntityEntry entry, List<AuditChange>? changes)
    {
        public EntityEntry Entry { get; } = entry;

        public List<AuditChange>? Changes { get; } = changes;

        public List<AuditChange>? OwnedChanges { get; set; }

        public void Deconstruct(out EntityEntry entry, out List<AuditChange>? changes, out List<AuditChange>? ownedChanges) =>
            (entry, changes, ownedChanges) = (Entry, Changes, OwnedChanges);
    }

    /// <summary>
    /// Adds each owned value's fields to its owner's row, before → after: EF Core tracks an owned value as an entry of its own,
    /// and one replaced (a record's validator set anew) as the old one removed and the new one added. An owner whose own
    /// fields did not change is recorded as changed when a value it owns did.
    /// </summary>
    private static void FoldIntoOwners(DbContext db, List<EntityEntry> owned, List<Row> rows)
    {
        var byOwner = new Dictionary<(IEntityType, string?), Row>();
        foreach (var row in rows)
        {
            byOwner.TryAdd((row.Entry.Metadata, KeyOf(row.Entry)), row);
        }

        var fields = new Dictionary<Row, Dictionary<string, (string? Before, string? After)>>();
        foreach (var entry in owned)
        {
            var ownership = entry.Metadata.FindOwnership()!;
            var ownerKey = string.Join(",", ownership.Properties.Select(p => AuditChanges.Format(entry.Property(p.Name).CurrentValue)));
            if (!byOwner.TryGetValue((ownership.PrincipalEntityType, ownerKey), out var owner))
            {
                // The owner's own fields are as they were: only the value it owns changed.
                var ownerEntry = db.ChangeTracker.Entries().FirstOrDefault(e => e.Metadata == ownership.PrincipalEntityType && KeyOf(e) == ownerKey);
                if (ownerEntry is null)
                {
                    continue;
                }

                owner = new Row(ownerEntry, []);
                byOwner[(ownership.PrincipalEntityType, ownerKey)] = owner;
                rows.Add(owner);
            }

            if (!fields.TryGetValue(owner, out var values))
            {
                fields[owner] = values = new Dictionary<string, (string?, string?)>(StringComparer.Ordinal);
            }

            var path = ownership.PrincipalToDependent?.Name ?? AuditPolicy.EntityName(entry.Metadata.ClrType);
            var clrType = entry.Metadata.ClrType;
            foreach (var property in entry.Properties)
            {
                var name = property.Metadata.Name;
                if (property.Metadata.IsKey() || property.Metadata.IsForeignKey() || AuditPolicy.IsUnrecorded(name))
                {
                    continue;
                }

                var field = $"{path}.{name}";
                var (before, after) = values.GetValueOrDefault(field);
                values[field] = entry.State switch
                {
                    EntityState.Added => (before, AuditPolicy.Shown(name, property.CurrentValue, clrType)),
                    EntityState.Deleted => (AuditPolicy.Shown(name, property.OriginalValue, clrType), after),
                    _ => (AuditPolicy.Shown(name, property.OriginalValue, clrType), AuditPolicy.Shown(name, property.CurrentValue, clrType)),
                };
            }
        }

        foreach (var (owner, values) in fields)
        {
            List<AuditChange> changes = [.. values.Where(v => v.Value.Before != v.Value.After).Select(v => new AuditChange(v.Key, v.Value.Before, v.Value.After))];
            if (owner.Changes is { } ownerChanges)
            {
                ownerChanges.AddRange(changes);
            }
            else
            {
                owner.OwnedChanges = changes;
            }
        }
    }

    private AuditRecord Summary(CommandShape shape, IEntityType type, EntityState state, List<Row> group, Guid? commandLot)
    {
        var lots = group.Select(g => LotOf(g.Entry)).Distinct().Take(2).ToList();
        var examples = group.Take(SummaryExamples).Select(g => LabelOf(g.Entry) ?? KeyOf(g.Entry));
        List<AuditChange> changes =
        [
            new(state switch { EntityState.Added => "Rows added", EntityState.Deleted => "Rows removed", _ => "Rows changed" }, null, group.Count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)),
            new("First", null, AuditChanges.Format(string.Join(", ", examples)) + (group.Count > SummaryExamples ? ", …" : "")),
        ];
        if (state == EntityState.Modified)
        {
            changes.Add(new("Fields changed", null, AuditChanges.Format(string.Join(", ", group.SelectMany(g => g.Changes!).Select(c => c.Field).Distinct()))));
        }

        return NewRecord(shape.Action, AuditOperation.Summary, AuditPolicy.EntityName(type.ClrType), lotId: lots is [{ } only] ? only : commandLot, changes: changes);
    }

    private AuditRecord CommandRecord(CommandShape shape, object command, object? response)
    {
        var changes = shape.Inputs
            .Select(p => new AuditChange(p.Name, null, AuditPolicy.Shown(p.Name, p.GetValue(command), command.GetType())))
            .Where(c => c.After is not null)
            .ToList();
        if (response is int or long or bool or decimal)
        {
            changes.Add(new AuditChange("Result", null, AuditChanges.Format(response)));
        }

        var entityId = shape.Entity?.GetValue(command) is Guid id ? id.ToString() : null;
        return NewRecord(shape.Action, AuditOperation.Command, entityId is null ? null : shape.EntityName, entityId, lotId: shape.LotId?.Invoke(command), changes: changes);
    }

    private static List<AuditChange> ModifiedFields(EntityEntry entry)
    {
        var changes = new List<AuditChange>();
        var clrType = entry.Metadata.ClrType;
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            if (!property.IsModified || property.Metadata.IsPrimaryKey() || AuditPolicy.IsUnrecorded(name) || Equals(property.OriginalValue, property.CurrentValue))
            {
                continue;
            }

            changes.Add(new AuditChange(name, AuditPolicy.Shown(name, property.OriginalValue, clrType), AuditPolicy.Shown(name, property.CurrentValue, clrType)));
        }

        return changes;
    }

    /// <summary>The values an added row was given (its key is the record's entity id).</summary>
    private static List<AuditChange> AddedFields(EntityEntry entry)
    {
        var changes = new List<AuditChange>();
        var clrType = entry.Metadata.ClrType;
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            if (property.Metadata.IsPrimaryKey() || AuditPolicy.IsUnrecorded(name) || property.CurrentValue is not { } value)
            {
                continue;
            }

            changes.Add(new AuditChange(name, null, AuditPolicy.Shown(name, value, clrType)));
        }

        return changes;
    }

    private static string? KeyOf(EntityEntry entry) =>
        entry.Metadata.FindPrimaryKey() is { } key
            ? string.Join(",", key.Properties.Select(p => AuditChanges.Format(entry.Property(p.Name).CurrentValue)))
            : null;

    private static string? LabelOf(EntityEntry entry) =>
        AuditPolicy.LabelProperty(entry.Metadata) is { } label
            ? (entry.State == EntityState.Deleted ? entry.Property(label.Name).OriginalValue : entry.Property(label.Name).CurrentValue) as string
            : null;

    /// <summary>The lot a row belongs to: the lot itself, or the lot its LotId names (devices, sales, fulfillment, invoices…).</summary>
    private static Guid? LotOf(EntityEntry entry) =>
        entry.Entity is Lot lot ? lot.Id
        : entry.Metadata.FindProperty("LotId") is { } property ? entry.Property(property.Name).CurrentValue as Guid?
        : null;

    private Actor CurrentActor() => user.IsAuthenticated
        ? new Actor(user.UserId == Guid.Empty ? null : user.UserId, user.IsInRole(Roles.System) ? AuditRecord.SystemActor : user.Name,
            user.OrganizationId == Guid.Empty ? null : user.OrganizationId)
        : new Actor(null, "anonymous", null);

    private string? ClientAddress() =>
        http.HttpContext?.Connection.RemoteIpAddress is { } address
            ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString().Truncate(AuditRecord.ClientAddressLength)
            : null;

    private static CommandShape ShapeOf(Type type) => Shapes.GetOrAdd(type, static t => new CommandShape(t));

    /// <summary>What the trail reads of a command type, found once per type.</summary>
    private sealed class CommandShape
    {
        public CommandShape(Type type)
        {
            var area = type.Namespace?.Split('.')[^1];
            var name = type.DeclaringType?.Name ?? type.Name;
            Action = area is null ? name : $"{area}.{name}";
            Inputs = [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && !AuditPolicy.IsUnrecorded(p.Name))];
            if (type.GetProperty("LotId") is { } lot && (lot.PropertyType == typeof(Guid) || lot.PropertyType == typeof(Guid?)))
            {
                LotId = command => lot.GetValue(command) as Guid?;
            }

            // The most specific id a command names is its last one: RemoveDevice(LotId, DeviceId) is about the device.
            Entity = Inputs.LastOrDefault(p => p.Name.EndsWith("Id", StringComparison.Ordinal) && p.Name.Length > 2 && (p.PropertyType == typeof(Guid) || p.PropertyType == typeof(Guid?)));
            EntityName = Entity?.Name[..^2];
        }

        public string Action { get; }
        public IReadOnlyList<PropertyInfo> Inputs { get; }
        public Func<object, Guid?>? LotId { get; }
        public PropertyInfo? Entity { get; }
        public string? EntityName { get; }
    }
}

/// <summary>Who a record is by.</summary>
public sealed record Actor(Guid? UserId, string Name, Guid? OrganizationId);
