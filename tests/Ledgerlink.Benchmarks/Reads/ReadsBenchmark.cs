using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Ledgerlink.Benchmarks.Harness;
using Ledgerlink.Benchmarks.Reset;
using Ledgerlink.Benchmarks.Sync;
using Ledgerlink.Companies;
using Ledgerlink.DataTypes;
using Ledgerlink.EdgeAgent.Sage50.Access;
using Ledgerlink.EdgeAgent.Sage50.Reading;
using Ledgerlink.Grains.Datasets;
using Ledgerlink.Grains.Security;
using Ledgerlink.PullOperations;
using Ledgerlink.Silo.Api.Integrator.DataReads;
using Ledgerlink.Silo.Api.Integrator.Financials;
using Ledgerlink.Testing.Azurite;
using Microsoft.Extensions.DependencyInjection;

namespace Ledgerlink.Benchmarks.Reads;

/// <summary>
/// What a read costs as the dataset grows, in the same run: get by id on a 1,000,000-record dataset vs a 100-record
/// one, list page 1 vs page 1,000 of the big one, and the three financial statements for 12 monthly periods on a
/// generated Sage 50 company, with the storage reads each issues.
/// </summary>
/// <remarks>
/// The silo is in this process (real grains, dataset store on Azurite); datasets are committed through the pull
/// operation grains in 2 MiB batches, as the agent sends them, so the id index is built as in production. Timed calls
/// are the code the HTTP endpoints run (<see cref="IDatasetBlobStore.ReadRecordAsync"/>, <see cref="DatasetPageReader"/>,
/// <see cref="LedgerLoader"/> and <see cref="FinancialStatements"/>) without the HTTP layer, which costs the same whatever the size.
/// </remarks>
public sealed class ReadsBenchmark : IBenchmark
{
    private const string Owner = "owner@bench.example";
    private const string ConnectorId = "bench-connector";
    private const int BatchBytes = 2 * 1024 * 1024;

    public string Name => "reads";

    public string Description => "get by id on 1,000,000 vs 100 records, page 1 vs 1,000, financial statements for 12 periods";

    public IReadOnlyList<BenchmarkOption> Options { get; } =
    [
        new("records", "records in the big dataset (default 1000000)"),
        new("splits", "size of the generated Sage 50 company for the statements (default 1000000; cached under .data/)"),
        new("rounds", "timed calls per phase (default 200)"),
        new("phases", "all (default) or statements: only the financial statements on the generated company"),
    ];

    public async Task RunAsync(BenchmarkArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var records = arguments.PositiveInt("records", 1_000_000);
        var splits = arguments.PositiveInt("splits", 1_000_000);
        var rounds = arguments.PositiveInt("rounds", 200);
        var statementsOnly = arguments.Choice("phases", "all", "all", "statements") == "statements";
        var location = SyncBenchmark.EnsureCompany(splits, output);

        await using var azurite = await AzuriteServer.StartAsync(cancellationToken);
        using var silo = ResetBenchmark.BuildSilo(azurite.ConnectionString);
        await silo.StartAsync(cancellationToken);
        try
        {
            var grains = silo.Services.GetRequiredService<IGrainFactory>();
            var leases = silo.Services.GetRequiredService<PullLeases>();
            var store = silo.Services.GetRequiredService<IDatasetBlobStore>();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"reads benchmark{(statementsOnly ? " (statements only)" : "")}: {records:N0}-record dataset vs 100, {splits:N0}-split company, {rounds} calls per phase, " +
                $"{Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {ResetBenchmark.LoadAverage()}"));

            if (statementsOnly)
            {
                await StatementsAsync(grains, leases, store, location, output, cancellationToken);
                output.WriteLine($"load average at the end: {ResetBenchmark.LoadAverage()}");
                return;
            }

