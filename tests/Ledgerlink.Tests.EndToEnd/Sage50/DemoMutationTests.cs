using System.Globalization;
using Ledgerlink.DataTypes;
using Ledgerlink.EdgeAgent.Sage50.Access;
using Ledgerlink.EdgeAgent.Sage50.Demo;
using Ledgerlink.Testing.Processes;
using Microsoft.Data.Sqlite;

namespace Ledgerlink.Tests.Sage50;

/// <summary>
/// <c>ledgerlink-agent demo --splits/--mutate/--backup-to/--restore-older</c>: companies of a chosen size and seed,
/// changed deterministically, exactly as the mutation reports and nothing else, with the books still balancing.
/// </summary>
public sealed class DemoMutationTests : IDisposable
{
    private static readonly string[] UntouchedTables = ["COMPANY", "CURRENCY", "CHART_LIST", "CAT_TITLE", "CATEGORY", "TAX_CODE", "AUDIT_USAGE", DemoUserStore.TableName];

    private readonly string _root = Path.Combine(Path.GetTempPath(), "ledgerlink-mutate-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void The_same_seed_gives_the_same_mutation_and_another_seed_another()
    {
        var options = new DemoCompanyOptions(DemoCompanySize.Tiny * 4, Seed: 11);
        var mutation = new DemoMutationOptions(Edits: 4, Posts: 3, Deletes: 5, Seed: 21);
        var first = Generate("first", options);
        var second = Generate("second", options);
        var third = Generate("third", options);
        var generated = DemoCompanyChecksums.Compute(first);

        var a = DemoCompanyMutator.Mutate(first, mutation);
        var b = DemoCompanyMutator.Mutate(second, mutation);
        var c = DemoCompanyMutator.Mutate(third, mutation with { Seed = 22 });

        Assert.Equal(a.ToString(), b.ToString());
        Assert.Equal(a.Edited, b.Edited);
        Assert.Equal(DemoCompanyChecksums.Compute(first), DemoCompanyChecksums.Compute(second));
        Assert.NotEqual(generated, DemoCompanyChecksums.Compute(first));
        Assert.NotEqual(DemoCompanyChecksums.Compute(first), DemoCompanyChecksums.Compute(third));
    }

    [Fact]
    public async Task A_mutation_changes_exactly_what_it_reports_and_the_books_still_balance()
    {
        var company = Generate("company", new DemoCompanyOptions(DemoCompanySize.Small, Seed: 3));
        var before = Snapshot(company);
        var untouched = DemoCompanyChecksums.Compute(company);
        var journalBefore = await CountAsync(company, DataTypeNames.JournalEntries);

        var mutation = DemoCompanyMutator.Mutate(company, new DemoMutationOptions(Edits: 7, Posts: 5, Deletes: 9, Seed: 4));
        var after = Snapshot(company);

        Assert.Equal(7, mutation.Edited.Count);
        Assert.Equal(5, mutation.Posted.Count);
        Assert.Equal(9, mutation.Deleted.Count + mutation.Removed.Count);
        Assert.True(mutation.Removed.Count == 2, $"the Small company has idle accounts to remove: {mutation}");

        // The stamp is later than anything in the company before; every changed row carries it.
        var newestBefore = before.Values.SelectMany(t => t.Values).Select(r => r.GetValueOrDefault("RECORD_MODIFY_DATE") ?? "").Max(StringComparer.Ordinal)!;
        Assert.True(string.CompareOrdinal(mutation.Stamp, newestBefore) > 0, $"{mutation.Stamp} is not after {newestBefore}");

        // Customers and suppliers: the edited ones changed telephone and modify date only; the removed ones are gone.
        foreach (var table in new[] { "SALES_LEDGER", "PURCHASE_LEDGER" })
        {
            var edited = mutation.Edited.Where(e => e.StartsWith(table + "/", StringComparison.Ordinal)).Select(e => e[(table.Length + 1)..]).ToHashSet();
            var removed = mutation.Removed.Where(e => e.StartsWith(table + "/", StringComparison.Ordinal)).Select(e => e[(table.Length + 1)..]).ToHashSet();
            var diff = Diff(before[table], after[table], mutation.Stamp, ["TELEPHONE", "RECORD_MODIFY_DATE"]);
            Assert.Empty(diff.Added);
            Assert.Equal(removed.Order(), diff.Removed.Order());
            Assert.Equal(edited.Order(), diff.Changed.Order());
        }

        // The audit trail: new transactions after every existing number; deleted ones flagged, nothing else touched.
        var oldMaxHeader = before["AUDIT_HEADER"].Keys.Max(int.Parse);
        var oldMaxTran = before["AUDIT_SPLIT"].Keys.Max(int.Parse);
        Assert.All(mutation.Posted, h => Assert.True(h > oldMaxHeader));
        Assert.All(mutation.NewTranNumbers, t => Assert.True(t > oldMaxTran));
        Assert.Equal(mutation.NewTranNumbers.Order(), mutation.NewTranNumbers);
        Assert.Equal(mutation.Posted.Order(), mutation.Posted);
        var headers = Diff(before["AUDIT_HEADER"], after["AUDIT_HEADER"], mutation.Stamp, ["DELETED_FLAG", "RECORD_MODIFY_DATE"]);
        Assert.Equal(mutation.Posted.Select(Key), headers.Added.Order());
        Assert.Equal(mutation.Deleted.Select(Key).Order(), headers.Changed.Order());
        Assert.Empty(headers.Removed);
        Assert.All(mutation.Deleted, h => Assert.Equal("1", after["AUDIT_HEADER"][Key(h)]["DELETED_FLAG"]));
        var splits = Diff(before["AUDIT_SPLIT"], after["AUDIT_SPLIT"], mutation.Stamp, ["DELETED_FLAG", "RECORD_MODIFY_DATE"]);
        Assert.Equal(mutation.NewTranNumbers.Select(Key).Order(), splits.Added.Order());
        Assert.All(splits.Changed, t => Assert.Contains(int.Parse(after["AUDIT_SPLIT"][t]["HEADER_NUMBER"]!, CultureInfo.InvariantCulture), mutation.Deleted));
        var journal = Diff(before["AUDIT_JOURNAL"], after["AUDIT_JOURNAL"], mutation.Stamp, ["DELETED_FLAG", "RECORD_MODIFY_DATE"]);
        Assert.All(journal.Added, r => Assert.Contains(int.Parse(after["AUDIT_JOURNAL"][r]["HEADER_NUMBER"]!, CultureInfo.InvariantCulture), mutation.Posted));
        Assert.All(journal.Changed, r => Assert.Contains(int.Parse(after["AUDIT_JOURNAL"][r]["HEADER_NUMBER"]!, CultureInfo.InvariantCulture), mutation.Deleted));
        Assert.NotEmpty(journal.Added);
        Assert.Empty(journal.Removed);

        // Balances follow the postings (only the accounts reported, only balance and modify date), and still agree with the journal.
        var nominal = Diff(before["NOMINAL_LEDGER"], after["NOMINAL_LEDGER"], mutation.Stamp, ["BALANCE", "RECORD_MODIFY_DATE"]);
        Assert.NotEmpty(nominal.Changed);
        Assert.All(nominal.Changed, code => Assert.Contains(code, mutation.Rebalanced));
        var banks = Diff(before["BANK"], after["BANK"], mutation.Stamp, ["FOREIGN_BALANCE", "RECORD_MODIFY_DATE"]);
        Assert.All(banks.Changed, code => Assert.Contains(code, mutation.Rebalanced));
        AssertBooksBalance(company);

        var now = DemoCompanyChecksums.Compute(company);
        Assert.All(UntouchedTables, table => Assert.Equal(untouched[table], now[table]));

        // Through the readers: every posted transaction is a new journal entry, every deleted one is gone.
        Assert.Equal(journalBefore + mutation.Posted.Count - mutation.Deleted.Count, await CountAsync(company, DataTypeNames.JournalEntries));
    }

    [Fact]
    public async Task The_demo_command_writes_a_company_of_the_given_size_and_seed_mutates_it_and_restores_an_older_copy()
    {
        var first = Path.Combine(_root, "first");
        var second = Path.Combine(_root, "second");
        var backup = Path.Combine(_root, "backup");
        foreach (var folder in new[] { first, second })
        {
            var created = await DemoAsync("--splits", "1200", "--seed", "9", "--data-dir", folder);
            Assert.True(created.ExitCode == 0, created.StandardError);
            Assert.Contains("(seed 9)", created.StandardOutput, StringComparison.Ordinal);
        }

        var generated = DemoCompanyChecksums.Compute(first);
        Assert.Equal(generated, DemoCompanyChecksums.Compute(second));
        Assert.Equal(generated, DemoCompanyChecksums.Compute(Generate("library", new DemoCompanyOptions(1200, Seed: 9))));

        Assert.Equal(0, (await DemoAsync("--backup-to", backup, "--data-dir", first)).ExitCode);
        foreach (var folder in new[] { first, second })
        {
            var mutated = await DemoAsync("--mutate", "--edit", "3", "--post", "2", "--delete", "4", "--seed", "5", "--data-dir", folder);
            Assert.True(mutated.ExitCode == 0, mutated.StandardError);
            Assert.Contains("edited 3 records, posted 2 transactions", mutated.StandardOutput, StringComparison.Ordinal);
        }

        var changed = DemoCompanyChecksums.Compute(first);
        Assert.Equal(changed, DemoCompanyChecksums.Compute(second));
        Assert.NotEqual(generated, changed);
        AssertBooksBalance(first);

        var restored = await DemoAsync("--restore-older", backup, "--data-dir", first);
        Assert.True(restored.ExitCode == 0, restored.StandardError);
        Assert.Equal(generated, DemoCompanyChecksums.Compute(first));

        var bad = await DemoAsync("--mutate", "--edit", "many", "--data-dir", first);
        Assert.Equal(DemoCommand.BadArguments, bad.ExitCode);
        Assert.Contains("--edit must be a whole number", bad.StandardError, StringComparison.Ordinal);
        var tooMany = await DemoAsync("--mutate", "--edit", "100000", "--data-dir", first);
        Assert.Equal(DemoCommand.BadArguments, tooMany.ExitCode);
        Assert.Equal(generated, DemoCompanyChecksums.Compute(first));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static string Key(int number) => number.ToString(CultureInfo.InvariantCulture);

    private string Generate(string name, DemoCompanyOptions options)
    {
        var folder = Path.Combine(_root, name);
        DemoCompanyGenerator.Generate(folder, options);
        return folder;
    }

    private static async Task<ProcessResult> DemoAsync(params string[] arguments)
    {
        await using var process = ChildProcess.StartDotnet("agent demo", BuiltApplication.Agent, ["demo", .. arguments], ChildProcess.Environment([]));
        var exitCode = await process.WaitForExitAsync(TimeSpan.FromMinutes(2));
        return new ProcessResult(exitCode, process.StandardOutput, process.StandardError);
    }

    private static async Task<int> CountAsync(string company, string dataType)
    {
        var manifestLocation = new Sage50CompanyLocation(company, DemoCompanyOptions.ManagerUserName, "demo");
        await using var source = await new SqliteSage50DataSourceFactory().OpenAsync(manifestLocation, CancellationToken.None);
        var count = 0;
        await foreach (var _ in EdgeAgent.Sage50.Reading.Sage50Readers.Default.For(dataType).ReadAsync(source, CancellationToken.None))
        {
            count++;
        }

        return count;
    }

    /// <summary>Rows that were added, removed, or changed; a changed row may differ only in the allowed columns, and must carry the stamp.</summary>
    private static (List<string> Added, List<string> Removed, List<string> Changed) Diff(
        Dictionary<string, Dictionary<string, string?>> before, Dictionary<string, Dictionary<string, string?>> after, string stamp, string[] allowed)
    {
        var changed = new List<string>();
        foreach (var (key, row) in before)
        {
            if (!after.TryGetValue(key, out var now))
            {
                continue;
            }

            var differing = row.Keys.Where(c => row[c] != now[c]).ToList();
            if (differing.Count == 0)
            {
                continue;
            }

            Assert.True(differing.All(allowed.Contains), $"row {key}: {string.Join(", ", differing)} changed, only {string.Join(", ", allowed)} may");
            Assert.Equal(stamp, now["RECORD_MODIFY_DATE"]);
            changed.Add(key);
        }

        return (after.Keys.Except(before.Keys).ToList(), before.Keys.Except(after.Keys).ToList(), changed);
    }

    private static Dictionary<string, Dictionary<string, Dictionary<string, string?>>> Snapshot(string company)
    {
        var keys = new Dictionary<string, string>
        {
            ["SALES_LEDGER"] = "ACCOUNT_REF",
            ["PURCHASE_LEDGER"] = "ACCOUNT_REF",
            ["NOMINAL_LEDGER"] = "ACCOUNT_REF",
            ["BANK"] = "ACCOUNT_REF",
            ["AUDIT_HEADER"] = "HEADER_NUMBER",
            ["AUDIT_SPLIT"] = "TRAN_NUMBER",
            ["AUDIT_JOURNAL"] = "rowid",
        };
        using var connection = Open(company);
        var tables = new Dictionary<string, Dictionary<string, Dictionary<string, string?>>>();
        foreach (var (table, key) in keys)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {key} AS ROW_KEY, * FROM {table}";
            using var reader = command.ExecuteReader();
            var rows = new Dictionary<string, Dictionary<string, string?>>();
            while (reader.Read())
            {
                var row = new Dictionary<string, string?>(StringComparer.Ordinal);
                for (var i = 1; i < reader.FieldCount; i++)
                {
                    row[reader.GetName(i)] = reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture);
                }

                rows[Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!] = row;
            }

            tables[table] = rows;
        }

        return tables;
    }

