using System.Globalization;
using Ledgerlink.EdgeAgent.Sage50.Access;
using Microsoft.Data.Sqlite;

namespace Ledgerlink.EdgeAgent.Sage50.Demo;

/// <summary>
/// Changes a demo company in place as its owner would between two syncs: edits customers and suppliers, posts new
/// bank payments, deletes transactions and idle accounts, all in one SQLite transaction, deterministically from
/// <see cref="DemoMutationOptions.Seed"/>. Every changed row carries the same new RECORD_MODIFY_DATE (later than any
/// in the company), new transactions take TRAN_NUMBERs and HEADER_NUMBERs after every existing one, and nominal and
/// bank balances follow the postings, so the books still balance. What incremental sync has to find is exactly what
/// the returned <see cref="DemoMutation"/> lists.
/// </summary>
public static class DemoCompanyMutator
{
    /// <summary>The transactions a deletion may mark: bank and cash payments and receipts, which no allocation refers to.</summary>
    private static readonly string[] DeletableTypes = ["BP", "BR", "CP", "CR"];

    private static readonly string[] LedgerTables = ["SALES_LEDGER", "PURCHASE_LEDGER"];

    public static DemoMutation Mutate(string dataDirectory, DemoMutationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Edits);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Posts);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Deletes);
        var file = DatabaseFile(dataDirectory);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = file,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString());
        connection.Open();
        using var transaction = connection.BeginTransaction();
        var sql = new Sql(connection, transaction);
        var random = new DemoRandom(options.Seed);
        var stamp = NextStamp(sql);
        var day = stamp[..10];

        // Which accounts: every customer and supplier, in a fixed order; idle ones never traded and owe nothing.
        var accounts = LedgerTables
            .SelectMany(table => sql.Strings($"SELECT ACCOUNT_REF FROM {table} ORDER BY ACCOUNT_REF").Select(reference => $"{table}/{reference}"))
            .ToList();
        var traded = sql.Strings("SELECT DISTINCT ACCOUNT_REF FROM AUDIT_HEADER WHERE ACCOUNT_REF IS NOT NULL").ToHashSet(StringComparer.Ordinal);
        var idle = LedgerTables
            .SelectMany(table => sql.Strings($"SELECT ACCOUNT_REF FROM {table} WHERE ROUND(BALANCE, 2) = 0 ORDER BY ACCOUNT_REF")
                .Where(reference => !traded.Contains(reference))
                .Select(reference => $"{table}/{reference}"))
            .ToList();
        var removed = Choose(random, idle, Math.Min(options.Deletes / 4, idle.Count));
        var editable = accounts.Except(removed).ToList();
        if (options.Edits > editable.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"The company has {editable.Count} customers and suppliers to edit, not {options.Edits}.");
        }

        var edited = Choose(random, editable, options.Edits);
        foreach (var account in edited)
        {
            var (table, reference) = Split(account);
            sql.Execute($"UPDATE {table} SET TELEPHONE = $phone, RECORD_MODIFY_DATE = $stamp WHERE ACCOUNT_REF = $ref",
                ("$phone", DemoNames.Telephone(random)), ("$stamp", stamp), ("$ref", reference));
        }

        var rebalanced = new SortedSet<string>(StringComparer.Ordinal);
        var liveDeletable = sql.Ints($"SELECT HEADER_NUMBER FROM AUDIT_HEADER WHERE DELETED_FLAG = 0 AND TYPE IN ({string.Join(", ", DeletableTypes.Select(t => $"'{t}'"))}) ORDER BY HEADER_NUMBER");
        var (posted, newTrans) = Post(sql, random, options.Posts, stamp, day, rebalanced);

        var transactionDeletes = options.Deletes - removed.Count;
        if (transactionDeletes > liveDeletable.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"The company has {liveDeletable.Count} bank and cash transactions to delete, not {transactionDeletes}.");
        }

        var deleted = Choose(random, liveDeletable, transactionDeletes);
        foreach (var header in deleted)
        {
            foreach (var table in new[] { "AUDIT_HEADER", "AUDIT_SPLIT", "AUDIT_JOURNAL" })
            {
                sql.Execute($"UPDATE {table} SET DELETED_FLAG = 1, RECORD_MODIFY_DATE = $stamp WHERE HEADER_NUMBER = $header", ("$stamp", stamp), ("$header", header));
            }

            Rebalance(sql, header, -1, stamp, rebalanced);
        }

        foreach (var account in removed)
        {
            var (table, reference) = Split(account);
            sql.Execute($"DELETE FROM {table} WHERE ACCOUNT_REF = $ref", ("$ref", reference));
        }

        transaction.Commit();
        return new DemoMutation(stamp, edited, posted, newTrans, deleted, removed, [.. rebalanced]);
    }

    /// <summary>The demo company's file in a data directory (the company folder or its ACCDATA).</summary>
    public static string DatabaseFile(string dataDirectory)
    {
        var accData = Sage50DataDirectory.FindAccData(dataDirectory)
            ?? throw new DirectoryNotFoundException($"{dataDirectory} has no {Sage50DataDirectory.AccDataFolderName} folder.");
        var file = Path.Combine(accData, Sage50DataDirectory.DemoDatabaseFileName);
        return File.Exists(file) ? file : throw new FileNotFoundException($"{dataDirectory} holds no demo company.", file);
    }

    // Each new transaction is a copy of an existing bank payment, dated the mutation day, renumbered after every existing
    // header and split, unreconciled; its journal lines move the nominal and bank balances as the original's did.
    private static (List<int> Headers, List<int> Trans) Post(Sql sql, DemoRandom random, int count, string stamp, string day, SortedSet<string> rebalanced)
    {
        var headers = new List<int>();
        var trans = new List<int>();
        if (count == 0)
        {
            return (headers, trans);
        }

        var templates = sql.Ints("SELECT HEADER_NUMBER FROM AUDIT_HEADER WHERE TYPE = 'BP' AND DELETED_FLAG = 0 ORDER BY HEADER_NUMBER");
        if (templates.Count == 0)
        {
            throw new InvalidOperationException("The company has no bank payment to post again.");
        }

        for (var i = 0; i < count; i++)
        {
            var template = random.Pick(templates);
            var header = sql.Int("SELECT MAX(HEADER_NUMBER) FROM AUDIT_HEADER") + 1;
            var firstTran = sql.Int("SELECT MAX(TRAN_NUMBER) FROM AUDIT_SPLIT") + 1;
            var offset = firstTran - sql.Int("SELECT MIN(TRAN_NUMBER) FROM AUDIT_SPLIT WHERE HEADER_NUMBER = $template", ("$template", template));
            var replacements = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["HEADER_NUMBER"] = "$header",
                ["TRAN_NUMBER"] = "TRAN_NUMBER + $offset",
                ["SPLIT_NUMBER"] = "SPLIT_NUMBER + $offset",
                ["DATE"] = "$day",
                ["DATE_ENTERED"] = "$day",
                ["DATE_BANK_RECONCILED"] = "NULL",
                ["RECORD_CREATE_DATE"] = "$stamp",
                ["RECORD_MODIFY_DATE"] = "$stamp",
            };
            foreach (var table in new[] { "AUDIT_HEADER", "AUDIT_SPLIT", "AUDIT_JOURNAL" })
            {
                var columns = sql.Strings($"SELECT name FROM pragma_table_info('{table}') ORDER BY cid");
                var values = columns.Select(c => replacements.GetValueOrDefault(c, c));
                sql.Execute(
                    $"INSERT INTO {table} ({string.Join(", ", columns)}) SELECT {string.Join(", ", values)} FROM {table} WHERE HEADER_NUMBER = $template ORDER BY rowid",
                    ("$header", header), ("$offset", offset), ("$day", day), ("$stamp", stamp), ("$template", template));
            }

            headers.Add(header);
            trans.AddRange(sql.Ints("SELECT TRAN_NUMBER FROM AUDIT_SPLIT WHERE HEADER_NUMBER = $header ORDER BY TRAN_NUMBER", ("$header", header)));
            Rebalance(sql, header, 1, stamp, rebalanced);
        }

        return (headers, trans);
    }

    // Moves NOMINAL_LEDGER.BALANCE and BANK.FOREIGN_BALANCE by a transaction's journal lines (sign -1 reverses them),
    // rounded to the penny as the generator writes them, and stamps the accounts as Sage does when it posts.
    private static void Rebalance(Sql sql, int header, int sign, string stamp, SortedSet<string> rebalanced)
    {
        const string totals = "(SELECT NOMINAL_CODE, SUM(AMOUNT) AS TOTAL FROM AUDIT_JOURNAL WHERE HEADER_NUMBER = $header GROUP BY NOMINAL_CODE) AS J";
        sql.Execute($"UPDATE NOMINAL_LEDGER SET BALANCE = ROUND(BALANCE + $sign * J.TOTAL, 2), RECORD_MODIFY_DATE = $stamp FROM {totals} WHERE NOMINAL_LEDGER.ACCOUNT_REF = J.NOMINAL_CODE",
            ("$header", header), ("$sign", sign), ("$stamp", stamp));
        sql.Execute($"UPDATE BANK SET FOREIGN_BALANCE = ROUND(FOREIGN_BALANCE + $sign * J.TOTAL, 2), RECORD_MODIFY_DATE = $stamp FROM {totals} WHERE BANK.ACCOUNT_REF = J.NOMINAL_CODE",
            ("$header", header), ("$sign", sign), ("$stamp", stamp));
        foreach (var code in sql.Strings("SELECT DISTINCT NOMINAL_CODE FROM AUDIT_JOURNAL WHERE HEADER_NUMBER = $header", ("$header", header)))
        {
            rebalanced.Add(code);
        }
    }

    // The day after the newest change in the company, 09:00: later than every RECORD_MODIFY_DATE, as a real edit made today would be.
    private static string NextStamp(Sql sql)
    {
        var newest = new[] { "AUDIT_HEADER", "AUDIT_SPLIT", "AUDIT_JOURNAL", "SALES_LEDGER", "PURCHASE_LEDGER", "NOMINAL_LEDGER", "BANK" }
            .Select(table => sql.Strings($"SELECT MAX(RECORD_MODIFY_DATE) FROM {table}").FirstOrDefault() ?? "")
            .Max(StringComparer.Ordinal);
        var date = DateOnly.ParseExact(newest![..10], "yyyy-MM-dd", CultureInfo.InvariantCulture).AddDays(1);
        return date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " 09:00:00";
    }

    // A partial Fisher-Yates shuffle: k distinct items chosen by the seed, returned in the list's own order.
    private static List<T> Choose<T>(DemoRandom random, IReadOnlyList<T> items, int count)
    {
        var indexes = Enumerable.Range(0, items.Count).ToArray();
        for (var i = 0; i < count; i++)
        {
            var j = i + random.Int(indexes.Length - i);
            (indexes[i], indexes[j]) = (indexes[j], indexes[i]);
        }

        return indexes.Take(count).Order().Select(i => items[i]).ToList();
    }

    private static (string Table, string Reference) Split(string account)
    {
        var slash = account.IndexOf('/', StringComparison.Ordinal);
        return (account[..slash], account[(slash + 1)..]);
    }

    private sealed class Sql(SqliteConnection connection, SqliteTransaction transaction)
    {
        public void Execute(string text, params (string Name, object Value)[] parameters)
        {
            using var command = Command(text, parameters);
            command.ExecuteNonQuery();
        }

        public int Int(string text, params (string Name, object Value)[] parameters)
        {
            using var command = Command(text, parameters);
            return Convert.ToInt32(command.ExecuteScalar() ?? 0, CultureInfo.InvariantCulture);
        }

        public List<int> Ints(string text, params (string Name, object Value)[] parameters) =>
            Rows(text, parameters, reader => reader.GetInt32(0));

        public List<string> Strings(string text, params (string Name, object Value)[] parameters) =>
            Rows(text, parameters, reader => reader.IsDBNull(0) ? null! : reader.GetString(0)).Where(s => s is not null).ToList();

        private List<T> Rows<T>(string text, (string Name, object Value)[] parameters, Func<SqliteDataReader, T> read)
        {
            using var command = Command(text, parameters);
            using var reader = command.ExecuteReader();
            var rows = new List<T>();
            while (reader.Read())
            {
                rows.Add(read(reader));
            }

            return rows;
        }

        private SqliteCommand Command(string text, (string Name, object Value)[] parameters)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = text;
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }

            return command;
        }
    }
}
