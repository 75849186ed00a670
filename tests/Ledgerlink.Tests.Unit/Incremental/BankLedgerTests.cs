using Ledgerlink.EdgeAgent.Sage50.Reading;
using Ledgerlink.EdgeAgent.Sync.Incremental;

namespace Ledgerlink.Tests.Incremental;

/// <summary>
/// The bank postings a read keeps beside its digests (<see cref="BankLedger"/>): they survive the digest file, a file
/// from an agent before them still reads (with no ledger, so the next delta reads every posting), and a delta replaces
/// whole transactions while keeping statement order.
/// </summary>
public sealed class BankLedgerTests
{
    private static readonly long Day1 = new DateTime(2026, 1, 1).Ticks, Day2 = new DateTime(2026, 1, 2).Ticks;

    [Fact]
    public void The_ledger_survives_the_digest_file_and_older_files_read_without_one()
    {
        var digests = new RecordDigests();
        digests.ById["1"] = 11;
        digests.Context["tax"] = "T1";
        digests.BankLedger = Ledger(("1200", [new BankPosting(Day1, 1, 1, 10.50m, true), new BankPosting(Day2, 2, 3, -0.25m, false)]), ("1210", []));

        using var file = new MemoryStream();
        digests.WriteTo(file);
        file.Position = 0;
        var read = RecordDigests.ReadFrom(file)!;
        Assert.Equal(digests.ById, read.ById);
        Assert.Equal(digests.Context, read.Context);
        Assert.Equal("FOREIGN_AMOUNT", read.BankLedger!.AmountColumn);
        Assert.Equal(digests.BankLedger.Postings["1200"], read.BankLedger.Postings["1200"]);
        Assert.Empty(read.BankLedger.Postings["1210"]);
        Assert.Equal(10.50m.Scale, read.BankLedger.Postings["1200"][0].Amount.Scale);

        // A file cut inside its ledger is no digest file at all.
        file.SetLength(file.Length - 5);
        file.Position = 0;
        Assert.Null(RecordDigests.ReadFrom(file));

        // Written by an agent before ledgers ("LLD2"): digests and context, no ledger.
        using var older = new MemoryStream();
        using (var writer = new BinaryWriter(older, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(0x3244_4C4Cu);
            writer.Write(1);
            writer.Write("1");
            writer.Write(11UL);
            writer.Write(0);
        }

        older.Position = 0;
        var old = RecordDigests.ReadFrom(older)!;
        Assert.Equal(11UL, old.ById["1"]);
        Assert.Null(old.BankLedger);
    }

    [Fact]
    public void A_version_nothing_changed_in_keeps_its_base_s_ledger()
    {
        var digests = new RecordDigests { BankLedger = Ledger(("1200", [new BankPosting(Day1, 1, 1, 1m, true)])) };
        digests.ById["1"] = 1;
        var unchanged = new DeltaFilter(digests, 0);
        unchanged.KeepBase();
        Assert.Same(digests.BankLedger, unchanged.Seen.BankLedger);
    }

    [Fact]
    public void A_delta_replaces_whole_transactions_in_statement_order_and_shares_untouched_accounts()
    {
        BankPosting[] untouched = [new(Day1, 9, 90, 5m, true)];
        var before = Ledger(
            ("1200", [new(Day1, 1, 10, 100m, true), new(Day1, 2, 20, -30m, true), new(Day2, 3, 30, -20m, false), new(Day2, 4, 40, 7m, true)]),
            ("1210", untouched));

        // Transaction 2 moved to the second day and split in two; transaction 3 deleted; transaction 5 new on the first day.
        var after = before.With(new HeaderScope([2, 3, 5]),
        [
            ("1200", new BankPosting(Day2, 2, 21, -10m, true)),
            ("1200", new BankPosting(Day2, 2, 20, -20m, true)),
            ("1200", new BankPosting(Day1, 5, 50, 1m, true)),
        ]);

        Assert.Equal([(1, 10), (5, 50), (2, 20), (2, 21), (4, 40)], after.Postings["1200"].Select(p => (p.Header, p.Tran)));
        Assert.Same(untouched, after.Postings["1210"]);
        Assert.Equal(4, before.Postings["1200"].Length);
        Assert.Equal(new Dictionary<int, decimal> { [1] = 100m, [5] = 101m, [2] = 71m, [4] = 78m }, BankLedger.BalancesAfter(after.Postings["1200"]));

        Assert.True(after.Covers(["1200", "1210"], "FOREIGN_AMOUNT"));
        Assert.False(after.Covers(["1200"], "FOREIGN_AMOUNT"));
        Assert.False(after.Covers(["1200", "1220"], "FOREIGN_AMOUNT"));
        Assert.False(after.Covers(["1200", "1210"], "AMOUNT"));
    }

    [Fact]
    public void Postings_out_of_statement_order_are_sorted_and_ordered_ones_kept()
    {
        List<BankPosting> ordered = [new(Day1, 1, 1, 1m, true), new(Day1, 1, 2, 1m, true), new(Day1, 2, 0, 1m, true), new(Day2, 0, 0, 1m, true)];
        Assert.Equal(ordered, BankLedger.InStatementOrder(ordered));
        List<BankPosting> shuffled = [ordered[3], ordered[1], ordered[2], ordered[0]];
        Assert.Equal(ordered, BankLedger.InStatementOrder(shuffled));
    }

    private static BankLedger Ledger(params (string Bank, BankPosting[] Postings)[] accounts) =>
        new("FOREIGN_AMOUNT", accounts.ToDictionary(a => a.Bank, a => a.Postings));
}
