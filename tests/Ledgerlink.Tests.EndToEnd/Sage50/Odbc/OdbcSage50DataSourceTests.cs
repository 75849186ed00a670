using Ledgerlink.DataTypes;
using Ledgerlink.EdgeAgent.Sage50.Access;
using Ledgerlink.EdgeAgent.Sage50.Access.Odbc;
using Ledgerlink.EdgeAgent.Sage50.Demo;
using Ledgerlink.EdgeAgent.Sage50.Reading;
using Ledgerlink.EdgeAgent.Sync.Incremental;
using Ledgerlink.Testing.Sage50;
using Ledgerlink.Testing.Sage50.Odbc;

namespace Ledgerlink.Tests.Sage50.Odbc;

/// <summary>
/// The demo company through unixODBC and the SQLite ODBC driver (Debian's unixodbc + libsqliteodbc, driver
/// <c>SQLite3</c>): the same records as the direct SQLite source, and the same one-line problems.
/// </summary>
[Collection(DemoCompanyCollection.Name)]
public sealed class OdbcSage50DataSourceTests(DemoCompanyFixture company) : IDisposable
{
    private const string Password = "Correct horse 42";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ledgerlink-odbc-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Every_data_type_read_through_ODBC_gives_exactly_the_records_the_SQLite_source_gives()
    {
        await using var odbc = await OdbcSources.Factory().OpenAsync(company.Location, CancellationToken.None);
        await using var sqlite = await company.OpenAsync();
        Assert.Equal(SqliteDemoOdbcDriver.DefaultDriverName, Assert.IsType<OdbcSage50DataSource>(odbc).Driver);
        foreach (var dataType in DataTypeNames.All)
        {
            var expected = await OdbcSources.DigestAsync(sqlite, dataType);
            var actual = await OdbcSources.DigestAsync(odbc, dataType);
            Assert.True(expected.Count > 0, $"{dataType}: the demo company has no records");
            Assert.True(expected == actual, $"{dataType}: SQLite gave {expected.Count} records ({expected.Sha256}), ODBC {actual.Count} ({actual.Sha256})");
            Assert.Equal(expected.Count, await Sage50Readers.Default.For(dataType).CountAsync(odbc, CancellationToken.None));
        }
    }

    [Fact]
    public async Task The_changed_transactions_and_their_scoped_records_are_the_same_through_ODBC_and_SQLite()
    {
        await using var odbc = await OdbcSources.Factory().OpenAsync(company.Location, CancellationToken.None);
        await using var sqlite = await company.OpenAsync();
        // A window through the middle of the company: the ODBC timestamp escape must compare as SQLite's ISO text does.
        var watermark = await SageWatermarkProbe.TakeAsync(sqlite, DateTimeOffset.UtcNow, CancellationToken.None);
        var changes = new ChangeWindow(watermark.MaxModified!.Value.AddDays(-10), watermark.MaxTranNumber - 50);
        var renamed = new RenamedAccounts([], ["4000"]);

        var expected = await ChangedTransactions.FindAsync(sqlite, changes, renamed, CancellationToken.None);
        var actual = await ChangedTransactions.FindAsync(odbc, changes, renamed, CancellationToken.None);
        Assert.NotNull(expected);
        Assert.NotNull(actual);
        Assert.NotEmpty(expected.Headers);
        Assert.Equal(expected.Headers, actual.Headers);
        foreach (var dataType in DataTypeNames.All.Where(d => Sage50Readers.Default.For(d) is IHeaderScopedReader))
        {
            var reader = (IHeaderScopedReader)Sage50Readers.Default.For(dataType);
            var direct = await OdbcSources.DigestAsync(reader.ReadAsync(sqlite, expected, changes, CancellationToken.None));
            var throughOdbc = await OdbcSources.DigestAsync(reader.ReadAsync(odbc, actual, changes, CancellationToken.None));
            Assert.True(direct == throughOdbc, $"{dataType}: SQLite gave {direct.Count} scoped records ({direct.Sha256}), ODBC {throughOdbc.Count} ({throughOdbc.Sha256})");
        }
    }

