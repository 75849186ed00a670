using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Ledgerlink.Benchmarks.Harness;
using Ledgerlink.Companies;
using Ledgerlink.Grains.Hosting;
using Ledgerlink.Grains.Reminders;
using Ledgerlink.Grains.Security;
using Ledgerlink.Grains.Storage;
using Ledgerlink.Grains.Tenants;
using Ledgerlink.Grains.Webhooks;
using Ledgerlink.PullOperations;
using Ledgerlink.Testing.Azurite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ledgerlink.Benchmarks.Reset;

/// <summary>
/// Reset and restore of a company holding a million synced records next to the same on a company with none, in the
/// same silo and run, alternating, so the difference shows what the size of the data costs (it should cost nothing:
/// both are a move of a few dataset pointers in the company's state).
/// </summary>
/// <remarks>
/// The silo is in this process with the real company and pull operation grains, the blob grain storage provider and the
/// dataset store on Azurite. The big company's data is committed (not timed) through the pull operation grains exactly
/// as the agent gateway forwards an agent's batches: large gzip batches, staged as blocks, then committed.
/// Each timed call is one ResetData or RestoreData grain call: what an owner confirmation runs once the owner confirmed
/// from the email (the owner's address is verified directly, as the verification email's link would).
/// </remarks>
public sealed class ResetBenchmark : IBenchmark
{
    private const string Owner = "owner@bench.example";
    private const string ConnectorId = "bench-connector";

    public string Name => "reset";

    public string Description => "reset and restore of a company with 1,000,000 records vs an empty one (median ms and difference)";

    public IReadOnlyList<BenchmarkOption> Options { get; } =
    [
        new("records", "records in the big company, spread over every data type (default 1000000)"),
        new("batch", "records per batch when committing the big company (default 25000)"),
        new("rounds", "reset+restore pairs timed per company (default 40; 10 with --quick)"),
        new("quick", "short run: 100,000 records, 10 rounds", IsFlag: true),
    ];

    public async Task RunAsync(BenchmarkArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var quick = arguments.Has("quick");
        var records = arguments.PositiveInt("records", quick ? 100_000 : 1_000_000);
        var batch = arguments.PositiveInt("batch", 25_000);
        var rounds = arguments.PositiveInt("rounds", quick ? 10 : 40);

        await using var azurite = await AzuriteServer.StartAsync(cancellationToken);
        using var silo = BuildSilo(azurite.ConnectionString);
        await silo.StartAsync(cancellationToken);
        try
        {
            var grains = silo.Services.GetRequiredService<IGrainFactory>();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"reset benchmark: {records:N0} records in batches of {batch:N0}, {rounds} reset+restore pairs per company, " +
                $"{Environment.ProcessorCount} cores, .NET {Environment.Version}, Azurite on port {azurite.Port} " +
                $"(started, on disk), load average {LoadAverage()}"));

