using Ledgerlink.EdgeAgent.Sage50.Access;
using Ledgerlink.EdgeAgent.Sage50.Demo;
using Microsoft.Data.Sqlite;

namespace Ledgerlink.Tests.Sage50;

/// <summary>Opening a _company fails with a problem kind and a message an SMB owner can act on.</summary>
public sealed class Sage50AccessTests : IDisposable
{
    private const string Password = "Correct horse 42";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ledgerlink-sage50-access-" + Guid.NewGuid().ToString("N"));
    private readonly string _company;

    public Sage50AccessTests()
    {
        _company = Path.Combine(_root, "Company.000");
        DemoCompanyGenerator.Generate(_company, new DemoCompanyOptions(DemoCompanySize.Tiny, Seed: 2) { ManagerPassword = Password });
    }

    [Fact]
    public async Task The_right_login_opens_the_company_folder_or_its_ACCDATA_folder()
    {
        await using (var source = await OpenAsync(_company, "MANAGER", Password))
        {
            Assert.NotEmpty(await source.GetColumnsAsync("AUDIT_HEADER", CancellationToken.None));
        }

        // Sage user names are not case-sensitive; people paste the ACCDATA folder too, with a trailing separator.
        await using var viaAccData = await OpenAsync(Path.Combine(_company, "ACCDATA") + Path.DirectorySeparatorChar, "manager", Password);
        Assert.Empty(await viaAccData.GetColumnsAsync("NO_SUCH_TABLE", CancellationToken.None));
    }

    [Fact]
    public async Task A_folder_that_does_not_exist_is_reported_as_such()
    {
        var error = await FailsAsync(Path.Combine(_root, "nowhere"), "MANAGER", Password);
        Assert.Equal(Sage50AccessProblem.DataDirectoryNotFound, error.Problem);
        Assert.Contains("Help > About", error.Message);
        Assert.Equal(Sage50AccessProblem.DataDirectoryNotFound, (await FailsAsync("  ", "MANAGER", Password)).Problem);
    }

    [Fact]
    public async Task Folders_that_are_not_Sage_data_are_reported_as_not_Sage_data()
    {
        var empty = Directory.CreateDirectory(Path.Combine(_root, "Documents")).FullName;
        Assert.Equal(Sage50AccessProblem.NotSageData, (await FailsAsync(empty, "MANAGER", Password)).Problem);

        var noData = Directory.CreateDirectory(Path.Combine(_root, "Empty", "ACCDATA")).Parent!.FullName;
        Assert.Equal(Sage50AccessProblem.NotSageData, (await FailsAsync(noData, "MANAGER", Password)).Problem);

        var garbage = Directory.CreateDirectory(Path.Combine(_root, "Garbage", "ACCDATA")).FullName;
        await File.WriteAllTextAsync(Path.Combine(garbage, "sage50.sqlite"), "this is a spreadsheet, honestly");
        Assert.Equal(Sage50AccessProblem.NotSageData, (await FailsAsync(Path.GetDirectoryName(garbage)!, "MANAGER", Password)).Problem);

        var otherDatabase = Directory.CreateDirectory(Path.Combine(_root, "Other", "ACCDATA")).FullName;
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(otherDatabase, "sage50.sqlite")};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE RECIPES (NAME TEXT)";
            command.ExecuteNonQuery();
        }

        Assert.Equal(Sage50AccessProblem.NotSageData, (await FailsAsync(Path.GetDirectoryName(otherDatabase)!, "MANAGER", Password)).Problem);
    }

    [Fact]
    public async Task A_wrong_password_or_user_is_rejected_without_saying_which()
    {
        var wrongPassword = await FailsAsync(_company, "MANAGER", "guess");
        var wrongUser = await FailsAsync(_company, "ACCOUNTS", Password);
        Assert.Equal(Sage50AccessProblem.WrongCredentials, wrongPassword.Problem);
        Assert.Equal(Sage50AccessProblem.WrongCredentials, wrongUser.Problem);
        Assert.Equal(wrongPassword.Message, wrongUser.Message);
        Assert.DoesNotContain("guess", wrongPassword.Message);
        Assert.DoesNotContain(Password, wrongUser.Message);
    }

    [Fact]
    public async Task A_company_held_exclusively_by_another_program_is_reported_as_unreadable()
    {
        using var holder = new SqliteConnection($"Data Source={Path.Combine(_company, "ACCDATA", "sage50.sqlite")};Pooling=False");
        holder.Open();
        using (var command = holder.CreateCommand())
        {
            // As Sage holds its files while it backs up, restores or repairs a _company.
            command.CommandText = "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;";
            command.ExecuteNonQuery();
        }

        var error = await Assert.ThrowsAsync<Sage50AccessException>(() =>
            new SqliteSage50DataSourceFactory(TimeSpan.FromSeconds(1)).OpenAsync(new Sage50CompanyLocation(_company, "MANAGER", Password), CancellationToken.None));
        Assert.Equal(Sage50AccessProblem.Unreadable, error.Problem);
        AssertUserFacing(error, Password);
    }

    [Fact]
    public void A_company_location_never_shows_its_password()
    {
        var location = new Sage50CompanyLocation(_company, "MANAGER", Password);
        Assert.DoesNotContain(Password, location.ToString());
        Assert.DoesNotContain(Password, new DemoCompanyOptions { ManagerPassword = Password }.ToString());
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static Task<ISage50DataSource> OpenAsync(string directory, string user, string password) =>
        new SqliteSage50DataSourceFactory().OpenAsync(new Sage50CompanyLocation(directory, user, password), CancellationToken.None);

    private static async Task<Sage50AccessException> FailsAsync(string directory, string user, string password)
    {
        var error = await Assert.ThrowsAsync<Sage50AccessException>(() => OpenAsync(directory, user, password));
        AssertUserFacing(error, password);
        return error;
    }

    /// <summary>A message for the SMB owner: one sentence or two, no stack trace, no exception jargon, no password.</summary>
    private static void AssertUserFacing(Sage50AccessException error, string password)
    {
        Assert.DoesNotContain("\n", error.Message);
        Assert.DoesNotContain("   at ", error.Message);
        Assert.DoesNotContain("Exception", error.Message);
        Assert.DoesNotContain("SQLite", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(password, error.Message);
    }
}
