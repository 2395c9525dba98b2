using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace GuongSang.Content.Storage;

/// <summary>
/// Inserts rows of an append-only table (revisions, the change log) in multi-row INSERT statements on
/// the context's connection and transaction, bypassing change tracking: EF Core writes one statement
/// per row, which made history half the cost of a 10,000-row import. Table, columns and value
/// conversions come from the EF model, so the SQL is the provider's (SQLite or PostgreSQL) and a
/// renamed column cannot be missed. The rows' generated ids are not read back.
/// </summary>
internal static class AppendOnlyRows
{
    /// <summary>Rows per statement: well under SQLite's and PostgreSQL's limits on parameters.</summary>
    private const int RowsPerStatement = 100;

    public static void Insert<T>(DbContext db, IReadOnlyList<T> rows)
        where T : class
    {
        foreach (var command in Commands(db, rows))
        {
            using (command) command.ExecuteNonQuery();
        }
    }

    public static async Task InsertAsync<T>(DbContext db, IReadOnlyList<T> rows, CancellationToken ct)
        where T : class
    {
        foreach (var command in Commands(db, rows))
        {
            await using (command) await command.ExecuteNonQueryAsync(ct);
        }
    }

    private static IEnumerable<DbCommand> Commands<T>(DbContext db, IReadOnlyList<T> rows)
        where T : class
    {
        if (rows.Count == 0) yield break;
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Append-only rows are written inside the save's transaction.");
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var columns = entity.GetProperties()
            .Where(p => !(p.IsPrimaryKey() && p.ValueGenerated != ValueGenerated.Never))
            .Select(p => (Property: p, Mapping: p.GetRelationalTypeMapping(), Getter: p.PropertyInfo
                ?? throw new InvalidOperationException($"{typeof(T).Name}.{p.Name} has no CLR property.")))
            .ToList();
        var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} " +
                   $"({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Property.GetColumnName(table)!)))}) VALUES ";

        foreach (var chunk in rows.Chunk(RowsPerStatement))
        {
            var command = transaction.Connection!.CreateCommand();
            command.Transaction = transaction;
            var text = new StringBuilder(head);
            var n = 0;
            foreach (var row in chunk)
            {
                text.Append(n == 0 ? "(" : ", (");
                for (var i = 0; i < columns.Count; i++)
                {
                    var name = "p" + n++;
                    var (property, mapping, getter) = columns[i];
                    command.Parameters.Add(mapping.CreateParameter(command, name, getter.GetValue(row), property.IsNullable));
                    text.Append(i == 0 ? "" : ", ").Append(sql.GenerateParameterNamePlaceholder(name));
                }
                text.Append(')');
            }
            command.CommandText = text.ToString();
            yield return command;
        }
    }
}