            var setup = Stopwatch.StartNew();
            var big = await CreateCompanyAsync(grains, "Big Data Ltd");
            var committed = await CommitAsync(grains, silo.Services.GetRequiredService<PullLeases>(), big, records, batch, cancellationToken);
            var empty = await CreateCompanyAsync(grains, "Empty Ltd");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"setup (not timed): {committed.Records:N0} records in {committed.Datasets} datasets, {committed.Blocks} blocks, " +
                $"{committed.Bytes / 1024.0 / 1024.0:0.0} MiB compressed, committed in {setup.Elapsed.TotalSeconds:0.0} s"));

            // Warm-up: activations, connections and code paths, for both alike.
            await ResetRestoreAsync(big);
            await ResetRestoreAsync(empty);

            var timings = new Dictionary<string, List<double>>
            {
                ["big reset"] = [],
                ["big restore"] = [],
                ["empty reset"] = [],
                ["empty restore"] = [],
            };
            for (var round = 0; round < rounds; round++)
            {
                cancellationToken.ThrowIfCancellationRequested();

                // Alternate which goes first, so drift in machine load falls on both alike.
                var order = round % 2 == 0 ? new[] { ("big", big), ("empty", empty) } : new[] { ("empty", empty), ("big", big) };
                foreach (var (name, company) in order)
                {
                    timings[$"{name} reset"].Add(await TimeAsync(() => company.ResetData(Request())));
                    timings[$"{name} restore"].Add(await TimeAsync(() => company.RestoreData(Request())));
                }
            }

            var readable = await CountReadableAsync(big);
            if (readable != committed.Records)
            {
                throw new InvalidOperationException($"After the runs the big company reads {readable} records, not {committed.Records}.");
            }

            output.WriteLine();
            output.WriteLine("| operation | records | median ms | p90 ms | min ms | max ms |");
            output.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
            foreach (var (name, values) in timings)
            {
                var count = name.StartsWith("big", StringComparison.Ordinal) ? committed.Records : 0;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {count:N0} | {Median(values):0.00} | {Percentile(values, 0.9):0.00} | {values.Min():0.00} | {values.Max():0.00} |"));
            }

            output.WriteLine();
            foreach (var operation in new[] { "reset", "restore" })
            {
                var difference = Median(timings[$"big {operation}"]) - Median(timings[$"empty {operation}"]);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{operation}: median difference big - empty = {difference:+0.00;-0.00;0.00} ms " +
                    $"({(Math.Abs(difference) < 100 ? "under" : "NOT under")} 100 ms)"));
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"after {rounds + 1} reset+restore pairs the big company still reads all {readable:N0} records"));
        }
        finally
        {
            await silo.StopAsync(CancellationToken.None);
        }
    }

    private static DataChangeRequest Request() => new(Owner, "benchmark");

    private static async Task ResetRestoreAsync(ICompanyGrain company)
    {
        Ensure(await company.ResetData(Request()));
        Ensure(await company.RestoreData(Request()));
    }

    private static async Task<double> TimeAsync(Func<Task<DataChangeOutcome>> call)
    {
        var watch = Stopwatch.StartNew();
        var outcome = await call();
        var elapsed = watch.Elapsed.TotalMilliseconds;
        Ensure(outcome);
        return elapsed;
    }

    private static void Ensure(DataChangeOutcome outcome)
    {
        if (outcome.Entry is null)
        {
            throw new InvalidOperationException($"Refused: {outcome.Refusal} {outcome.Reason}");
        }
    }

    private static async Task<ICompanyGrain> CreateCompanyAsync(IGrainFactory grains, string name)
    {
        var company = grains.GetGrain<ICompanyGrain>(Guid.NewGuid().ToString());
        await company.Create("bench-tenant", new CompanyProfile(name, null, Owner, new Dictionary<string, string>(), BankFeedsConnected: false));

        // What the owner's click in the verification email does (no mail server here); the timed calls are the change
        // an owner confirmation runs once the owner confirmed, not the email round trip.
        if (!await company.OwnerVerified(Owner))
        {
            throw new InvalidOperationException($"The owner of {name} could not be verified.");
        }
        await company.CreateConnection("hbql");
        return company;
    }

    /// <summary>Queues every data type and commits its share of the records through its pull operation grain.</summary>
    private static async Task<(long Records, int Datasets, int Blocks, long Bytes)> CommitAsync(
        IGrainFactory grains, PullLeases leases, ICompanyGrain company, int records, int batch, CancellationToken cancellationToken)
    {
        var operations = await company.QueueRefreshAll();
        var perType = records / operations.Length;
        var remainder = records % operations.Length;
        long total = 0;
        var blocks = 0;
        long bytes = 0;
        for (var i = 0; i < operations.Length; i++)
        {
            var operation = operations[i].Operation ?? throw new InvalidOperationException(operations[i].Reason);
            var pull = grains.GetGrain<IPullOperationGrain>(operation.Id);
            var lease = leases.Issue(operation.Id, ConnectorId);
            await pull.Start(lease);
            var count = perType + (i < remainder ? 1 : 0);
            var sequence = 0L;
            for (var first = 0; first < count; first += batch)
            {
                var payload = Batch(operation.DataType, first, Math.Min(batch, count - first));
                var ack = await pull.AppendBatch(lease, new DatasetBatch(sequence, Math.Min(batch, count - first), payload, SHA256.HashData(payload)), cancellationToken);
                if (!ack.Accepted)
                {
                    throw new InvalidOperationException($"Batch {sequence} of {operation.DataType} refused: {ack.Reason}");
                }

                sequence++;
                bytes += payload.Length;
            }

            var done = await pull.Complete(lease, count, cancellationToken);
            if (!done.IsCompleted)
            {
                throw new InvalidOperationException($"{operation.DataType} did not complete: {done.Status} {done.StatusDescription}");
            }

            total += count;
            blocks += (int)sequence;
        }

        return (total, operations.Length, blocks, bytes);
    }

    private static byte[] Batch(string dataType, int first, int count)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new StreamWriter(gzip, new UTF8Encoding(false)))
        {
            for (var i = first; i < first + count; i++)
            {
                writer.Write(string.Create(CultureInfo.InvariantCulture,
                    $"{{\"id\":\"{dataType}-{i}\",\"totalAmount\":{i % 100_000}.{i % 100:00},\"currency\":\"GBP\",\"issueDate\":\"2026-{1 + i % 12:00}-{1 + i % 28:00}\",\"status\":\"Paid\"}}\n"));
            }
        }

        return buffer.ToArray();
    }

    private static async Task<long> CountReadableAsync(ICompanyGrain company)
    {
        long total = 0;
        foreach (var dataType in DataTypes.DataTypeNames.All)
        {
            total += (await company.GetReadTarget(dataType))?.Dataset?.RecordCount ?? 0;
        }

        return total;
    }

    internal static IHost BuildSilo(string connectionString)
    {
        var container = $"bench-{Guid.NewGuid():N}"[..24];
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(
                siloPort: AzuriteServer.FreeTcpPort(),
                gatewayPort: AzuriteServer.FreeTcpPort(),
                serviceId: "ledgerlink-bench",
                clusterId: "ledgerlink-bench")
            .AddLedgerlinkGrainStorage(connectionString, container + "-state")
            .AddLedgerlinkReminders(connectionString, AzuriteFixture.UniqueTableName())
            .AddLedgerlinkCompanyIndex(connectionString, AzuriteFixture.UniqueTableName("companies"))
            .AddLedgerlinkGrains(options =>
            {
                options.Datasets.ConnectionString = connectionString;
                options.Datasets.ContainerName = container + "-data";
            })
            .AddLedgerlinkWebhooks(_ => { }));
        return builder.Build();
    }

    internal static double Median(List<double> values) => Percentile(values, 0.5);

    internal static double Percentile(List<double> values, double fraction)
    {
        var sorted = values.Order().ToArray();
        var rank = fraction * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + ((sorted[high] - sorted[low]) * (rank - low));
    }

    // Other work on the machine skews every figure; the 1/5/15-minute load average is printed with them.
    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