    [Fact]
    public async Task The_bank_postings_a_read_keeps_and_a_delta_built_on_them_are_the_same_through_ODBC_and_SQLite()
    {
        await using var odbc = await OdbcSources.Factory().OpenAsync(company.Location, CancellationToken.None);
        await using var sqlite = await company.OpenAsync();
        var reader = (IBankLedgerReader)Sage50Readers.Default.For(DataTypeNames.BankTransactions);
        BankLedger? direct = null, throughOdbc = null;
        await OdbcSources.DigestAsync(reader.ReadAsync(sqlite, new BankLedgerHandoff(null, (kept, _) => direct = kept), CancellationToken.None));
        await OdbcSources.DigestAsync(reader.ReadAsync(odbc, new BankLedgerHandoff(null, (kept, _) => throughOdbc = kept), CancellationToken.None));
        Assert.NotNull(direct);
        Assert.NotNull(throughOdbc);
        Assert.NotEqual(0, direct.Count);
        Assert.Equal(direct.AmountColumn, throughOdbc.AmountColumn);
        Assert.Equal(direct.Postings.Keys.Order(StringComparer.Ordinal), throughOdbc.Postings.Keys.Order(StringComparer.Ordinal));
        foreach (var (bank, postings) in direct.Postings)
        {
            Assert.Equal(postings, throughOdbc.Postings[bank]);
            Assert.Equal(postings.Select(p => p.Amount.Scale), throughOdbc.Postings[bank].Select(p => p.Amount.Scale));
        }

        // A delta built on the SQLite read's ledger, its changed postings read through either source: the same records.
        var watermark = await SageWatermarkProbe.TakeAsync(sqlite, DateTimeOffset.UtcNow, CancellationToken.None);
        var changes = new ChangeWindow(watermark.MaxModified!.Value.AddDays(-10), watermark.MaxTranNumber - 50);
        var scope = await ChangedTransactions.FindAsync(sqlite, changes, new RenamedAccounts([], []), CancellationToken.None);
        Assert.NotNull(scope);
        var sqliteDelta = new BankLedgerHandoff(direct, (_, _) => { });
        var odbcDelta = new BankLedgerHandoff(direct, (_, _) => { });
        var fromSqlite = await OdbcSources.DigestAsync(reader.ReadAsync(sqlite, scope, changes, sqliteDelta, CancellationToken.None));
        var fromOdbc = await OdbcSources.DigestAsync(reader.ReadAsync(odbc, scope, changes, odbcDelta, CancellationToken.None));
        Assert.True(sqliteDelta.BuiltOnPrevious && odbcDelta.BuiltOnPrevious);
        Assert.NotEqual(0, fromSqlite.Count);
        Assert.True(fromSqlite == fromOdbc, $"SQLite gave {fromSqlite.Count} records ({fromSqlite.Sha256}), ODBC {fromOdbc.Count} ({fromOdbc.Sha256})");
    }

    [Fact]
    public async Task Columns_come_from_the_drivers_catalogue()
    {
        await using var odbc = await OdbcSources.Factory().OpenAsync(company.Location, CancellationToken.None);
        await using var sqlite = await company.OpenAsync();
        foreach (var table in new[] { "AUDIT_HEADER", "AUDIT_SPLIT", "SALES_LEDGER", "audit_usage" })
        {
            var expected = await sqlite.GetColumnsAsync(table, CancellationToken.None);
            Assert.NotEmpty(expected);
            Assert.True(expected.SetEquals(await odbc.GetColumnsAsync(table, CancellationToken.None)), table);
        }

        Assert.Empty(await odbc.GetColumnsAsync("NO_SUCH_TABLE", CancellationToken.None));
    }

    [Fact]
    public async Task A_wrong_password_or_user_is_refused_by_the_demo_user_store_with_the_SQLite_sources_line()
    {
        var location = OwnCompany();
        var wrongPassword = location with { Password = "correct horse 42" };
        var wrongUser = location with { UserName = "ACCOUNTS" };
        foreach (var attempt in new[] { wrongPassword, wrongUser })
        {
            var odbc = await Assert.ThrowsAsync<Sage50AccessException>(() => OdbcSources.Factory().OpenAsync(attempt, CancellationToken.None));
            var sqlite = await Assert.ThrowsAsync<Sage50AccessException>(() => new SqliteSage50DataSourceFactory().OpenAsync(attempt, CancellationToken.None));
            Assert.Equal(Sage50AccessProblem.WrongCredentials, odbc.Problem);
            Assert.Equal(sqlite.Message, odbc.Message);
            AssertOneLine(odbc, attempt.Password);
        }

        // The right login, in other letter case for the user, opens it: the check is the store's, not the driver's (which has none).
        await using var opened = await OdbcSources.Factory().OpenAsync(location with { UserName = "manager" }, CancellationToken.None);
    }

    [Fact]
    public async Task A_missing_ODBC_driver_is_one_line_naming_the_driver()
    {
        var error = await Assert.ThrowsAsync<Sage50AccessException>(() =>
            OdbcSources.Factory(demoDriver: "SQLite3 not installed").OpenAsync(company.Location, CancellationToken.None));
        Assert.True(error.Problem == Sage50AccessProblem.DriverMissing, $"{error.Problem}: {error.InnerException}");
        Assert.Contains("\"SQLite3 not installed\" is not installed", error.Message, StringComparison.Ordinal);
        AssertOneLine(error, company.Location.Password);
    }

