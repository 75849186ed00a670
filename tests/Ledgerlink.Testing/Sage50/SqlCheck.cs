using Microsoft.Data.Sqlite;

namespace Ledgerlink.Testing.Sage50;

/// <summary>Plain SQL over a generated company, for checking the books without the readers.</summary>
public static class SqlCheck
{
    public static List<object[]> Rows(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object[]>();
        while (reader.Read())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }

        return rows;
    }

    public static T Scalar<T>(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType(command.ExecuteScalar()!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Sage's DOUBLE money summed in SQL, to the penny.</summary>
    public static decimal Money(object value) => value is DBNull ? 0m : Math.Round(Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture), 2);
}
