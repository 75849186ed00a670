using Ledgerlink.Companies;
using Ledgerlink.Grains.Companies;
using Ledgerlink.Grains.Companies.Generations;
using Ledgerlink.PullOperations;

namespace Ledgerlink.Tests.Companies;

/// <summary>The data generation rules on their own: no cluster, no storage, a clock the test moves.</summary>
public sealed class DataGenerationsTests
{
    private readonly StoppedClock _time = new();
    private readonly DataGenerationOptions _options = new() { RetiredRetention = TimeSpan.FromDays(7), AuditLimit = 500 };
    private readonly CompanyState _company = new()
    {
        TenantId = "tenant",
        Profile = new CompanyProfile("Acme Ltd", null, "owner@acme.test", new Dictionary<string, string>(), BankFeedsConnected: false),
    };

    private DataGenerations Generations => new(_company, _options, _time);

    [Fact]
    public void A_new_company_reads_never_synced_on_generation_zero()
    {
        var target = Generations.ReadTarget("invoices");

        Assert.Equal(0, target.Generation);
        Assert.Null(target.Dataset);
        Assert.True(target.NeverSynced);
        Assert.Equal((DataChangeRefusal.NothingToRestore, "There is nothing to restore: the company's data has never been reset."),
            Generations.RestoreRefusal);
        Assert.Null(Generations.ResetRefusal);
    }

    [Fact]
    public void Reset_empties_the_data_keeps_it_restorable_and_audits_it()
    {
        var invoices = Commit("invoices", records: 40);
        Commit("customers", records: 2);

        var entry = Generations.Reset("support@tenant", cancelledSyncs: 1, _time.GetUtcNow());

        Assert.Equal((DataAuditAction.Reset, "support@tenant", 0L, 1L, 2, 42L, 1),
            (entry.Action, entry.Actor, entry.FromGeneration, entry.ToGeneration, entry.Datasets, entry.Records, entry.CancelledSyncs));
        var target = Generations.ReadTarget("invoices");
        Assert.Equal(1, target.Generation);
        Assert.Null(target.Dataset);
        Assert.False(target.NeverSynced); // empty because of the reset, not because nothing was ever synced
        Assert.Null(_company.DataTypes["invoices"].LatestSuccessfulPullOperationId);
        Assert.Equal(new DataGenerationInfo(1, 0, _time.GetUtcNow(), null, 0), Generations.Info);
        Assert.Equal(1, Generations.RetiredByRestore);
        Assert.Equal(invoices, _company.DataGenerations.Restorable!.DataTypes["invoices"].Committed);
        Assert.Equal([entry], Generations.AuditTrail);
    }

    [Fact]
    public void Restore_brings_back_the_data_of_before_the_reset_and_retires_what_came_after()
    {
        var before = Commit("invoices", records: 40);
        Generations.Reset("owner", cancelledSyncs: 0, _time.GetUtcNow());
        var after = Commit("invoices", records: 3);

        Assert.Equal(1, Generations.RetiredByRestore);
        var entry = Generations.Restore("owner", cancelledSyncs: 0, _time.GetUtcNow());

        Assert.Equal((DataAuditAction.Restore, 1L, 0L, 1, 40L), (entry.Action, entry.FromGeneration, entry.ToGeneration, entry.Datasets, entry.Records));
        var target = Generations.ReadTarget("invoices");
        Assert.Equal((0L, before), (target.Generation, target.Dataset));
        Assert.Equal(before.DatasetId, _company.DataTypes["invoices"].LatestSuccessfulPullOperationId);
        var retired = Assert.Single(_company.DataGenerations.Retired);
        Assert.Equal((1L, after), (retired.Number, retired.DataTypes["invoices"].Committed));
        Assert.True(Generations.IsRetired(1));
        Assert.Equal(2, Generations.AuditTrail.Count);
        Assert.Equal(DataAuditAction.Restore, Generations.AuditTrail[0].Action);
    }

    [Fact]
    public void A_second_restore_and_a_reset_with_bank_feeds_are_refused_and_change_nothing()
    {
        Commit("invoices", records: 1);
        Generations.Reset("owner", cancelledSyncs: 0, _time.GetUtcNow());
        Generations.Restore("owner", cancelledSyncs: 0, _time.GetUtcNow());

        Assert.Equal(DataChangeRefusal.NothingToRestore, Generations.RestoreRefusal?.Refusal);
        Assert.Contains("already been restored", Generations.RestoreRefusal?.Reason, StringComparison.Ordinal);
        Assert.Null(Generations.RetiredByRestore);
        Assert.Throws<InvalidOperationException>(() => Generations.Restore("owner", cancelledSyncs: 0, _time.GetUtcNow()));

        _company.Profile = _company.Profile! with { BankFeedsConnected = true };
        Assert.Equal(DataChangeRefusal.BankFeedsConnected, Generations.ResetRefusal?.Refusal);
        Assert.Throws<InvalidOperationException>(() => Generations.Reset("owner", cancelledSyncs: 0, _time.GetUtcNow()));
        Assert.Equal(0, _company.DataGenerations.Current);
        Assert.Equal(2, Generations.AuditTrail.Count);
    }