    [Fact]
    public async Task A_real_Sage_company_on_a_PC_without_Sages_driver_is_reported_as_a_missing_driver()
    {
        // ACCDATA without the demo file: real Sage data, which only Sage's own driver reads; none is installed here.
        var accData = Directory.CreateDirectory(Path.Combine(_root, "Sage", "Accounts", "2024", "COMPANY.000", "ACCDATA")).FullName;
        var error = await Assert.ThrowsAsync<Sage50AccessException>(() =>
            OdbcSources.Factory().OpenAsync(new Sage50CompanyLocation(Path.GetDirectoryName(accData)!, "MANAGER", Password), CancellationToken.None));
        Assert.Equal(Sage50AccessProblem.DriverMissing, error.Problem);
        Assert.Contains("\"Sage Line 50 v30\"", error.Message, StringComparison.Ordinal);
        AssertOneLine(error, Password);
    }

    [Fact]
    public async Task A_company_held_exclusively_by_another_program_gives_the_SQLite_sources_line()
    {
        var location = OwnCompany();
        using var holder = await ExclusiveLockHolder.HoldAsync(Path.Combine(location.DataDirectory, "ACCDATA", "sage50.sqlite"));
        var odbc = await Assert.ThrowsAsync<Sage50AccessException>(() =>
            OdbcSources.Factory(busyTimeout: TimeSpan.FromSeconds(1)).OpenAsync(location, CancellationToken.None));
        var sqlite = await Assert.ThrowsAsync<Sage50AccessException>(() =>
            new SqliteSage50DataSourceFactory(TimeSpan.FromSeconds(1)).OpenAsync(location, CancellationToken.None));
        Assert.Equal(Sage50AccessProblem.Unreadable, odbc.Problem);
        Assert.Equal(sqlite.Message, odbc.Message);
        AssertOneLine(odbc, Password);
    }

    [Fact]
    public async Task Folder_problems_are_found_before_any_driver_is_loaded_with_the_same_lines()
    {
        var nowhere = new Sage50CompanyLocation(Path.Combine(_root, "nowhere"), "MANAGER", Password);
        var notSage = new Sage50CompanyLocation(Directory.CreateDirectory(Path.Combine(_root, "Documents")).FullName, "MANAGER", Password);
        foreach (var (location, problem) in new[] { (nowhere, Sage50AccessProblem.DataDirectoryNotFound), (notSage, Sage50AccessProblem.NotSageData) })
        {
            var odbc = await Assert.ThrowsAsync<Sage50AccessException>(() => OdbcSources.Factory().OpenAsync(location, CancellationToken.None));
            var sqlite = await Assert.ThrowsAsync<Sage50AccessException>(() => new SqliteSage50DataSourceFactory().OpenAsync(location, CancellationToken.None));
            Assert.Equal(problem, odbc.Problem);
            Assert.Equal(sqlite.Message, odbc.Message);
        }
    }

    [Fact]
    public async Task Nothing_sent_through_the_ODBC_connection_can_change_the_company()
    {
        var location = OwnCompany();
        var before = DemoCompanyChecksums.Compute(location.DataDirectory);
        await using (var odbc = await OdbcSources.Factory().OpenAsync(location, CancellationToken.None))
        {
            await Assert.ThrowsAnyAsync<Exception>(async () =>
            {
                await using var reader = await odbc.ExecuteReaderAsync("DELETE FROM AUDIT_HEADER", CancellationToken.None);
                await reader.ReadAsync();
            });
        }

        Assert.Equal(before, DemoCompanyChecksums.Compute(location.DataDirectory));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private Sage50CompanyLocation OwnCompany()
    {
        var folder = Path.Combine(_root, "Company.000");
        if (!Directory.Exists(folder))
        {
            DemoCompanyGenerator.Generate(folder, new DemoCompanyOptions(DemoCompanySize.Tiny, Seed: 2) { ManagerPassword = Password });
        }

        return new Sage50CompanyLocation(folder, "MANAGER", Password);
    }

    private static void AssertOneLine(Sage50AccessException error, string password)
    {
        Assert.DoesNotContain("\n", error.Message);
        Assert.DoesNotContain("   at ", error.Message);
        Assert.DoesNotContain("Exception", error.Message);
        Assert.DoesNotContain("[unixODBC]", error.Message);
        Assert.DoesNotContain(password, error.Message);
    }
}
