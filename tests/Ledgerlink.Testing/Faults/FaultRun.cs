using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Ledgerlink.DataTypes;
using Ledgerlink.EdgeAgent.Sage50.Access;
using Ledgerlink.Grains.Datasets;
using Ledgerlink.Testing.Processes;

namespace Ledgerlink.Testing.Faults;

/// <summary>
/// One run of the fault campaign: a fresh cluster, a full refresh of the reference company, the fault at a random
/// point of it, then the checks an operator would make: did the sync move again and how soon, did it commit exactly
/// what the company holds (count and SHA-256 per data type), do data status, history and reads say the same, did the
/// API answer anything but 200/409/503 meanwhile, and did every refresh accepted during the fault run afterwards.
/// </summary>
public sealed class FaultRun
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    private readonly FaultScenario _scenario;
    private readonly int _run;
    private readonly ReferenceCompany _company;
    private readonly Sage50CompanyLocation _bystanderCompany;
    private readonly FaultCampaignOptions _options;
    private readonly Random _random;
    private readonly List<string> _problems = [];
    private readonly Dictionary<int, int> _answers = [];
    private readonly List<string> _accepted = [];
    private int _nextBystanderType;
    private DateTimeOffset _nextBystanderRefresh;

    public FaultRun(FaultScenario scenario, int run, ReferenceCompany company, Sage50CompanyLocation bystanderCompany, FaultCampaignOptions options)
    {
        _scenario = scenario;
        _run = run;
        _company = company;
        _bystanderCompany = bystanderCompany;
        _options = options;
        _random = new Random(HashCode.Combine(options.Seed, run, (int)scenario));
    }

    public async Task<FaultRunResult> RunAsync(CancellationToken cancellationToken)
    {
        await using var cluster = await CampaignCluster.StartAsync(_scenario, cancellationToken);
        var linking = cluster.LinkedCompanyAsync("Fault Campaign Joinery Ltd", _company.Location, _options.BatchBytes, cancellationToken);
        var bystanderLinking = cluster.LinkedCompanyAsync("Bystander Ltd", _bystanderCompany, null, cancellationToken);
        var (companyId, agent) = await linking;
        var (bystanderId, bystanderAgent) = await bystanderLinking;
        var trigger = FaultTrigger.Pick(_scenario, _run, _random, _company);

        var http = cluster.Http(cluster.Silos[0]);
        try
        {
            using (var refresh = await http.PostAsync(new Uri($"/companies/{companyId}/data/all", UriKind.Relative), null, cancellationToken))
            {
                refresh.EnsureSuccessStatusCode();
            }

            var clock = Stopwatch.StartNew();
            var before = await WatchUntilAsync(http, companyId, trigger.IsDue, cancellationToken);
            var faultAt = clock.Elapsed.TotalSeconds;
            var phase = trigger.Describe(before);

            // The fault. Afterwards every request goes to a silo that lives through it.
            var faultEnded = Stopwatch.StartNew();
            if (_scenario.KillsASilo())
            {
                var (victim, survivor) = TcpConnections.EstablishedTo(cluster.Silos[1].GatewayPort) > 0 && TcpConnections.EstablishedTo(cluster.Silos[0].GatewayPort) == 0
                    ? (cluster.Silos[1], cluster.Silos[0])
                    : (cluster.Silos[0], cluster.Silos[1]);
                await victim.Process.KillAsync();
                http.Dispose();
                http = cluster.Http(survivor);
                faultEnded.Restart();
            }
            else
            {
                await cluster.Azurite.StopAsync();
                var outageEnds = Stopwatch.StartNew();
                var readyRefused = false;
                while (outageEnds.Elapsed < _options.Outage)
                {
                    await ProbeAsync(http, companyId, bystanderId, cancellationToken);
                    readyRefused |= await ReadyAsync(http, cancellationToken) == HttpStatusCode.ServiceUnavailable;
                    await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
                }

                await cluster.Azurite.StartAgainAsync(cancellationToken);
                faultEnded.Restart();
                if (!readyRefused)
                {
                    _problems.Add("/ready never answered 503 while storage was down");
                }
            }

            // Recovery: records stored beyond the most seen before the fault; then the end of the sync.
            double? recovery = null;
            var storedBefore = before.Stored;
            var after = before;
            while (!after.Finished)
            {
                if (faultEnded.Elapsed > _options.Patience)
                {
                    _problems.Add($"the sync did not finish within {_options.Patience.TotalMinutes:0} min of the fault: {after.Describe()}\n{agent.Tail(15)}");
                    break;
                }

                await Task.Delay(Poll, cancellationToken);
                after = await ProbeAsync(http, companyId, bystanderId, cancellationToken) ?? after;
                if (recovery is null && (after.Stored > storedBefore || after.Finished))
                {
                    recovery = faultEnded.Elapsed.TotalSeconds;
                }
            }

            var finished = after.Finished ? faultEnded.Elapsed.TotalSeconds : (double?)null;
            var (exact, viewsAgree) = after.Finished ? await VerifyAsync(http, cluster, companyId, cancellationToken) : (0, false);
            var ran = await AcceptedRanAsync(http, bystanderId, cancellationToken);
            if (await ReadyAsync(http, cancellationToken) is var ready && ready != HttpStatusCode.OK)
            {
                _problems.Add($"/ready answered {(int)ready} after the sync finished");
            }

            HeardOnlyTheContractsErrors(agent);
            HeardOnlyTheContractsErrors(bystanderAgent);
            return new FaultRunResult(_scenario, _run, faultAt, phase, recovery, finished, exact, DataTypeNames.All.Count, viewsAgree,
                _answers, _accepted.Count, ran, _problems);
        }
        finally
        {
            http.Dispose();
        }
    }

    private static async Task<HttpStatusCode> ReadyAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri("/ready", UriKind.Relative), cancellationToken);
        return response.StatusCode;
    }

    /// <summary>An agent hears only the agent contract's own error records (no server-side types) and never gives a pull up for them.</summary>
    private void HeardOnlyTheContractsErrors(ChildProcess agent)
    {
        foreach (var line in agent.Lines.Where(l => l.Contains("TypeLoadException", StringComparison.Ordinal)
                                                    || l.Contains("unexpected error", StringComparison.Ordinal)
                                                    || (l.Contains("Pull ", StringComparison.Ordinal) && l.Contains("failed:", StringComparison.Ordinal))).Take(3))
        {
            _problems.Add($"{agent.Name}: {line}");
        }
    }

    /// <summary>Watches the sync until the fault is due (or the sync ends first, which the trigger treats as due).</summary>
    private async Task<SyncProgress> WatchUntilAsync(HttpClient http, string companyId, Func<SyncProgress, bool> due, CancellationToken cancellationToken)
    {
        while (true)
        {
            var progress = await SyncProgress.ReadAsync(http, companyId, cancellationToken);
            if (progress is not null && (due(progress) || progress.Finished))
            {
                return progress;
            }

            await Task.Delay(Poll, cancellationToken);
        }
    }

    /// <summary>
    /// The integrator's view during and after the fault: the company's history (its answer tallied) and, about once a
    /// second, a refresh of the bystander company (a different data type each time, so most are new work): accepted
    /// ones must run later, refused ones must be 503 with Retry-After and canBeRetried, or 409 (already queued).
    /// </summary>
    private async Task<SyncProgress?> ProbeAsync(HttpClient http, string companyId, string bystanderId, CancellationToken cancellationToken)
    {
        if (DateTimeOffset.UtcNow >= _nextBystanderRefresh)
        {
            _nextBystanderRefresh = DateTimeOffset.UtcNow.AddSeconds(1);
            var dataType = DataTypeNames.All[_nextBystanderType++ % DataTypeNames.All.Count];
            await AskAsync(http, HttpMethod.Post, $"/companies/{bystanderId}/data/queue/{dataType}", body =>
            {
                if (body?["id"]?.GetValue<string>() is { } id)
                {
                    _accepted.Add(id);
                }
            }, cancellationToken);
        }

        SyncProgress? progress = null;
        await AskAsync(http, HttpMethod.Get, $"/companies/{companyId}/data/history?pageSize=100", body => progress = body is null ? null : SyncProgress.From(body), cancellationToken);
        return progress;
    }

    private async Task AskAsync(HttpClient http, HttpMethod method, string path, Action<JsonNode?> ok, CancellationToken cancellationToken)
    {
        int status;
        try
        {
            using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
            using var response = await http.SendAsync(request, cancellationToken);
            status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                ok(text.Length == 0 ? null : JsonNode.Parse(text));
            }
            else if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                var canBeRetried = JsonNode.Parse(text)?["canBeRetried"]?.GetValue<string>();
                if (response.Headers.RetryAfter is null || canBeRetried != "True")
                {
                    _problems.Add($"{method} {path}: 503 without Retry-After or canBeRetried True: {text}");
                }
            }
            else if (response.StatusCode != HttpStatusCode.Conflict)
            {
                _problems.Add($"{method} {path}: {status} {text}");
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // 0: no answer at all (connection refused or no response within the client's timeout).
            status = 0;
            _problems.Add($"{method} {path}: no answer ({e.GetType().Name}: {e.Message})");
        }

        _answers[status] = _answers.GetValueOrDefault(status) + 1;
    }

    /// <summary>Every data type: committed data equal to the reference, and status, history and a read agreeing.</summary>
    private async Task<(int Exact, bool ViewsAgree)> VerifyAsync(HttpClient http, CampaignCluster cluster, string companyId, CancellationToken cancellationToken)
    {
        var exact = 0;
        var agree = true;
        var status = JsonNode.Parse(await http.GetStringAsync(new Uri($"/companies/{companyId}/dataStatus", UriKind.Relative), cancellationToken))!;
        var silo = cluster.Silos[0];
        var container = new BlobContainerClient(cluster.Azurite.ConnectionString, silo.DatasetContainer);
        foreach (var dataType in DataTypeNames.All)
        {
            var entry = status[dataType]!;
            var datasetId = entry["latestSyncId"]!.GetValue<string>();
            var operation = JsonNode.Parse(await http.GetStringAsync(new Uri($"/companies/{companyId}/data/history/{datasetId}", UriKind.Relative), cancellationToken))!;
            var count = entry["recordCount"]?.GetValue<long>() ?? -1;
            using var read = await http.GetAsync(new Uri($"/companies/{companyId}/data/{dataType}?page=1&pageSize=1", UriKind.Relative), cancellationToken);
            var readCount = read.IsSuccessStatusCode ? JsonNode.Parse(await read.Content.ReadAsStringAsync(cancellationToken))!["totalResults"]!.GetValue<long>() : -1;
            var views = $"status {entry["currentStatus"]} ({count}), latest successful {entry["latestSuccessfulSyncId"]}, history {operation["status"]} ({operation["recordCount"]}), read {(int)read.StatusCode} ({readCount})";
            if (entry["currentStatus"]!.GetValue<string>() != "Complete" || entry["latestSuccessfulSyncId"]?.GetValue<string>() != datasetId
                || operation["status"]!.GetValue<string>() != "Complete" || operation["recordCount"]!.GetValue<long>() != count || readCount != count)
            {
                agree = false;
                _problems.Add($"{dataType}: the views disagree: {views}");
            }

            var stored = await FingerprintAsync(container.GetBlobClient(DatasetBlobName.For(silo.ServiceId, companyId, dataType, datasetId)), cancellationToken);
            if (stored == _company.Expected[dataType])
            {
                exact++;
            }
            else
            {
                _problems.Add($"{dataType}: committed {stored.Records} records (SHA-256 {stored.Sha256[..12]}), the company holds {_company.Expected[dataType].Records} ({_company.Expected[dataType].Sha256[..12]})");
            }
        }

        return (exact, agree);
    }

    private static async Task<DatasetFingerprint> FingerprintAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        await using var compressed = await blob.OpenReadAsync(cancellationToken: cancellationToken);
        await using var gzip = new GZipStream(compressed, CompressionMode.Decompress);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        long records = 0;
        int read;
        while ((read = await gzip.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            records += buffer.AsSpan(0, read).Count((byte)'\n');
        }

        return new DatasetFingerprint(records, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    /// <summary>How many of the bystander refreshes accepted during the fault ended Complete (each waited for).</summary>
    private async Task<int> AcceptedRanAsync(HttpClient http, string bystanderId, CancellationToken cancellationToken)
    {
        var ran = 0;
        var deadline = Stopwatch.StartNew();
        foreach (var id in _accepted.Distinct(StringComparer.Ordinal))
        {
            string status;
            while (true)
            {
                using var response = await http.GetAsync(new Uri($"/companies/{bystanderId}/data/history/{id}", UriKind.Relative), cancellationToken);
                status = response.IsSuccessStatusCode
                    ? JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!["status"]!.GetValue<string>()
                    : $"HTTP {(int)response.StatusCode}";
                if (status is not ("Queued" or "Fetching") || deadline.Elapsed > _options.Patience)
                {
                    break;
                }

                await Task.Delay(Poll, cancellationToken);
            }

            if (status == "Complete")
            {
                ran++;
            }
            else
            {
                _problems.Add($"bystander refresh {id} accepted during the fault ended {status}");
            }
        }

        return ran;
    }
}
