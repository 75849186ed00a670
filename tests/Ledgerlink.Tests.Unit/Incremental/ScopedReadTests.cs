using System.Globalization;
using System.Text;
using Ledgerlink.EdgeAgent.Sage50.Access;
using Ledgerlink.EdgeAgent.Sage50.Demo;
using Ledgerlink.EdgeAgent.Sage50.Reading;
using Ledgerlink.EdgeAgent.Sync.Incremental;
using Microsoft.Data.Sqlite;

namespace Ledgerlink.Tests.Incremental;

/// <summary>
/// An incremental sync of an audit-trail data type reads only the transactions that changed (and those a change
/// reaches) instead of the whole audit trail. Against a real demo company, changed the way Sage changes it, the delta
/// built from that scoped read must be exactly the delta a whole read gives: same records sent, same removals, same
/// digests kept for the next sync; and the scope must stay a small part of the company.
/// </summary>
public sealed class ScopedReadTests : IDisposable
{
    private const int Splits = 6_000;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "ledgerlink-scoped-" + Guid.NewGuid().ToString("N"));

    private static readonly List<string> ScopedDataTypes =
        [.. Sage50Readers.Default.DataTypes.Where(d => Sage50Readers.Default.For(d) is IHeaderScopedReader).Order(StringComparer.Ordinal)];

    [Fact]
    public void Every_audit_trail_data_type_reads_scoped()
    {
        Assert.Equal(
            ["bankTransactions", "billCreditNotes", "billPayments", "bills", "creditNotes", "invoices", "journalEntries", "payments"],
            ScopedDataTypes);
    }

    [Fact]
    public async Task Edits_new_postings_deletions_and_removed_accounts_give_the_whole_read_s_delta()
    {
        await AssertScopedDeltaIsExactAsync(seed: 21, (file, stamp) =>
        {
            var mutation = DemoCompanyMutator.Mutate(Path.GetDirectoryName(Path.GetDirectoryName(file))!, new DemoMutationOptions(Edits: 20, Posts: 12, Deletes: 16, Seed: 3));
            Assert.NotEmpty(mutation.Deleted);
        });
    }

    [Fact]
    public async Task A_renamed_account_and_customer_reach_every_transaction_that_shows_their_names()
    {
        await AssertScopedDeltaIsExactAsync(seed: 22, (file, stamp) =>
        {
            Execute(file, "UPDATE NOMINAL_LEDGER SET NAME = 'Renamed account', RECORD_MODIFY_DATE = $stamp WHERE ACCOUNT_REF = (SELECT NOMINAL_CODE FROM AUDIT_SPLIT GROUP BY NOMINAL_CODE ORDER BY COUNT(*), NOMINAL_CODE LIMIT 1)", stamp);
            Execute(file, "UPDATE SALES_LEDGER SET NAME = 'Renamed customer', RECORD_MODIFY_DATE = $stamp WHERE ACCOUNT_REF = (SELECT ACCOUNT_REF FROM AUDIT_HEADER WHERE TYPE = 'SI' GROUP BY ACCOUNT_REF ORDER BY COUNT(*), ACCOUNT_REF LIMIT 1)", stamp);
        });
    }

    [Fact]
    public async Task An_edited_payment_reaches_the_invoices_it_paid_and_an_edited_invoice_the_payments_that_paid_it()
    {
        await AssertScopedDeltaIsExactAsync(seed: 23, (file, stamp) =>
        {
            // An allocation changed on its own row only: both the document and the payment show its amount.
            Execute(file, "UPDATE AUDIT_USAGE SET FOREIGN_AMOUNT = FOREIGN_AMOUNT - 0.01, RECORD_MODIFY_DATE = $stamp WHERE USAGE_NUMBER = (SELECT USAGE_NUMBER FROM AUDIT_USAGE WHERE DELETED_FLAG = 0 AND FOREIGN_AMOUNT > 1 ORDER BY USAGE_NUMBER LIMIT 1 OFFSET (SELECT COUNT(*) / 2 FROM AUDIT_USAGE))", stamp);
            // A receipt's reference shows on each invoice it paid (paymentAllocations[].payment.reference).
            Execute(file, "UPDATE AUDIT_HEADER SET INV_REF = 'EDITED', RECORD_MODIFY_DATE = $stamp WHERE HEADER_NUMBER = (SELECT MIN(HEADER_NUMBER) FROM AUDIT_HEADER WHERE TYPE = 'SR')", stamp);
            // A deleted invoice leaves the payments that paid it (they list live documents only).
            Execute(file, "UPDATE AUDIT_HEADER SET DELETED_FLAG = 1, RECORD_MODIFY_DATE = $stamp WHERE HEADER_NUMBER = (SELECT MAX(s.HEADER_NUMBER) FROM AUDIT_SPLIT s JOIN AUDIT_USAGE u ON u.SPLIT_CROSSREF = s.TRAN_NUMBER WHERE s.TYPE = 'SI')", stamp);
            Execute(file, "UPDATE AUDIT_SPLIT SET DELETED_FLAG = 1, RECORD_MODIFY_DATE = $stamp WHERE HEADER_NUMBER = (SELECT MAX(s.HEADER_NUMBER) FROM AUDIT_SPLIT s JOIN AUDIT_USAGE u ON u.SPLIT_CROSSREF = s.TRAN_NUMBER WHERE s.TYPE = 'SI')", stamp);
            // The first bank payment's postings moved to the last day in place: every running balance between moves,
            // though nothing changed at the place it left.
            Execute(file, "UPDATE AUDIT_JOURNAL SET DATE = (SELECT MAX(DATE) FROM AUDIT_JOURNAL), RECORD_MODIFY_DATE = $stamp WHERE HEADER_NUMBER = (SELECT MIN(HEADER_NUMBER) FROM AUDIT_HEADER WHERE TYPE = 'BP' AND DELETED_FLAG = 0)", stamp);
        });
    }

    [Fact]
    public async Task A_changed_setting_or_digests_without_context_mean_a_whole_read()
    {
        var location = DemoCompanyGenerator.LocationOf(DemoCompanyGenerator.Generate(Path.Combine(_root, "settings"), new DemoCompanyOptions(DemoCompanySize.Tiny, Seed: 24)));
        Dictionary<string, string> before;
        await using (var source = await new SqliteSage50DataSourceFactory().OpenAsync(location, CancellationToken.None))
        {
            before = await SageReadContext.TakeAsync(source, CancellationToken.None);
        }

        Execute(DemoCompanyMutator.DatabaseFile(location.DataDirectory), "UPDATE TAX_CODE SET TAX_RATE = TAX_RATE + 1 WHERE TAX_CODE = (SELECT MIN(TAX_CODE) FROM TAX_CODE)");
        await using (var source = await new SqliteSage50DataSourceFactory().OpenAsync(location, CancellationToken.None))
        {
            var now = await SageReadContext.TakeAsync(source, CancellationToken.None);
            Assert.Null(SageReadContext.ChangedReferences(before, now));
            Assert.True(SageReadContext.ChangedReferences(now, now)!.IsEmpty);
            Assert.Null(SageReadContext.ChangedReferences(new Dictionary<string, string>(), now));
        }
    }

    [Fact]
    public async Task A_probe_against_a_date_no_row_reaches_gives_the_exact_watermark_and_no_modified_rows()
    {
        var location = DemoCompanyGenerator.LocationOf(DemoCompanyGenerator.Generate(Path.Combine(_root, "restored"), new DemoCompanyOptions(DemoCompanySize.Tiny, Seed: 25)));
        await using var source = await Open(location);
        var exact = await SageWatermarkProbe.TakeAsync(source, DateTimeOffset.UtcNow, CancellationToken.None);

        // A committed version newer than the data, as after restoring an older backup: every table is asked its MAX.
        var restored = await SageWatermarkProbe.TakeAsync(source, exact.TakenAt, exact.MaxModified!.Value.AddDays(1), CancellationToken.None);
        Assert.Equal(exact, restored.Watermark);
        Assert.Empty(restored.Modified!.Headers);
        Assert.Empty(restored.Modified.UsageSplits);

        // Against the company's own newest date: the transactions last written, and still the same watermark.
        var latest = await SageWatermarkProbe.TakeAsync(source, exact.TakenAt, exact.MaxModified.Value, CancellationToken.None);
        Assert.Equal(exact, latest.Watermark);
        Assert.NotEmpty(latest.Modified!.Headers);
    }

    private async Task AssertScopedDeltaIsExactAsync(int seed, Action<string, string> change)
    {
        var manifest = DemoCompanyGenerator.Generate(Path.Combine(_root, seed.ToString(CultureInfo.InvariantCulture)), new DemoCompanyOptions(Splits, Seed: seed));
        var location = DemoCompanyGenerator.LocationOf(manifest);
        var readers = ScopedDataTypes.Select(d => (IHeaderScopedReader)Sage50Readers.Default.For(d)).ToList();

        // The committed version: every record's digest, the context, and the watermark taken before reading.
        var bases = new Dictionary<string, RecordDigests>(StringComparer.Ordinal);
        ChangeWindow window;
        await using (var source = await Open(location))
        {
            var watermark = await SageWatermarkProbe.TakeAsync(source, DateTimeOffset.UtcNow, CancellationToken.None);
            window = new ChangeWindow(watermark.MaxModified!.Value, watermark.MaxTranNumber);
            var context = await SageReadContext.TakeAsync(source, CancellationToken.None);
            foreach (var reader in readers)
            {
                var filter = new DeltaFilter(null, 0);
                var read = reader is IBankLedgerReader bank
                    ? bank.ReadAsync(source, new BankLedgerHandoff(null, (kept, _) => filter.Seen.BankLedger = kept), CancellationToken.None)
                    : reader.ReadAsync(source, CancellationToken.None);
                await foreach (var _ in filter.ApplyAsync(read, CancellationToken.None))
                {
                }

                foreach (var (key, value) in context)
                {
                    filter.Seen.Context[key] = value;
                }

                bases[reader.DataType] = filter.Seen;
            }
        }

        var stamp = window.Since.AddDays(1).ToString("yyyy-MM-dd 10:00:00", CultureInfo.InvariantCulture);
        change(DemoCompanyMutator.DatabaseFile(location.DataDirectory), stamp);

        await using (var source = await Open(location))
        {
            var context = await SageReadContext.TakeAsync(source, CancellationToken.None);
            var renamed = SageReadContext.ChangedReferences(bases[readers[0].DataType].Context, context);
            Assert.NotNull(renamed);
            var scope = await ChangedTransactions.FindAsync(source, window, renamed, CancellationToken.None);
            Assert.NotNull(scope);
            Assert.NotEqual(0, scope.Count);

            // The watermark probe taken against the committed version reads each large audit table once: the rows it
            // finds modified start the same search, and its watermark is the one a whole-table probe gives.
            var probe = await SageWatermarkProbe.TakeAsync(source, DateTimeOffset.UtcNow, window.Since, CancellationToken.None);
            Assert.NotNull(probe.Modified);
            var exact = await SageWatermarkProbe.TakeAsync(source, DateTimeOffset.UtcNow, CancellationToken.None);
            Assert.Equal(exact with { TakenAt = probe.Watermark.TakenAt }, probe.Watermark);
            var fromProbe = await ChangedTransactions.FindAsync(source, window, renamed, probe.Modified, CancellationToken.None);
            Assert.Equal(scope.Headers, fromProbe!.Headers);
            var headers = await CountAsync(source, "SELECT COUNT(*) FROM AUDIT_HEADER");
            Assert.True(scope.Count * 5 < headers, $"the scope holds {scope.Count} of {headers} transactions: not a small part of the company");

            var changedSomewhere = 0;
            foreach (var reader in readers)
            {
                var whole = new DeltaFilter(bases[reader.DataType], 0);
                var wholeRead = reader is IBankLedgerReader wholeBank
                    ? wholeBank.ReadAsync(source, new BankLedgerHandoff(null, (kept, _) => whole.Seen.BankLedger = kept), CancellationToken.None)
                    : reader.ReadAsync(source, CancellationToken.None);
                var expected = await SentAsync(whole.ApplyAsync(wholeRead, CancellationToken.None));
                var scoped = new DeltaFilter(bases[reader.DataType], 0);
                var actual = await SentAsync(scoped.ApplyScopedAsync(reader.ReadAsync(source, scope, window, CancellationToken.None), scope, CancellationToken.None));
                AssertSameDelta(reader.DataType + " (scoped)", whole, expected, scoped, actual);
                changedSomewhere += expected.Count;

                if (reader is IBankLedgerReader bank)
                {
                    // Built on the postings the base's read kept instead of reading every posting again: the same delta,
                    // and the ledger it keeps is the one a whole read of the changed company keeps, so the next delta is exact too.
                    var baseLedger = bases[reader.DataType].BankLedger;
                    Assert.NotNull(baseLedger);
                    var onLedger = new DeltaFilter(bases[reader.DataType], 0);
                    var handoff = new BankLedgerHandoff(baseLedger, (kept, _) => onLedger.Seen.BankLedger = kept);
                    var fromLedger = await SentAsync(onLedger.ApplyScopedAsync(bank.ReadAsync(source, scope, window, handoff, CancellationToken.None), scope, CancellationToken.None));
                    Assert.True(handoff.BuiltOnPrevious, "the delta read every posting again instead of building on the base's ledger");
                    AssertSameDelta(reader.DataType + " (on the ledger)", whole, expected, onLedger, fromLedger);
                    AssertSameLedger(whole.Seen.BankLedger, onLedger.Seen.BankLedger);
                    Assert.NotSame(baseLedger, onLedger.Seen.BankLedger);

                    // A ledger read from other bank accounts or another amount column is not built on: every posting is read.
                    var other = new BankLedger("AMOUNT_IN_ANOTHER_COLUMN", baseLedger.Postings);
                    var passed = new DeltaFilter(bases[reader.DataType], 0);
                    var refused = new BankLedgerHandoff(other, (kept, _) => passed.Seen.BankLedger = kept);
                    var fromPass = await SentAsync(passed.ApplyScopedAsync(bank.ReadAsync(source, scope, window, refused, CancellationToken.None), scope, CancellationToken.None));
                    Assert.False(refused.BuiltOnPrevious);
                    AssertSameDelta(reader.DataType + " (another ledger)", whole, expected, passed, fromPass);
                    AssertSameLedger(whole.Seen.BankLedger, passed.Seen.BankLedger);
                }
            }

            Assert.True(changedSomewhere > 0, "the change reached no record: the test shows nothing");
        }
    }

    private static void AssertSameDelta(string what, DeltaFilter whole, SortedDictionary<string, string> expected, DeltaFilter scoped, SortedDictionary<string, string> actual)
    {
        Assert.True(expected.SequenceEqual(actual), $"{what}: the delta sent [{string.Join(", ", actual.Keys)}], a whole read's delta [{string.Join(", ", expected.Keys)}]");
        Assert.Equal(whole.Added, scoped.Added);
        Assert.Equal(whole.Removed, scoped.Removed);
        Assert.Equal(whole.Seen.ById.OrderBy(p => p.Key, StringComparer.Ordinal), scoped.Seen.ById.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    private static void AssertSameLedger(BankLedger? expected, BankLedger? actual)
    {
        Assert.NotNull(expected);
        Assert.NotNull(actual);
        Assert.Equal(expected.AmountColumn, actual.AmountColumn);
        Assert.Equal(expected.Postings.Keys.Order(StringComparer.Ordinal), actual.Postings.Keys.Order(StringComparer.Ordinal));
        foreach (var (bank, postings) in expected.Postings)
        {
            Assert.Equal(postings, actual.Postings[bank]);
        }
    }

    private static async Task<SortedDictionary<string, string>> SentAsync(IAsyncEnumerable<Sage50Record> records)
    {
        var sent = new SortedDictionary<string, string>(StringComparer.Ordinal);
        await foreach (var record in records)
        {
            Assert.True(sent.TryAdd(record.Id, Encoding.UTF8.GetString(record.Json.Span)), $"record {record.Id} was sent twice");
        }

        return sent;
    }

    private static Task<ISage50DataSource> Open(Sage50CompanyLocation location) =>
        new SqliteSage50DataSourceFactory().OpenAsync(location, CancellationToken.None);

    private static async Task<long> CountAsync(ISage50DataSource source, string sql)
    {
        await using var reader = await source.ExecuteReaderAsync(sql, CancellationToken.None);
        Assert.True(await reader.ReadAsync());
        return Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture);
    }

    private static void Execute(string file, string sql, string? stamp = null)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (stamp is not null)
        {
            command.Parameters.AddWithValue("$stamp", stamp);
        }

        Assert.True(command.ExecuteNonQuery() > 0, $"the change changed nothing: {sql}");
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
