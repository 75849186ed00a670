using SQLitePCL;

namespace Ledgerlink.EdgeAgent.Sage50.Demo;

/// <summary>
/// One prepared INSERT driven through SQLite's C API (<see cref="SqliteNative"/>): no boxing, no ADO.NET parameter objects. The number of native
/// calls per row bounds the generator's speed, so a parameter may fill several columns (Sage repeats amounts in its
/// FOREIGN_* columns and dates in DATE_ENTERED), and a value already bound is not bound again: SQLite keeps bindings
/// from one row to the next, so a transaction's header fields are bound once for all its splits and journal lines.
/// Columns with the same value in every row are written into the statement as constants.
/// </summary>
/// <remarks>
/// Multi-row INSERTs were measured too: they lose, because a row's bindings then sit in a different place from the
/// previous row's and have to be bound every time.
/// </remarks>
internal sealed class SqliteRowWriter : IDisposable
{
    private readonly sqlite3 _database;
    private readonly string _table;
    private readonly sqlite3_stmt _statement;
    private readonly nint _handle;
    private readonly Kind[] _kinds;
    private readonly long[] _integers;
    private readonly double[] _reals;
    private readonly object?[] _objects;
    private readonly bool[] _given;

    /// <param name="parameters">One entry per value of a row: a column, or columns separated by '|' that take the same value.</param>
    public SqliteRowWriter(sqlite3 database, string table, IReadOnlyList<string> parameters, IReadOnlyList<(string Column, string SqlLiteral)>? constants = null)
    {
        _database = database;
        _table = table;
        constants ??= [];
        var columns = parameters.SelectMany((p, i) => p.Split('|').Select(column => (Column: column, Value: "?" + (i + 1)))).ToList();
        columns.AddRange(constants.Select(c => (c.Column, c.SqlLiteral)));
        Check(raw.sqlite3_prepare_v2(_database,
            $"INSERT INTO {_table} ({string.Join(", ", columns.Select(c => c.Column))}) VALUES ({string.Join(", ", columns.Select(c => c.Value))})",
            out _statement));
        _kinds = new Kind[parameters.Count];
        _integers = new long[parameters.Count];
        _reals = new double[parameters.Count];
        _objects = new object?[parameters.Count];
        _given = new bool[parameters.Count];
        // Valid while this writer (which owns the statement) lives; used for the per-value calls in SqliteNative.
        _handle = _statement.DangerousGetHandle();
    }

    private enum Kind : byte
    {
        Unbound,
        Integer,
        Real,
        Text,
        Null,
        Blob,
    }

    public long RowsWritten { get; private set; }

    public void Int(int parameter, long value)
    {
        _given[parameter] = true;
        if (_kinds[parameter] == Kind.Integer && _integers[parameter] == value)
        {
            return;
        }

        Check(SqliteNative.BindInt64(_handle, parameter + 1, value));
        _kinds[parameter] = Kind.Integer;
        _integers[parameter] = value;
    }

    public void Real(int parameter, double value)
    {
        _given[parameter] = true;
        if (_kinds[parameter] == Kind.Real && _reals[parameter] == value)
        {
            return;
        }

        Check(SqliteNative.BindDouble(_handle, parameter + 1, value));
        _kinds[parameter] = Kind.Real;
        _reals[parameter] = value;
    }

    /// <summary>Sage's DOUBLE money from exact pennies: the double nearest the decimal amount, as Sage stores it.</summary>
    public void Money(int parameter, long pennies) => Real(parameter, pennies / 100.0);

    public void Text(int parameter, string? value)
    {
        _given[parameter] = true;
        if (value is null)
        {
            if (_kinds[parameter] != Kind.Null)
            {
                Check(SqliteNative.BindNull(_handle, parameter + 1));
                _kinds[parameter] = Kind.Null;
            }

            return;
        }

        // Repeated values are mostly the same string instance (cached dates, account references, codes), so a
        // reference check catches them without comparing characters; an equal copy is simply bound again.
        if (_kinds[parameter] == Kind.Text && ReferenceEquals(_objects[parameter], value))
        {
            return;
        }

        // UTF-16 straight from the string: SQLite converts it, which saves encoding it into a new array first.
        Check(SqliteNative.BindText16(_handle, parameter + 1, value, value.Length * sizeof(char), SqliteNative.Transient));
        _kinds[parameter] = Kind.Text;
        _objects[parameter] = value;
    }

    public void Blob(int parameter, byte[] value)
    {
        _given[parameter] = true;
        Check(raw.sqlite3_bind_blob(_statement, parameter + 1, value));
        _kinds[parameter] = Kind.Blob;
    }

    /// <summary>A value of any type the reference tables use (string, int, long, double, byte[], null).</summary>
    public void Value(int parameter, object? value)
    {
        switch (value)
        {
            case null: Text(parameter, null); break;
            case string text: Text(parameter, text); break;
            case int number: Int(parameter, number); break;
            case long number: Int(parameter, number); break;
            case double number: Real(parameter, number); break;
            case byte[] bytes: Blob(parameter, bytes); break;
            default: throw new ArgumentException($"{_table}: cannot write a {value.GetType().Name}.", nameof(value));
        }
    }

    /// <summary>Writes the row; every value of it must have been given (a value equal to the last row's still counts).</summary>
    public void Insert()
    {
        for (var p = 0; p < _given.Length; p++)
        {
            if (!_given[p])
            {
                throw new InvalidOperationException($"{_table}: no value for parameter {p + 1} of row {RowsWritten + 1}.");
            }

            _given[p] = false;
        }

        var result = SqliteNative.Step(_handle);
        if (result != raw.SQLITE_DONE)
        {
            Check(result);
        }

        Check(SqliteNative.Reset(_handle));
        RowsWritten++;
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int result)
    {
        if (result is not (raw.SQLITE_OK or raw.SQLITE_DONE))
        {
            throw new InvalidOperationException($"SQLite error {result} writing {_table}: {raw.sqlite3_errmsg(_database).utf8_to_string()}");
        }
    }
}
