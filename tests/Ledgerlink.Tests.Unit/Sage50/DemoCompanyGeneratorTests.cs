using Ledgerlink.DataTypes;
using Ledgerlink.EdgeAgent.Sage50.Access;
using Ledgerlink.EdgeAgent.Sage50.Demo;
using Ledgerlink.Testing.Sage50;

namespace Ledgerlink.Tests.Sage50;

public sealed class DemoCompanyGeneratorTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ledgerlink-sage50-gen-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void The_same_seed_gives_the_same_company_and_another_seed_a_different_one()
    {
        var first = DemoCompanyGenerator.Generate(Path.Combine(_root, "a"), new DemoCompanyOptions(2_000, Seed: 11));
        var second = DemoCompanyGenerator.Generate(Path.Combine(_root, "b"), new DemoCompanyOptions(2_000, Seed: 11));
        var other = DemoCompanyGenerator.Generate(Path.Combine(_root, "c"), new DemoCompanyOptions(2_000, Seed: 12));

        var checksums = DemoCompanyChecksums.Compute(Path.Combine(_root, "a"));
        Assert.Equal(checksums, DemoCompanyChecksums.Compute(Path.Combine(_root, "b")));
        var otherChecksums = DemoCompanyChecksums.Compute(Path.Combine(_root, "c"));
        Assert.NotEqual(checksums["AUDIT_SPLIT"], otherChecksums["AUDIT_SPLIT"]);
        Assert.NotEqual(checksums["SALES_LEDGER"], otherChecksums["SALES_LEDGER"]);

        Assert.Equal(first.RecordCounts, second.RecordCounts);
        Assert.Equal(first.ControlTotals, second.ControlTotals);
        Assert.Equal(first.TrialBalance, second.TrialBalance);
        Assert.NotEqual(first.ControlTotals, other.ControlTotals);
    }

    [Theory]
    [InlineData(DemoCompanySize.Tiny)]
    [InlineData(3_000)]
    public void The_size_parameter_sets_the_number_of_splits(int target)
    {
        var manifest = DemoCompanyGenerator.Generate(_root, new DemoCompanyOptions(target, Seed: 5));

        // It stops at the first transaction past the target, then posts the receipts already due.
        Assert.InRange(manifest.SplitCount, target, target + (target / 5) + 20);
        Assert.Equal(DataTypeNames.All.OrderBy(d => d), manifest.RecordCounts.Keys.OrderBy(d => d));
        Assert.All(DataTypeNames.All, d => Assert.True(manifest.RecordCounts[d] > 0, $"{d} is empty in a company of {target} splits"));
    }

    [Fact]
    public void Generating_again_replaces_the_company_and_leaves_no_partial_file()
    {
        DemoCompanyGenerator.Generate(_root, new DemoCompanyOptions(3_000, Seed: 1));
        var smaller = DemoCompanyGenerator.Generate(_root, new DemoCompanyOptions(DemoCompanySize.Tiny, Seed: 1));

        using var sql = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_root, "ACCDATA", "sage50.sqlite")};Mode=ReadOnly;Pooling=False");
        sql.Open();
        Assert.Equal(smaller.SplitCount, SqlCheck.Scalar<long>(sql, "SELECT COUNT(*) FROM AUDIT_SPLIT"));
        Assert.Equal(["sage50.sqlite"], Directory.GetFiles(Path.Combine(_root, "ACCDATA")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task The_bundled_demo_is_small_generated_once_and_opens_with_the_demo_login()
    {
        var (location, generated) = BundledDemoCompany.Ensure(_root);
        Assert.True(generated);
        var file = new FileInfo(Path.Combine(_root, "ACCDATA", "sage50.sqlite"));
        Assert.InRange(file.Length, 1, 1024 * 1024);
        Assert.Equal("MANAGER", location.UserName);
        Assert.Equal("demo", location.Password);

        var written = file.LastWriteTimeUtc;
        Assert.False(BundledDemoCompany.Ensure(_root).Generated);
        Assert.Equal(written, new FileInfo(file.FullName).LastWriteTimeUtc);

        // A demo made by another generator version (or options) is replaced.
        File.WriteAllText(Path.Combine(_root, "ACCDATA", BundledDemoCompany.StampFileName), "generator 0");
        Assert.True(BundledDemoCompany.Ensure(_root).Generated);

        await using var source = await new SqliteSage50DataSourceFactory().OpenAsync(location, CancellationToken.None);
        var invoices = await Sage50Json.ReadAllAsync(source, DataTypeNames.Invoices);
        Assert.InRange(invoices.Count, 10, 200);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
