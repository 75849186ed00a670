using Ledgerlink.EdgeAgent.Sage50.Access;
using Ledgerlink.EdgeAgent.Sage50.Demo;
using Microsoft.Data.Sqlite;

namespace Ledgerlink.Testing.Sage50;

/// <summary>One small generated company shared by the Sage 50 tests that only read it.</summary>
public sealed class DemoCompanyFixture : IDisposable
{
    public DemoCompanyFixture()
    {
        Directory = Path.Combine(Path.GetTempPath(), "ledgerlink-sage50-" + Guid.NewGuid().ToString("N"));
        Manifest = DemoCompanyGenerator.Generate(Directory, new DemoCompanyOptions(DemoCompanySize.Small, Seed: 7));
    }

    public string Directory { get; }

    public DemoCompanyManifest Manifest { get; }

    public Sage50CompanyLocation Location => DemoCompanyGenerator.LocationOf(Manifest);

    public string DatabaseFile => Path.Combine(Directory, "ACCDATA", "sage50.sqlite");

    public Task<ISage50DataSource> OpenAsync() =>
        new SqliteSage50DataSourceFactory().OpenAsync(Location, CancellationToken.None);

    /// <summary>A plain read-only connection for checking the books with SQL, independently of the readers.</summary>
    public SqliteConnection OpenSql()
    {
        var connection = new SqliteConnection($"Data Source={DatabaseFile};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return connection;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A test run's temp folder; the OS cleans it if a handle is still open here.
        }
    }
}

/// <summary>
/// Tests that read the generated demo company share one: <c>[Collection(DemoCompanyCollection.Name)]</c>. Each test
/// project declares it (<c>DemoCompanyCollectionDefinition</c>): xunit reads collection definitions from the test assembly only.
/// </summary>
public static class DemoCompanyCollection
{
    public const string Name = "Sage 50 demo company";
}
