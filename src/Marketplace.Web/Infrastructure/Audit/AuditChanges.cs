using System.Buffers;
using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;

namespace Marketplace.Web.Infrastructure.Audit;

/// <summary>One changed field: its value before and after (null where there was none: an added row, a command's input).</summary>
public sealed record AuditChange(string Field, string? Before, string? After);

/// <summary>
/// The changed fields of a record as JSON, <c>{"Grade":["B","A"],…}</c>, and the values as people read them. Bounded: at
/// most <see cref="MaxFields"/> fields of at most <see cref="MaxValueLength"/> characters each, so one record never
/// carries a file, a long note or an e-mail body whole.
/// </summary>
public static class AuditChanges
{
    public const int MaxFields = 40, MaxValueLength = 200;

    /// <summary>What a secret's value is replaced with: that it changed is recorded, never what it is.</summary>
    public const string Hidden = "(hidden)";

    private const string MoreField = "…";

    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();

    public static string? Write(IReadOnlyCollection<AuditChange> changes)
    {
        if (changes.Count == 0)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            var written = 0;
            foreach (var change in changes)
            {
                if (written == MaxFields)
                {
                    json.WriteStartArray(MoreField);
                    json.WriteNullValue();
                    json.WriteStringValue($"{changes.Count - MaxFields} more field(s) not recorded");
                    json.WriteEndArray();
                    break;
                }

                json.WriteStartArray(change.Field);
                WriteValue(json, change.Before);
                WriteValue(json, change.After);
                json.WriteEndArray();
                written++;
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static IReadOnlyList<AuditChange> Read(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        var changes = new List<AuditChange>();
        foreach (var field in document.RootElement.EnumerateObject())
        {
            if (field.Value is { ValueKind: JsonValueKind.Array } pair && pair.GetArrayLength() == 2)
            {
                changes.Add(new AuditChange(field.Name, pair[0].GetString(), pair[1].GetString()));
            }
        }

        return changes;
    }

    /// <summary>A value as a person reads it, cut to <see cref="MaxValueLength"/>: enums in words, times in UTC, files by size.</summary>
    public static string? Format(object? value) => value switch
    {
        null => null,
        string text => Cut(text),
        byte[] bytes => $"({bytes.Length.ToString("N0", CultureInfo.InvariantCulture)} bytes)",
        Enum e => e.Words(),
        bool flag => flag ? "yes" : "no",
        DateTimeOffset at => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture),
        DateTime at => at.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable formattable => Cut(formattable.ToString(null, CultureInfo.InvariantCulture)),
        IEnumerable items => Items(items),
        _ => Cut(Describe(value)),
    };

    /// <summary>A value object (a grid filter, a form) as its set properties, "Sort: serial; Page: 1", rather than its type's name.</summary>
    private static string Describe(object value)
    {
        var properties = Properties.GetOrAdd(value.GetType(), static t =>
            [.. t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")]);
        if (properties.Length == 0)
        {
            return value.ToString() ?? "";
        }

        var parts = new List<string>(properties.Length);
        foreach (var property in properties)
        {
            var shown = property.GetValue(value) is { } inner && !AuditPolicy.IsSecret(property.Name)
                ? inner is string or ValueType or Enum ? Format(inner) : inner.ToString()
                : null;
            if (!string.IsNullOrEmpty(shown))
            {
                parts.Add($"{property.Name}: {shown}");
            }
        }

        return string.Join("; ", parts);
    }

    private static string Items(IEnumerable items)
    {
        var shown = new List<string>(4);
        var count = 0;
        foreach (var item in items)
        {
            if (++count <= 3)
            {
                shown.Add(Format(item) ?? "");
            }
        }

        var list = string.Join(", ", shown) + (count > shown.Count ? $" and {count - shown.Count} more" : "");
        return Cut($"{count} item(s){(count == 0 ? "" : ": " + list)}");
    }

    private static string Cut(string? text) =>
        text is null ? "" : text.Length <= MaxValueLength ? text : string.Concat(text.AsSpan(0, MaxValueLength - 1), "…");

    private static void WriteValue(Utf8JsonWriter json, string? value)
    {
        if (value is null)
        {
            json.WriteNullValue();
        }
        else
        {
            json.WriteStringValue(value);
        }
    }
}
