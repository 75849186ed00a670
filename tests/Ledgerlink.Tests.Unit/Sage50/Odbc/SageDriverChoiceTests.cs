using Ledgerlink.EdgeAgent.Sage50.Access;
using Ledgerlink.EdgeAgent.Sage50.Access.Odbc;

namespace Ledgerlink.Tests.Sage50.Odbc;

/// <summary>
/// Which Sage Line 50 driver a Windows PC's agent picks for a company. Only the choice is tested here: no Sage driver
/// or Windows registry exists on this machine, so the catalogue is given as a list.
/// </summary>
public sealed class SageDriverChoiceTests
{
    private static readonly string[] Installed = ["SQL Server", "Sage Line 50 v29", "Sage Line 50 v31", "Sage Line 50 v30", "Microsoft Access Driver (*.mdb, *.accdb)"];

    [Theory]
    [InlineData(@"C:\ProgramData\Sage\Accounts\2024\COMPANY.000", 30)]
    [InlineData(@"C:\ProgramData\Sage\Accounts\2025\COMPANY.001\ACCDATA\", 31)]
    [InlineData(@"\\server\sage\ACCOUNTS\2023\Company.000", 29)]
    [InlineData("/home/owner/Accounts/2024", 30)]
    [InlineData(@"D:\Books\Hebden Oak\ACCDATA", null)]
    [InlineData(@"C:\ProgramData\Sage\Accounts\1999\COMPANY.000", null)]
    public void The_data_version_is_the_year_of_Sages_Accounts_folder(string dataDirectory, int? version) =>
        Assert.Equal(version, SageDataVersion.FromPath(dataDirectory));

    [Fact]
    public void The_driver_matching_the_data_version_is_chosen_and_says_why()
    {
        var choice = SageDriverChoice.Choose(Installed, 30);
        Assert.Equal(new SageDriverChoice("Sage Line 50 v30", "matches the data's version 30"), choice);
    }

    [Fact]
    public void Without_a_known_data_version_the_newest_Sage_driver_is_tried()
    {
        Assert.Equal("Sage Line 50 v31", SageDriverChoice.Choose(Installed, null)!.Driver);
        Assert.Null(SageDriverChoice.Choose(["SQL Server", "SQLite3"], null));
    }

    [Fact]
    public void A_data_version_whose_driver_is_not_installed_is_a_missing_driver_not_another_version()
    {
        Assert.Null(SageDriverChoice.Choose(Installed, 32));
        var driver = new SageLine50OdbcDriver(new FixedOdbcDriverCatalog(Installed));
        var error = Assert.Throws<Sage50AccessException>(() =>
            driver.Target(@"C:\ProgramData\Sage\Accounts\2026\COMPANY.000\ACCDATA", new Sage50CompanyLocation(@"C:\ProgramData\Sage\Accounts\2026\COMPANY.000", "MANAGER", "pw")));
        Assert.Equal(Sage50AccessProblem.DriverMissing, error.Problem);
        Assert.Contains("\"Sage Line 50 v32\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_connection_string_is_DSN_less_with_the_ACCDATA_folder_and_the_login_and_is_never_printed()
    {
        var driver = new SageLine50OdbcDriver(new FixedOdbcDriverCatalog(Installed));
        var target = driver.Target(@"C:\ProgramData\Sage\Accounts\2023\COMPANY.000\ACCDATA", new Sage50CompanyLocation(@"C:\ProgramData\Sage\Accounts\2023\COMPANY.000", "MANAGER", "s3cret;x"));
        Assert.Equal("Sage Line 50 v29", target.Driver);
        Assert.StartsWith("Driver={Sage Line 50 v29};", target.ConnectionString, StringComparison.Ordinal);
        Assert.Contains(@"DIR=C:\ProgramData\Sage\Accounts\2023\COMPANY.000\ACCDATA", target.ConnectionString, StringComparison.Ordinal);
        Assert.Contains("UID=MANAGER", target.ConnectionString, StringComparison.Ordinal);
        Assert.Contains("PWD={s3cret;x}", target.ConnectionString, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", target.ToString(), StringComparison.Ordinal);

        var overridden = new SageLine50OdbcDriver(new FixedOdbcDriverCatalog(), "Sage Line 50 v28").Target("ACCDATA", new Sage50CompanyLocation("x", "MANAGER", "pw"));
        Assert.Equal("Sage Line 50 v28", overridden.Driver);
    }
}
