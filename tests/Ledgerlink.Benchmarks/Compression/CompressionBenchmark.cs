using System.Diagnostics;
using System.Globalization;
using Ledgerlink.Benchmarks.Harness;
using Ledgerlink.Benchmarks.Sync;
using Ledgerlink.DataTypes;
using Ledgerlink.EdgeAgent.Configuration;
using Ledgerlink.EdgeAgent.Sage50.Access;
using Ledgerlink.EdgeAgent.Sage50.Reading;
using Ledgerlink.EdgeAgent.Sync;

namespace Ledgerlink.Benchmarks.Compression;

/// <summary>
/// <c>compression</c>: the batches of a whole sync (every data type of a generated Sage 50 company, read by the agent's
/// readers and cut into NDJSON chunks as the agent cuts them) compressed by each <see cref="BatchCodec"/> in one run, on
/// one thread as the agent's compress stage runs, codecs in a different order every round. Prints bytes (per record
/// and against plain JSON), compress CPU, the silo's decompress cost, and a modelled sync time on a small office's
/// uplink: the agent compresses while it sends, so a sync takes the longer of the two.
/// </summary>
public sealed class CompressionBenchmark : IBenchmark
{
    public string Name => "compression";

    public string Description => "gzip (fastest, optimal, smallest) vs zstd and Brotli on a whole sync's batches: bytes, CPU and modelled uplink time";

    public IReadOnlyList<BenchmarkOption> Options { get; } =
    [
        new("splits", "size of the generated company in AUDIT_SPLIT rows (default 200000; cached under .data/)"),
        new("rounds", "timed rounds per codec (default 3; the median is printed)"),
        new("uplink-mbit", "the office uplink the sync time is modelled on, Mbit/s (default 10)"),
    ];

    public async Task RunAsync(BenchmarkArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var splits = arguments.PositiveInt("splits", 200_000);
        var rounds = arguments.PositiveInt("rounds", 3);
        var uplinkBitsPerSecond = arguments.PositiveInt("uplink-mbit", 10) * 1e6;
        var location = SyncBenchmark.EnsureCompany(splits, output);
        var (chunks, records) = await ReadChunksAsync(location, cancellationToken);
        var jsonBytes = chunks.Sum(c => (long)c.Length);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"compression benchmark: {splits:N0}-split company, {records:N0} records in {chunks.Count:N0} batches of at most {new AgentOptions().BatchBytes / 1024 / 1024} MiB, " +
            $"plain JSON {jsonBytes / 1e6:N1} MB ({(double)jsonBytes / records:N0} B/record), uplink {uplinkBitsPerSecond / 1e6:N0} Mbit/s, {rounds} rounds, " +
            $"{Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {InterleavedPhases.LoadAverage()}"));

        var codecs = BatchCodec.All;
        var runs = codecs.ToDictionary(c => c.Name, _ => new List<CodecRun>());
        for (var round = 0; round < rounds; round++)
        {
            var order = Enumerable.Range(0, codecs.Count).ToArray();
            new Random(round).Shuffle(order);
            foreach (var codec in order.Select(i => codecs[i]))
            {
                cancellationToken.ThrowIfCancellationRequested();
                runs[codec.Name].Add(Run(codec, chunks, verify: round == 0));
            }

            await output.WriteLineAsync($"round {round + 1}/{rounds} done, load average {InterleavedPhases.LoadAverage()}");
        }

        var fastest = Summary(runs[BatchCodec.GzipFastest.Name], uplinkBitsPerSecond);
        await output.WriteLineAsync();
        await output.WriteLineAsync("| codec | MB sent | B/record | ÷ plain JSON | compress s | compress CPU s | decompress s | uplink s | modelled sync s | sync ÷ gzip fastest | concatenates |");
        await output.WriteLineAsync("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var codec in codecs)
        {
            var s = Summary(runs[codec.Name], uplinkBitsPerSecond);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"| {codec.Name} | {s.Bytes / 1e6:N1} | {(double)s.Bytes / records:N1} | {(double)s.Bytes / jsonBytes:N3} | {s.CompressSeconds:N2} | {s.CompressCpuSeconds:N2} | " +
                $"{s.DecompressSeconds:N2} | {s.UplinkSeconds:N1} | {s.SyncSeconds:N1} | {s.SyncSeconds / fastest.SyncSeconds:N3} | {(codec.Concatenates ? "yes" : "no")} |"));
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync("compress s: median wall time on one thread for every batch, with each batch's SHA-256; modelled sync s = the longer of compressing and sending, " +
                                    "since the agent's pipeline does both at once; concatenates: batches joined end to end are one valid stream, so the silo commits them as blocks unchanged.");
        await output.WriteLineAsync($"load average at the end: {InterleavedPhases.LoadAverage()}");
    }

    private static async Task<(List<byte[]> Chunks, long Records)> ReadChunksAsync(Sage50CompanyLocation location, CancellationToken cancellationToken)
    {
        var chunkBytes = new AgentOptions().BatchBytes;
        var chunks = new List<byte[]>();
        long records = 0;
        var factory = new SqliteSage50DataSourceFactory();
        foreach (var dataType in DataTypeNames.All)
        {
            await using var source = await factory.OpenAsync(location, cancellationToken);
            await foreach (var chunk in NdjsonChunker.ChunkAsync(Sage50Readers.Default.For(dataType).ReadAsync(source, cancellationToken), 0, chunkBytes, cancellationToken))
            {
                // The chunker reuses its buffer: keep a copy of each chunk.
                chunks.Add(chunk.Buffer[..chunk.Length]);
                records += chunk.RecordCount;
            }
        }

        return (chunks, records);
    }

    private static CodecRun Run(BatchCodec codec, List<byte[]> chunks, bool verify)
    {
        var payloads = new byte[chunks.Count][];
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < chunks.Count; i++)
        {
            payloads[i] = codec.Compress(chunks[i], chunks[i].Length);
        }

        var compressSeconds = clock.Elapsed.TotalSeconds;
        process.Refresh();
        var cpuSeconds = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        clock.Restart();
        for (var i = 0; i < payloads.Length; i++)
        {
            var back = codec.Decompress(payloads[i], chunks[i].Length);
            if (verify && !back.AsSpan().SequenceEqual(chunks[i]))
            {
                throw new InvalidOperationException($"{codec.Name} did not give back batch {i} as it was.");
            }
        }

        return new CodecRun(payloads.Sum(p => (long)p.Length), compressSeconds, cpuSeconds, clock.Elapsed.TotalSeconds);
    }

    private static CodecSummary Summary(List<CodecRun> runs, double uplinkBitsPerSecond)
    {
        var compress = Median(runs.Select(r => r.CompressSeconds));
        var uplink = runs[0].Bytes * 8 / uplinkBitsPerSecond;
        return new CodecSummary(runs[0].Bytes, compress, Median(runs.Select(r => r.CompressCpuSeconds)), Median(runs.Select(r => r.DecompressSeconds)),
            uplink, Math.Max(compress, uplink));
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private sealed record CodecRun(long Bytes, double CompressSeconds, double CompressCpuSeconds, double DecompressSeconds);

    private sealed record CodecSummary(long Bytes, double CompressSeconds, double CompressCpuSeconds, double DecompressSeconds, double UplinkSeconds, double SyncSeconds);
}