    [Fact]
    public void A_second_reset_opens_a_never_seen_generation_and_retires_the_old_restore_point()
    {
        Commit("invoices", records: 1);
        Generations.Reset("owner", cancelledSyncs: 0, _time.GetUtcNow());
        Assert.False(Generations.IsRetired(0));
        Assert.Equal(0, Generations.RetiredByReset);

        Generations.Reset("owner", cancelledSyncs: 0, _time.GetUtcNow());

        Assert.Equal(2, _company.DataGenerations.Current);
        Assert.Equal(1, _company.DataGenerations.Restorable!.Number);
        Assert.True(Generations.IsRetired(0));

        // Back to 1, then a reset again: numbers are never reused.
        Generations.Restore("owner", cancelledSyncs: 0, _time.GetUtcNow());
        Generations.Reset("owner", cancelledSyncs: 0, _time.GetUtcNow());
        Assert.Equal(3, _company.DataGenerations.Current);
    }

    [Fact]
    public void Retired_generations_expire_only_after_the_retention_period_and_their_deletion_is_audited()
    {
        Commit("invoices", records: 5);
        Generations.Reset("owner", cancelledSyncs: 0, _time.GetUtcNow());
        Generations.Reset("owner", cancelledSyncs: 0, _time.GetUtcNow()); // generation 0 is retired now

        _time.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        Assert.Empty(Generations.Expired());

        _time.Advance(TimeSpan.FromMinutes(1));
        var expired = Assert.Single(Generations.Expired());
        Assert.Equal(0, expired.Number);

        var entry = Generations.Deleted(expired);

        Assert.Equal((DataAuditAction.GenerationDeleted, DataGenerations.RetentionActor, 0L, 2L, 1, 5L),
            (entry.Action, entry.Actor, entry.FromGeneration, entry.ToGeneration, entry.Datasets, entry.Records));
        Assert.False(Generations.IsRetired(0));
        Assert.Empty(Generations.Expired());
        Assert.Throws<InvalidOperationException>(() => Generations.Deleted(expired));

        // The restore point is never deleted, however old.
        _time.Advance(TimeSpan.FromDays(365));
        Assert.Empty(Generations.Expired());
        Assert.Equal(1, _company.DataGenerations.Restorable!.Number);
    }

    [Fact]
    public void A_generation_retires_at_the_time_given_so_an_alarm_armed_after_that_time_never_fires_early()
    {
        Commit("invoices", records: 1);
        Generations.Reset("owner", cancelledSyncs: 0, _time.GetUtcNow());

        // The grain takes the time, then arms the deletion alarm for that time plus the retention, which takes a while.
        var taken = _time.GetUtcNow();
        _time.Advance(TimeSpan.FromSeconds(5));
        Generations.Reset("owner", cancelledSyncs: 0, taken);

        // The alarm fires at taken + 7 days: generation 0 is due then, not a moment later.
        _time.Advance(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(5));
        Assert.Equal(0, Assert.Single(Generations.Expired()).Number);
    }

    [Fact]
    public void The_audit_trail_is_newest_first_and_bounded()
    {
        _options.AuditLimit = 3;
        for (var i = 0; i < 5; i++)
        {
            Generations.Reset($"owner{i}", cancelledSyncs: 0, _time.GetUtcNow());
        }

        Assert.Equal(["owner4", "owner3", "owner2"], Generations.AuditTrail.Select(e => e.Actor));
    }

    private CommittedDataset Commit(string dataType, long records)
    {
        var id = Guid.NewGuid().ToString();
        var dataset = new CommittedDataset(id, dataType, $"blob/{id}", records, [new DatasetBlock(0, 10, checked((int)records))], _time.GetUtcNow());
        var status = _company.DataType(dataType);
        status.Committed = dataset;
        status.LatestSuccessfulPullOperationId = id;
        status.LastSuccessfulSync = dataset.CommittedAt;
        return dataset;
    }

    /// <summary>A clock that stands still until the test moves it, so times can be compared exactly.</summary>
    private sealed class StoppedClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
