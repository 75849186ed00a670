using Ledgerlink.DataTypes;
using Ledgerlink.EdgeAgent.Sage50.Access;
using Ledgerlink.EdgeAgent.Sage50.Demo;
using Ledgerlink.EdgeAgent.Sage50.Reading;
using Microsoft.Data.Sqlite;

namespace Ledgerlink.Tests.Sage50;

/// <summary>Sage versions differ in columns: readers ignore extra ones, do without optional ones and name missing required ones.</summary>
public sealed class Sage50SchemaToleranceTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ledgerlink-sage50-schema-" + Guid.NewGuid().ToString("N"));
    private readonly DemoCompanyManifest _manifest;

    public Sage50SchemaToleranceTests() => _manifest = DemoCompanyGenerator.Generate(_directory, new DemoCompanyOptions(DemoCompanySize.Tiny, Seed: 21));

    [Fact]
    public async Task A_company_with_extra_columns_and_without_optional_ones_reads_the_same_records()
    {
        Alter(
            "ALTER TABLE AUDIT_HEADER DROP COLUMN RECORD_MODIFY_DATE",
            "ALTER TABLE SALES_LEDGER DROP COLUMN INACTIVE_FLAG",
            "ALTER TABLE SALES_LEDGER DROP COLUMN DEL_ADDRESS_1",
            "ALTER TABLE NOMINAL_LEDGER DROP COLUMN RECORD_DELETED",
            "ALTER TABLE AUDIT_HEADER ADD COLUMN SAGE_V40_ONLY VARCHAR(20)",
            "ALTER TABLE AUDIT_SPLIT ADD COLUMN SAGE_V40_ONLY INTEGER",
            "ALTER TABLE SALES_LEDGER ADD COLUMN SAGE_V40_ONLY DOUBLE");

        await using var source = await OpenAsync();
        foreach (var dataType in DataTypeNames.All)
        {
            Assert.Equal(_manifest.RecordCounts[dataType], (await Sage50Json.ReadAllAsync(source, dataType)).Count);
        }

        var invoice = (await Sage50Json.ReadAllAsync(source, DataTypeNames.Invoices))[0];
        Assert.False(invoice.TryGetProperty("sourceModifiedDate", out _));
        var customer = (await Sage50Json.ReadAllAsync(source, DataTypeNames.Customers))[0];
        Assert.Equal("Active", customer.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_company_without_departments_projects_or_IBANs_reads_without_tracking_and_with_departments_named_by_their_splits()
    {
        await using (var before = await OpenAsync())
        {
            Assert.Contains(await Sage50Json.ReadAllAsync(before, DataTypeNames.Bills), b => b.ToString().Contains("\"projectRef\"", StringComparison.Ordinal));
        }

        Alter(
            "DROP TABLE PROJECT",
            "DROP TABLE DEPARTMENT",
            "ALTER TABLE AUDIT_SPLIT DROP COLUMN PROJECT_ID",
            "ALTER TABLE AUDIT_JOURNAL DROP COLUMN DEPT_NUMBER",
            "ALTER TABLE AUDIT_JOURNAL DROP COLUMN FOREIGN_AMOUNT",
            "ALTER TABLE BANK DROP COLUMN IBAN");

        await using var source = await OpenAsync();
        foreach (var dataType in DataTypeNames.All)
        {
            Assert.Equal(_manifest.RecordCounts[dataType], (await Sage50Json.ReadAllAsync(source, dataType)).Count);
        }

        // The split still names its department; nothing names a project.
        var bills = await Sage50Json.ReadAllAsync(source, DataTypeNames.Bills);
        var refs = bills.SelectMany(b => b.GetProperty("lineItems").EnumerateArray())
            .Where(l => l.TryGetProperty("trackingCategoryRefs", out _))
            .SelectMany(l => l.GetProperty("trackingCategoryRefs").EnumerateArray()).ToList();
        Assert.NotEmpty(refs);
        Assert.All(refs, r => Assert.StartsWith("department-", r.GetProperty("id").GetString(), StringComparison.Ordinal));
        Assert.All(refs, r => Assert.False(string.IsNullOrEmpty(r.GetProperty("name").GetString())));
        Assert.DoesNotContain(bills, b => b.ToString().Contains("\"projectRef\"", StringComparison.Ordinal));
        Assert.DoesNotContain(await Sage50Json.ReadAllAsync(source, DataTypeNames.JournalEntries), e => e.ToString().Contains("\"tracking\"", StringComparison.Ordinal));
        Assert.DoesNotContain(await Sage50Json.ReadAllAsync(source, DataTypeNames.BankAccounts), b => b.TryGetProperty("iBan", out _));
        Assert.Contains(await Sage50Json.ReadAllAsync(source, DataTypeNames.BankTransactions), t => t.TryGetProperty("balance", out _));
    }

    [Fact]
    public async Task A_missing_required_column_is_named_in_an_unsupported_version_error()
    {
        Alter("ALTER TABLE AUDIT_SPLIT DROP COLUMN TAX_CODE");

        await using var source = await OpenAsync();
        var error = await Assert.ThrowsAsync<Sage50AccessException>(async () => await Sage50Json.ReadAllAsync(source, DataTypeNames.Invoices));
        Assert.Equal(Sage50AccessProblem.UnsupportedVersion, error.Problem);
        Assert.Contains("AUDIT_SPLIT", error.Message);
        Assert.Contains("TAX_CODE", error.Message);

        // Data types that do not need it still read.
        Assert.Equal(_manifest.RecordCounts[DataTypeNames.Customers], (await Sage50Json.ReadAllAsync(source, DataTypeNames.Customers)).Count);
    }

    [Fact]
    public async Task A_missing_table_is_an_unsupported_version_error_from_counting_too()
    {
        Alter("DROP TABLE TAX_CODE");

        await using var source = await OpenAsync();
        var error = await Assert.ThrowsAsync<Sage50AccessException>(() => Sage50Readers.Default.For(DataTypeNames.TaxRates).CountAsync(source, CancellationToken.None));
        Assert.Equal(Sage50AccessProblem.UnsupportedVersion, error.Problem);
        Assert.Contains("TAX_CODE", error.Message);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private Task<ISage50DataSource> OpenAsync() =>
        new SqliteSage50DataSourceFactory().OpenAsync(DemoCompanyGenerator.LocationOf(_manifest), CancellationToken.None);

    private void Alter(params string[] statements)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_directory, "ACCDATA", "sage50.sqlite")};Pooling=False");
        connection.Open();
        foreach (var statement in statements)
        {
            using var command = connection.CreateCommand();
            command.CommandText = statement;
            command.ExecuteNonQuery();
        }
    }
}
