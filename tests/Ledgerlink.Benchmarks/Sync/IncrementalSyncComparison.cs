using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs.Specialized;
using Ledgerlink.Benchmarks.Harness;
using Ledgerlink.DataTypes;
using Ledgerlink.EdgeAgent.Sage50.Access;
using Ledgerlink.EdgeAgent.Sage50.Demo;
using Ledgerlink.Grains.Datasets;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Processes;
using Microsoft.Data.Sqlite;

namespace Ledgerlink.Benchmarks.Sync;

/// <summary>
/// <c>sync --incremental 0.1%</c>: one real agent and silo process sync a copy of the company in full, the copy is
/// changed (a share of its audit splits' worth of edits, new transactions and deletions), and the same agent syncs it
/// again as deltas; time (refresh to every data type Complete) and bytes sent (the committed blobs of each sync's pull
/// operations: exactly the compressed batches the agent sent) of the incremental sync are divided by the full sync's.
/// </summary>
internal static class IncrementalSyncComparison
{
    private const string ApiKey = "bench-integrator-key-Ks2Fj8Dl4Pz6Xe0";

    /// <summary>What the run does besides the two syncs (see <see cref="SyncBenchmark.Options"/>).</summary>
    public sealed record Variant(bool ThenFull, string? KeepAgentLogIn, bool IndexModifyDates, int? ConcurrentPulls);

    public static async Task RunAsync(
        Sage50CompanyLocation cached, int splits, double share, Variant how, TextWriter output, CancellationToken cancellationToken)
    {
        var copy = Path.Combine(Path.GetTempPath(), $"ledgerlink-bench-incremental-{Guid.NewGuid():N}");
        DemoCompanyBackup.Copy(cached.DataDirectory, copy);
        var location = cached with { DataDirectory = copy };
        if (how.IndexModifyDates)
        {
            var clock = Stopwatch.StartNew();
            IndexModifyDates(DemoCompanyMutator.DatabaseFile(copy));
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  what-if: RECORD_MODIFY_DATE indexed in AUDIT_HEADER, AUDIT_SPLIT, AUDIT_JOURNAL and AUDIT_USAGE of the copy ({clock.Elapsed.TotalSeconds:N1} s); Sage's driver may not have such an index"));
        }

        var agentFolder = Path.Combine(Path.GetTempPath(), $"ledgerlink-bench-agent-{Guid.NewGuid():N}");
        try
        {
            await using var azurite = await AzuriteServer.StartAsync(cancellationToken);
            var settings = SiloProcess.Configure(azurite.ConnectionString, [
                new("Ledgerlink:Api:BootstrapKeys:0:Key", ApiKey),
                new("Ledgerlink:Api:BootstrapKeys:0:TenantId", "bench"),
                new("Ledgerlink:Api:BootstrapKeys:0:Role", "Integrator"),
            ]);
            await using var silo = await SiloProcess.StartAsync(settings);
            using var http = silo.CreateHttpClient(new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(ApiKey))));
            var companyId = (await PostAsync(http, "/companies", new { name = "Bench Joinery Ltd", ownerEmail = "bench@example.com" }))["id"]!.GetValue<string>();
            var linkCode = (await PostAsync(http, $"/companies/{companyId}/connections", new { platformKey = "hbql" }))["linkCode"]!.GetValue<string>();
            var agent = AgentProcess.For(silo, agentFolder, how.ConcurrentPulls is { } pulls
                ? new Dictionary<string, string?> { ["Ledgerlink:Agent:MaxConcurrentPulls"] = pulls.ToString(CultureInfo.InvariantCulture) }
                : null);
            await using var running = agent.Run();
            var link = await agent.LinkAsync(companyId, linkCode, location.DataDirectory, location.UserName, location.Password);
            if (link.ExitCode != 0)
            {
                throw new InvalidOperationException($"link failed: {link.StandardError}");
            }

            var full = await SyncAsync(http, silo, companyId, running, cancellationToken);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  full sync: {full.Seconds:N1} s, {full.Records:N0} records, {full.Bytes:N0} bytes sent; load average {InterleavedPhases.LoadAverage()}"));

            var changes = Math.Max(4, (int)Math.Round(splits * share));
            var options = new DemoMutationOptions(Edits: changes / 2, Posts: Math.Max(1, changes / 4), Deletes: Math.Max(1, changes / 4), Seed: 7);
            var mutation = DemoCompanyMutator.Mutate(location.DataDirectory, options);
            await output.WriteLineAsync($"  changed the copy: {mutation}");