    /// <summary>Every nominal balance equals its live journal lines to the penny, and every bank's balance its nominal's.</summary>
    private static void AssertBooksBalance(string company)
    {
        using var connection = Open(company);
        using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT N.ACCOUNT_REF, ROUND(N.BALANCE * 100), ROUND(COALESCE((SELECT SUM(AMOUNT) FROM AUDIT_JOURNAL J WHERE J.NOMINAL_CODE = N.ACCOUNT_REF AND J.DELETED_FLAG = 0), 0) * 100), "
            + "(SELECT ROUND(FOREIGN_BALANCE * 100) FROM BANK B WHERE B.ACCOUNT_REF = N.ACCOUNT_REF) FROM NOMINAL_LEDGER N";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            Assert.True(reader.GetDouble(1) == reader.GetDouble(2), $"{reader.GetString(0)}: balance {reader.GetDouble(1)}p, journal {reader.GetDouble(2)}p");
            Assert.True(reader.IsDBNull(3) || reader.GetDouble(3) == reader.GetDouble(1), $"bank {reader.GetString(0)} disagrees with its nominal account");
        }
    }

    private static SqliteConnection Open(string company)
    {
        var connection = new SqliteConnection($"Data Source={DemoCompanyMutator.DatabaseFile(company)};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return connection;
    }
}
