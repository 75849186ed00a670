using System.Globalization;
using System.Security.Cryptography;
using Ledgerlink.DataTypes;
using Ledgerlink.EdgeAgent.Sage50.Access;
using Ledgerlink.EdgeAgent.Sage50.Demo;
using Ledgerlink.EdgeAgent.Sage50.Reading;

namespace Ledgerlink.Testing.Faults;

/// <summary>
/// A generated Sage 50 company (cached under <c>.data/</c>, made again when the generator changes) and what a
/// fault-free sync of it must commit: per data type, the record count and the SHA-256 of the NDJSON the Sage 50
/// readers produce straight from the company file.
/// </summary>
public sealed class ReferenceCompany
{
    private ReferenceCompany(Sage50CompanyLocation location, IReadOnlyDictionary<string, DatasetFingerprint> expected)
    {
        Location = location;
        Expected = expected;
    }

    public Sage50CompanyLocation Location { get; }

    public IReadOnlyDictionary<string, DatasetFingerprint> Expected { get; }

    public long Records => Expected.Values.Sum(e => e.Records);

    public static async Task<ReferenceCompany> PrepareAsync(int splits, int seed, TextWriter output, CancellationToken cancellationToken)
    {
        var location = Generate(splits, seed, output);
        var expected = new Dictionary<string, DatasetFingerprint>(StringComparer.Ordinal);
        foreach (var dataType in DataTypeNames.All)
        {
            expected[dataType] = await ReadAsync(location, dataType, cancellationToken);
        }

        return new ReferenceCompany(location, expected);
    }

    /// <summary>A company of <paramref name="splits"/> splits, generated once per generator version and cached.</summary>
    public static Sage50CompanyLocation Generate(int splits, int seed, TextWriter output)
    {
        var folder = Path.Combine(TestPaths.RepositoryRoot, ".data", $"fault-company-{splits}-{seed}");
        var stamp = Path.Combine(folder, "generated.txt");
        var content = string.Create(CultureInfo.InvariantCulture, $"{splits} splits, seed {seed}, generator {BundledDemoCompany.GeneratorVersion}\n");
        using (var generating = new Mutex(false, $"ledgerlink-fault-company-{splits}-{seed}"))
        {
            // Two test processes may want the same cached company at once; one generates, the other waits.
            generating.WaitOne();
            try
            {
                if (!File.Exists(stamp) || File.ReadAllText(stamp) != content)
                {
                    output.WriteLine($"Generating a {splits:N0}-split demo company in {folder} (once; cached)...");
                    if (Directory.Exists(folder))
                    {
                        Directory.Delete(folder, recursive: true);
                    }

                    DemoCompanyGenerator.Generate(folder, new DemoCompanyOptions(splits, seed));
                    File.WriteAllText(stamp, content);
                }
            }
            finally
            {
                generating.ReleaseMutex();
            }
        }

        return new Sage50CompanyLocation(folder, DemoCompanyOptions.ManagerUserName, new DemoCompanyOptions(splits, seed).ManagerPassword);
    }

    private static async Task<DatasetFingerprint> ReadAsync(Sage50CompanyLocation location, string dataType, CancellationToken cancellationToken)
    {
        await using var source = await new SqliteSage50DataSourceFactory().OpenAsync(location, cancellationToken);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long records = 0;
        byte[] newline = [(byte)'\n'];
        await foreach (var record in Sage50Readers.Default.For(dataType).ReadAsync(source, cancellationToken))
        {
            hash.AppendData(record.Json.Span);
            hash.AppendData(newline);
            records++;
        }

        return new DatasetFingerprint(records, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }
}

/// <summary>A dataset's record count and the SHA-256 of its NDJSON: equal fingerprints, equal data in the same order.</summary>
public sealed record DatasetFingerprint(long Records, string Sha256);