            var delta = await SyncAsync(http, silo, companyId, running, cancellationToken);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  incremental sync: {delta.Seconds:N1} s, {delta.Records:N0} records sent, {delta.Bytes:N0} bytes sent; load average {InterleavedPhases.LoadAverage()}"));
            foreach (var line in delta.Descriptions)
            {
                await output.WriteLineAsync($"    {line}");
            }

            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"incremental / full: time {delta.Seconds / full.Seconds:N3}, bytes {(double)delta.Bytes / full.Bytes:N4} (aim: ≤ 0.02 for both)"));
            if (how.ThenFull)
            {
                // A full sync on top of a version whose deltas removed records: its commit carries those records forward
                // as retained removals, reading the previous base, inside the pull operation's completion.
                var again = await SyncAsync(http, silo, companyId, running, cancellationToken, fullSync: true);
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  full sync again (fullSync=true, on the version with removals): {again.Seconds:N1} s, {again.Records:N0} records, {again.Bytes:N0} bytes sent; load average {InterleavedPhases.LoadAverage()}"));
                foreach (var line in again.Descriptions)
                {
                    await output.WriteLineAsync($"    {line}");
                }

                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"full sync again / first full sync: time {again.Seconds / full.Seconds:N3}"));
            }
        }
        finally
        {
            if (how.KeepAgentLogIn is not null && Directory.Exists(Path.Combine(agentFolder, "logs")))
            {
                Directory.CreateDirectory(how.KeepAgentLogIn);
                foreach (var log in Directory.EnumerateFiles(Path.Combine(agentFolder, "logs")))
                {
                    File.Copy(log, Path.Combine(how.KeepAgentLogIn, Path.GetFileName(log)), overwrite: true);
                }
            }

            foreach (var folder in new[] { copy, agentFolder })
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (IOException)
                {
                    // A file still held by a process being reaped; temp is cleaned by the OS.
                }
            }
        }
    }

    private static async Task<(double Seconds, long Records, long Bytes, List<string> Descriptions)> SyncAsync(
        HttpClient http, SiloProcess silo, string companyId, ChildProcess agent, CancellationToken cancellationToken, bool fullSync = false)
    {
        var clock = Stopwatch.StartNew();
        var timeline = new SyncTimeline();
        foreach (var path in fullSync ? DataTypeNames.All.Select(t => $"/companies/{companyId}/data/queue/{t}?fullSync=true") : [$"/companies/{companyId}/data/all"])
        {
            using var refresh = await http.PostAsync(new Uri(path, UriKind.Relative), null, cancellationToken);
            refresh.EnsureSuccessStatusCode();
        }

        JsonNode status;
        while (true)
        {
            status = JsonNode.Parse(await http.GetStringAsync(new Uri($"/companies/{companyId}/dataStatus", UriKind.Relative), cancellationToken))!;
            timeline.Observe(clock.Elapsed, DataTypeNames.All.Select(t => (t, status[t]!["currentStatus"]!.GetValue<string>())));
            if (DataTypeNames.All.All(t => status[t]!["currentStatus"]!.GetValue<string>() is not ("Queued" or "Fetching")))
            {
                break;
            }

            // Polling another process's progress; 50 ms is the resolution of the measurement.
            await Task.Delay(50, cancellationToken);
        }

        var seconds = clock.Elapsed.TotalSeconds;
        long records = 0, bytes = 0;
        var descriptions = new List<string> { timeline.Describe().TrimEnd() };
        foreach (var dataType in DataTypeNames.All)
        {
            var datasetId = status[dataType]!["latestSyncId"]!.GetValue<string>();
            var operation = JsonNode.Parse(await http.GetStringAsync(new Uri($"/companies/{companyId}/data/history/{datasetId}", UriKind.Relative), cancellationToken))!;
            if (operation["status"]!.GetValue<string>() != "Complete")
            {
                throw new InvalidOperationException($"{dataType} ended {operation["status"]}: {operation}\n{agent.Tail()}");
            }

            records += operation["recordCount"]!.GetValue<long>();
            descriptions.Add($"{dataType}: {operation["statusDescription"]}");
            var blob = new BlockBlobClient(silo.StorageConnectionString, silo.DatasetContainer, DatasetBlobName.For(silo.ServiceId, companyId, dataType, datasetId));
            bytes += await blob.ExistsAsync(cancellationToken) ? (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value.ContentLength : 0;
        }

        return (seconds, records, bytes, descriptions);
    }

    private static async Task<JsonNode> PostAsync(HttpClient http, string path, object body)
    {
        using var response = await http.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? JsonNode.Parse(text)! : throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode} {text}");
    }

    private static void IndexModifyDates(string databaseFile)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databaseFile, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        connection.Open();
        foreach (var table in new[] { "AUDIT_HEADER", "AUDIT_SPLIT", "AUDIT_JOURNAL", "AUDIT_USAGE" })
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE INDEX WHATIF_{table}_MODIFIED ON {table} (RECORD_MODIFY_DATE)";
            command.ExecuteNonQuery();
        }
    }
}
