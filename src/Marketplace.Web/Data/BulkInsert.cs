using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Marketplace.Web.Data;

/// <summary>
/// Inserts many new rows through one prepared command inside the current transaction, converting
/// values exactly as EF Core would (enums as text, SQLite money as scaled integers, ...) from the
/// model's own metadata. For imports of tens of thousands of rows, where change tracking would
/// dominate; the rows are not tracked afterwards.
/// </summary>
public static class BulkInsert
{
    public static async Task<int> InsertManyAsync<T>(this MarketplaceDb db, IEnumerable<T> rows, CancellationToken cancellationToken, Action<int>? progress = null)
        where T : class
    {
        if (db.Database.CurrentTransaction is not { } transaction)
        {
            throw new InvalidOperationException("Bulk inserts run inside the command's transaction, so a failure leaves nothing behind.");
        }

        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        // Shadow properties have no value on the object; their columns take the default the migration gave them.
        var columns = entityType.GetProperties()
            .Where(p => !p.IsShadowProperty())
            .Select(p => (Property: p, Column: p.GetColumnName(table)))
            .Where(c => c.Column is not null)
            .ToList();

        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        command.CommandText = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Column!)))}) " +
                              $"VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})";
        var bindings = columns.Select((c, i) => Bind(command, c.Property, "@p" + i)).ToArray();
        await command.PrepareAsync(cancellationToken);

        var count = 0;
        foreach (var row in rows)
        {
            foreach (var binding in bindings)
            {
                binding.Set(row);
            }

            // Synchronous on purpose: SQLite executes in-process, and an await per row costs more than the insert.
            command.ExecuteNonQuery();
            if (++count % 1000 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Invoke(count);
            }
        }

        progress?.Invoke(count);
        return count;
    }

    private static Binding Bind(DbCommand command, IProperty property, string name)
    {
        var mapping = (RelationalTypeMapping)property.GetRelationalTypeMapping();
        var parameter = mapping.CreateParameter(command, name, null, property.IsNullable);
        command.Parameters.Add(parameter);
        var converter = property.GetValueConverter() ?? mapping.Converter;
        return new Binding(parameter, property.GetGetter(), converter, converter?.ModelClrType.IsEnum == true ? [] : null);
    }

    /// <summary>Enum columns convert the same few values again and again; <paramref name="EnumCache"/> keeps each provider value.</summary>
    private sealed record Binding(DbParameter Parameter, IClrPropertyGetter Getter, Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? Converter, Dictionary<object, object?>? EnumCache)
    {
        public void Set(object row)
        {
            var value = Getter.GetClrValue(row);
            if (value is not null && Converter is not null)
            {
                if (EnumCache is null)
                {
                    value = Converter.ConvertToProvider(value);
                }
                else if (!EnumCache.TryGetValue(value, out var converted))
                {
                    EnumCache[value] = converted = Converter.ConvertToProvider(value);
                    value = converted;
                }
                else
                {
                    value = converted;
                }
            }

            Parameter.Value = value ?? DBNull.Value;
        }
    }
}
