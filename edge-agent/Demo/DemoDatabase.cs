using Ledgerlink.EdgeAgent.Sage50.Access;
using Ledgerlink.EdgeAgent.Sage50.Schema;
using SQLitePCL;

namespace Ledgerlink.EdgeAgent.Sage50.Demo;

/// <summary>
/// The demo company's SQLite file while it is written: every table with every column the Sage 50 ODBC driver
/// publishes for it, under Sage's names and declared types, plus the fake's user table.
/// </summary>
/// <remarks>
/// Opened through SQLite's C API rather than Microsoft.Data.Sqlite, with no connection mutex (one thread writes)
/// and with journaling and syncs off: the file is built aside and moved into place only when complete, so a crash
/// leaves nothing to recover. Indexes are built after loading, the way the readers query.
/// </remarks>
internal sealed class DemoDatabase : IDisposable
{
    public static readonly string[] Tables =
    [
        "COMPANY", "CURRENCY", "CHART_LIST", "CAT_TITLE", "CATEGORY", "NOMINAL_LEDGER", "TAX_CODE", "DEPARTMENT", "PROJECT", "BANK",
        "SALES_LEDGER", "PURCHASE_LEDGER", "AUDIT_HEADER", "AUDIT_SPLIT", "AUDIT_JOURNAL", "AUDIT_USAGE",
    ];

    // Sage's record numbers, made SQLite row ids: rows are written in this order, so lookups by them are free.
    private static readonly Dictionary<string, string> RowIdColumns = new()
    {
        ["AUDIT_HEADER"] = "HEADER_NUMBER",
        ["AUDIT_SPLIT"] = "TRAN_NUMBER",
        ["AUDIT_USAGE"] = "USAGE_NUMBER",
    };

    private static readonly string[] Indexes =
    [
        "CREATE INDEX AUDIT_HEADER_TYPE ON AUDIT_HEADER (TYPE)",
        "CREATE INDEX AUDIT_SPLIT_TYPE_HEADER ON AUDIT_SPLIT (TYPE, HEADER_NUMBER)",
        "CREATE INDEX AUDIT_JOURNAL_HEADER ON AUDIT_JOURNAL (HEADER_NUMBER, TRAN_NUMBER)",
        "CREATE INDEX AUDIT_USAGE_SPLIT ON AUDIT_USAGE (SPLIT_NUMBER)",
        "CREATE UNIQUE INDEX NOMINAL_LEDGER_REF ON NOMINAL_LEDGER (ACCOUNT_REF)",
        "CREATE UNIQUE INDEX SALES_LEDGER_REF ON SALES_LEDGER (ACCOUNT_REF)",
        "CREATE UNIQUE INDEX PURCHASE_LEDGER_REF ON PURCHASE_LEDGER (ACCOUNT_REF)",
    ];

    private DemoDatabase(sqlite3 handle) => Handle = handle;

    public sqlite3 Handle { get; }

    public static DemoDatabase Create(string file)
    {
        Batteries_V2.Init();
        SqliteNative.EnsureSameLibrary();
        var result = raw.sqlite3_open_v2(file, out var handle, raw.SQLITE_OPEN_READWRITE | raw.SQLITE_OPEN_CREATE | raw.SQLITE_OPEN_NOMUTEX, null);
        var database = new DemoDatabase(handle);
        if (result != raw.SQLITE_OK)
        {
            database.Dispose();
            throw new IOException($"Cannot create the demo company file {file}: SQLite error {result}.");
        }

        database.Execute("PRAGMA page_size = 8192");
        database.Execute("PRAGMA journal_mode = OFF");
        database.Execute("PRAGMA synchronous = OFF");
        database.Execute("PRAGMA locking_mode = EXCLUSIVE");
        database.Execute("PRAGMA temp_store = MEMORY");
        database.Execute("PRAGMA cache_size = -32768");
        foreach (var table in Tables)
        {
            database.Execute(CreateTableSql(table));
        }

        database.Execute(DemoUserStore.CreateTableSql);
        return database;
    }

    public void CreateIndexes()
    {
        foreach (var index in Indexes)
        {
            Execute(index);
        }
    }

    public void Execute(string sql)
    {
        if (raw.sqlite3_exec(Handle, sql, null, null, out var error) != raw.SQLITE_OK)
        {
            throw new InvalidOperationException($"SQLite: {error} ({sql})");
        }
    }

    /// <summary>One row of a small table; columns not named stay NULL, as in a fresh Sage record.</summary>
    public void Insert(string table, params (string Column, object? Value)[] values)
    {
        using var writer = new SqliteRowWriter(Handle, table, values.Select(v => v.Column).ToList());
        for (var i = 0; i < values.Length; i++)
        {
            writer.Value(i, values[i].Value);
        }

        writer.Insert();
    }

    public void Dispose() => Handle.Dispose();

    private static string CreateTableSql(string table)
    {
        var key = RowIdColumns.GetValueOrDefault(table);
        var columns = Sage50Schema.Columns(table).Select(c => c.Name == key ? $"{c.Name} INTEGER PRIMARY KEY" : $"{c.Name} {SqlType(c)}");
        return $"CREATE TABLE {table} ({string.Join(", ", columns)})";
    }

    // Sage's own type names: SQLite takes its storage rules from them (VARCHAR text, DOUBLE real, SMALLINT integer).
    private static string SqlType(Sage50Column column) => column.OdbcType switch
    {
        "VARCHAR" or "CHAR" => $"{column.OdbcType}({column.Length})",
        "" => "TIMESTAMP",
        var type => type,
    };
}