            var setup = Stopwatch.StartNew();
            var big = await CommitSyntheticAsync(grains, leases, "Big Data Ltd", records, cancellationToken);
            var small = await CommitSyntheticAsync(grains, leases, "Small Data Ltd", 100, cancellationToken);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"setup (not timed): {big.RecordCount:N0} records in {big.Blocks.Count} blocks and {small.RecordCount} in {small.Blocks.Count}, " +
                $"committed and indexed in {setup.Elapsed.TotalSeconds:0.0} s"));

            var random = new Random(42);
            var getBig = new List<double>();
            var getSmall = new List<double>();
            long bigReads = 0, smallReads = 0;
            await GetAsync(store, big, "invoices-0", cancellationToken);
            await GetAsync(store, small, "invoices-0", cancellationToken);
            for (var round = 0; round < rounds; round++)
            {
                // Alternate, so drift in the machine's load falls on both alike.
                var (b, bReads) = await GetAsync(store, big, $"invoices-{random.Next(records)}", cancellationToken);
                var (s, sReads) = await GetAsync(store, small, $"invoices-{random.Next(100)}", cancellationToken);
                getBig.Add(b);
                getSmall.Add(s);
                bigReads += bReads;
                smallReads += sReads;
            }

            var reader = new DatasetPageReader(store);
            var page1 = new List<double>();
            var page1000 = new List<double>();
            await PageAsync(reader, big, 1, cancellationToken);
            for (var round = 0; round < rounds; round++)
            {
                page1.Add(await PageAsync(reader, big, 1, cancellationToken));
                page1000.Add(await PageAsync(reader, big, 1000, cancellationToken));
            }

            output.WriteLine();
            output.WriteLine("| read | median ms | p90 ms | storage reads per call |");
            output.WriteLine("| --- | ---: | ---: | ---: |");
            Row(output, $"get by id, {records:N0} records", getBig, (double)bigReads / rounds);
            Row(output, "get by id, 100 records", getSmall, (double)smallReads / rounds);
            Row(output, $"list page 1 (pageSize 100), {records:N0} records", page1, 1);
            Row(output, "list page 1,000 (pageSize 100), same dataset", page1000, 1);
            output.WriteLine();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ratio get by id big/small: {ResetBenchmark.Median(getBig) / ResetBenchmark.Median(getSmall):0.00} (aim: within 2); " +
                $"ratio page 1,000/page 1: {ResetBenchmark.Median(page1000) / ResetBenchmark.Median(page1):0.00} (aim: within 2)"));

            await StatementsAsync(grains, leases, store, location, output, cancellationToken);
            output.WriteLine($"load average at the end: {ResetBenchmark.LoadAverage()}");
        }
        finally
        {
            await silo.StopAsync(CancellationToken.None);
        }
    }

    private static async Task StatementsAsync(
        IGrainFactory grains, PullLeases leases, IDatasetBlobStore store, Sage50CompanyLocation location, TextWriter output, CancellationToken cancellationToken)
    {
        var setup = Stopwatch.StartNew();
        var company = await CreateCompanyAsync(grains, "Statements Ltd");
        var operations = await company.QueueRefreshAll();
        long journalRecords = 0;
        await using (var source = await new SqliteSage50DataSourceFactory().OpenAsync(location, cancellationToken))
        {
            foreach (var dataType in new[] { DataTypeNames.Company, DataTypeNames.ChartOfAccounts, DataTypeNames.JournalEntries })
            {
                var lines = new List<string>();
                await foreach (var record in Sage50Readers.Default.For(dataType).ReadAsync(source, cancellationToken))
                {
                    lines.Add(Encoding.UTF8.GetString(record.Json.Span));
                }

                var operation = operations.Single(o => o.Operation?.DataType == dataType).Operation!;
                await CommitAsync(grains, leases, company, operation.Id, dataType, lines, cancellationToken);
                journalRecords += dataType == DataTypeNames.JournalEntries ? lines.Count : 0;
            }
        }

        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"statements setup (not timed): {journalRecords:N0} journal entries read from the Sage 50 company and committed in {setup.Elapsed.TotalSeconds:0.0} s"));
        output.WriteLine("| statement, 12 monthly periods | ms | storage reads |");
        output.WriteLine("| --- | ---: | ---: |");
        var loader = new LedgerLoader(store);
        foreach (var (name, build) in new (string, Func<Ledger, IReadOnlyList<StatementPeriod>, object>)[]
                 {
                     ("balance sheet", FinancialStatements.BalanceSheet),
                     ("profit and loss", FinancialStatements.ProfitAndLoss),
                     ("cash flow statement", FinancialStatements.CashFlowStatement),
                 })
        {
            var readsBefore = store.ReadsIssued;
            var watch = Stopwatch.StartNew();
            var (ledger, error) = await loader.LoadAsync(grains, company.GetPrimaryKeyString(), cancellationToken);
            if (ledger is null)
            {
                throw new InvalidOperationException($"The ledger did not load: {error}");
            }

            var periods = new StatementRequest(1, 12, null).Periods(ledger.Latest!.Value);
            _ = build(ledger, periods);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {watch.Elapsed.TotalMilliseconds:0} | {store.ReadsIssued - readsBefore} |"));
        }
    }

    private static async Task<(double Ms, long Reads)> GetAsync(IDatasetBlobStore store, CommittedDataset dataset, string id, CancellationToken cancellationToken)
    {
        var before = store.ReadsIssued;
        var watch = Stopwatch.StartNew();
        var record = await store.ReadRecordAsync(dataset, id, cancellationToken);
        var elapsed = watch.Elapsed.TotalMilliseconds;
        if (record is null || !Encoding.UTF8.GetString(record).Contains($"\"id\":\"{id}\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"get {id} did not return the record");
        }

        return (elapsed, store.ReadsIssued - before);
    }

    private static async Task<double> PageAsync(DatasetPageReader reader, CommittedDataset dataset, int page, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var result = await reader.ReadAsync(dataset, new DatasetPageQuery((page - 1) * 100L, 100, null, null, false), cancellationToken);
        var elapsed = watch.Elapsed.TotalMilliseconds;
        if (result.Records.Count != 100)
        {
            throw new InvalidOperationException($"page {page} held {result.Records.Count} records");
        }

        return elapsed;
    }

    private static async Task<CommittedDataset> CommitSyntheticAsync(IGrainFactory grains, PullLeases leases, string name, int count, CancellationToken cancellationToken)
    {
        var company = await CreateCompanyAsync(grains, name);
        var operations = await company.QueueRefreshAll();
        var operation = operations.Single(o => o.Operation?.DataType == DataTypeNames.Invoices).Operation!;
        var records = Enumerable.Range(0, count).Select(i => string.Create(CultureInfo.InvariantCulture,
            $"{{\"id\":\"invoices-{i}\",\"invoiceNumber\":\"INV{i:D7}\",\"totalAmount\":{i % 100_000}.{i % 100:00},\"currency\":\"GBP\"," +
            $"\"issueDate\":\"2026-{1 + (i % 12):00}-{1 + (i % 28):00}T00:00:00\",\"status\":\"Paid\",\"customerRef\":{{\"id\":\"C{i % 5000:D5}\"}}}}"));
        return await CommitAsync(grains, leases, company, operation.Id, DataTypeNames.Invoices, records, cancellationToken);
    }

    /// <summary>Commits records through the pull operation grain in 2 MiB batches, as the agent cuts them.</summary>
    private static async Task<CommittedDataset> CommitAsync(
        IGrainFactory grains, PullLeases leases, ICompanyGrain company, string operationId, string dataType, IEnumerable<string> records, CancellationToken cancellationToken)
    {
        var pull = grains.GetGrain<IPullOperationGrain>(operationId);
        var lease = leases.Issue(operationId, ConnectorId);
        await pull.Start(lease);
        var sequence = 0L;
        var total = 0L;
        var pending = new List<string>();
        var pendingBytes = 0;
        async Task FlushAsync()
        {
            var payload = Gzip(pending);
            var ack = await pull.AppendBatch(lease, new DatasetBatch(sequence, pending.Count, payload, SHA256.HashData(payload)), cancellationToken);
            if (!ack.Accepted)
            {
                throw new InvalidOperationException($"Batch {sequence} refused: {ack.Reason}");
            }

            sequence++;
            pending.Clear();
            pendingBytes = 0;
        }

        foreach (var record in records)
        {
            pending.Add(record);
            pendingBytes += record.Length + 1;
            total++;
            if (pendingBytes >= BatchBytes)
            {
                await FlushAsync();
            }
        }

        if (pending.Count > 0)
        {
            await FlushAsync();
        }

        var done = await pull.Complete(lease, total, cancellationToken);
        return done.IsCompleted && (await company.GetReadTarget(dataType))?.Dataset is { } committed
            ? committed
            : throw new InvalidOperationException($"{operationId} did not complete: {done.Status} {done.StatusDescription}");
    }

    private static byte[] Gzip(List<string> records)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new StreamWriter(gzip, new UTF8Encoding(false)))
        {
            foreach (var record in records)
            {
                writer.Write(record);
                writer.Write('\n');
            }
        }

        return buffer.ToArray();
    }

    private static async Task<ICompanyGrain> CreateCompanyAsync(IGrainFactory grains, string name)
    {
        var company = grains.GetGrain<ICompanyGrain>(Guid.NewGuid().ToString());
        await company.Create("bench-tenant", new CompanyProfile(name, null, Owner, new Dictionary<string, string>(), BankFeedsConnected: false));
        await company.CreateConnection("hbql");
        return company;
    }

    private static void Row(TextWriter output, string name, List<double> values, double reads) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {ResetBenchmark.Median(values):0.00} | {ResetBenchmark.Percentile(values, 0.9):0.00} | {reads:0.#} |"));
}
