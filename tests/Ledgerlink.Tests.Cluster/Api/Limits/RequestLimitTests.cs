using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Ledgerlink.Grains.Diagnostics;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Tests.Api.BadInput;
using Ledgerlink.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Ledgerlink.Tests.Api.Limits;

/// <summary>
/// The HTTP API's limits as an attacker meets them, each against a real silo started with the limit under test set low:
/// bursts get 429 with <c>Retry-After</c> in Codat's error body, floods of random API keys or link ids cost no more grain
/// lookups than the per-address budget, and a body that never ends is refused 413 while it is still arriving.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class RequestLimitTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_burst_past_the_per_key_limit_gets_429_with_Retry_After_and_other_keys_are_unaffected()
    {
        await using var silo = await StartAsync(("PerApiKeyPerMinute", "5"));
        using var a = silo.CreateHttpClient(TestApiKeys.IntegratorA);
        using var b = silo.CreateHttpClient(TestApiKeys.IntegratorB);
        for (var i = 0; i < 5; i++)
        {
            using var allowed = await a.GetAsync(new Uri("/companies", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await a.GetAsync(new Uri("/companies", UriKind.Relative));
        await AssertTooManyAsync(refused);

        using var other = await b.GetAsync(new Uri("/companies", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task A_burst_on_the_anonymous_link_page_gets_429_sooner_than_keyed_callers()
    {
        await using var silo = await StartAsync(("AnonymousPerAddressPerMinute", "5"), ("PerApiKeyPerMinute", "50"));
        using var anonymous = silo.CreateHttpClient();
        using var keyed = silo.CreateHttpClient(TestApiKeys.IntegratorA);
        var path = new Uri($"/link/{Guid.NewGuid()}", UriKind.Relative);
        for (var i = 0; i < 5; i++)
        {
            using var page = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        }

        using var refused = await anonymous.GetAsync(path);
        await AssertTooManyAsync(refused);

        // The same address with a key is limited as that key, not as the anonymous caller.
        for (var i = 0; i < 10; i++)
        {
            using var allowed = await keyed.GetAsync(new Uri("/companies", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        // Health probes are never limited.
        using var health = await anonymous.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, health.StatusCode);
    }

    [Fact]
    public async Task A_burst_past_the_per_address_limit_gets_429_whatever_key_is_presented()
    {
        await using var silo = await StartAsync(("PerAddressPerMinute", "8"));
        var statuses = new List<HttpStatusCode>();
        foreach (var key in new[] { TestApiKeys.IntegratorA, TestApiKeys.IntegratorB, TestApiKeys.Support })
        {
            using var http = silo.CreateHttpClient(key);
            for (var i = 0; i < 3; i++)
            {
                using var response = await http.GetAsync(new Uri("/companies", UriKind.Relative));
                statuses.Add(response.StatusCode);
            }
        }

        Assert.Equal(8, statuses.Count(s => s != HttpStatusCode.TooManyRequests));
        using var last = silo.CreateHttpClient(TestApiKeys.IntegratorA);
        await AssertTooManyAsync(await last.GetAsync(new Uri("/companies", UriKind.Relative)));
    }

    [Fact]
    public async Task A_flood_of_random_api_keys_costs_no_more_key_lookups_than_the_budget()
    {
        const int budget = 10;
        await using var silo = await StartAsync(("UnknownLookupsPerAddressPerMinute", budget.ToString(CultureInfo.InvariantCulture)));
        var tally = silo.Services.GetRequiredService<GrainCallTally>();
        var before = Calls(tally, "IApiKeyGrain");

        // One unknown key, many times: looked up once, then answered from the negative cache.
        var repeated = $"guess-{Guid.NewGuid():N}";
        using (var http = silo.CreateHttpClient(repeated))
        {
            for (var i = 0; i < 50; i++)
            {
                using var response = await http.GetAsync(new Uri("/companies", UriKind.Relative));
                await ApiCall.AssertCodatErrorAsync(response, 401, null, "Unauthorized");
            }
        }

        Assert.Equal(1, Calls(tally, "IApiKeyGrain") - before);

        // Many random keys: once the address has spent its budget on unknown keys, the rest are not looked up.
        var statuses = new Dictionary<HttpStatusCode, int>();
        for (var i = 0; i < 300; i++)
        {
            using var http = silo.CreateHttpClient($"guess-{Guid.NewGuid():N}");
            using var response = await http.GetAsync(new Uri("/companies", UriKind.Relative));
            Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
            statuses[response.StatusCode] = statuses.GetValueOrDefault(response.StatusCode) + 1;
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                await AssertTooManyAsync(response);
            }
        }

        var lookups = Calls(tally, "IApiKeyGrain") - before;
        Assert.True(lookups <= budget, $"{lookups} key lookups for 350 unknown-key requests; budget {budget}");
        Assert.Equal(budget - 1, statuses.GetValueOrDefault(HttpStatusCode.Unauthorized));
        Assert.Equal(300 - (budget - 1), statuses.GetValueOrDefault(HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task A_flood_of_random_link_ids_costs_no_more_company_lookups_than_the_budget()
    {
        const int budget = 10;
        await using var silo = await StartAsync(("UnknownLookupsPerAddressPerMinute", budget.ToString(CultureInfo.InvariantCulture)));
        var tally = silo.Services.GetRequiredService<GrainCallTally>();
        using var http = silo.CreateHttpClient();
        var before = Calls(tally, "ICompanyGrain");

        var repeated = new Uri($"/link/{Guid.NewGuid()}", UriKind.Relative);
        for (var i = 0; i < 50; i++)
        {
            using var response = await http.GetAsync(repeated);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        Assert.Equal(1, Calls(tally, "ICompanyGrain") - before);

        var tooMany = 0;
        for (var i = 0; i < 300; i++)
        {
            using var response = await http.GetAsync(new Uri($"/link/{Guid.NewGuid()}/connections/{Guid.NewGuid()}/start", UriKind.Relative));
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.TooManyRequests, response.StatusCode.ToString());
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                tooMany++;
                await AssertTooManyAsync(response);
            }
        }

        var lookups = Calls(tally, "ICompanyGrain") - before;
        Assert.True(lookups <= budget, $"{lookups} company lookups for 350 unknown-link requests; budget {budget}");
        Assert.Equal(300 - (budget - 1), tooMany);
    }

    [Theory]
    [InlineData("/companies", 256)]
    [InlineData("/webhooks", 16)]
    public async Task A_body_that_never_ends_is_refused_413_while_it_is_still_arriving(string path, int limitKiB)
    {
        await using var silo = await StartAsync();
        const long giveUpAfter = 64L * 1024 * 1024;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(silo.BaseAddress.Host, silo.BaseAddress.Port);
        using var stream = tcp.GetStream();
        var head = $"POST {path} HTTP/1.1\r\nHost: {silo.BaseAddress.Authority}\r\n" +
            $"Authorization: {TestApiKeys.Header(TestApiKeys.IntegratorA)}\r\nContent-Type: application/json\r\n" +
            "Transfer-Encoding: chunked\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));

        // Keeps sending a JSON string that never closes, until the server answers or closes; bounded by giveUpAfter.
        using var answered = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var reading = ReadResponseAsync(stream, answered.Token);
        var chunk = Encoding.ASCII.GetBytes($"4000\r\n{new string('x', 0x4000)}\r\n");
        long sent = 0;
        var first = Encoding.ASCII.GetBytes("9\r\n{\"name\":\"\r\n");
        await stream.WriteAsync(first);
        try
        {
            while (!reading.IsCompleted && sent < giveUpAfter)
            {
                await stream.WriteAsync(chunk, answered.Token);
                sent += 0x4000;
            }
        }
        catch (IOException)
        {
            // The server closed the connection after answering: expected.
        }

        var (status, headers, body) = await reading;
        Assert.True(sent < giveUpAfter, $"the server read {sent} bytes without answering");
        Assert.Equal(413, status);
        Assert.Contains("application/json", headers, StringComparison.OrdinalIgnoreCase);
        var error = JsonNode.Parse(body)!;
        Assert.Equal(413, error["statusCode"]!.GetValue<int>());
        Assert.Contains($"larger than {limitKiB} KiB", error["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private async Task<RunningSilo> StartAsync(params (string Name, string Value)[] limits)
    {
        var overrides = limits.ToDictionary(l => $"Ledgerlink:Api:Limits:{l.Name}", l => (string?)l.Value);
        return await RunningSilo.StartAsync(RunningSilo.Configure(azurite.ConnectionString, overrides));
    }

    private static long Calls(GrainCallTally tally, string grainInterface) =>
        tally.Snapshot().Where(c => c.Key.Contains(grainInterface, StringComparison.Ordinal)).Sum(c => c.Value);

    private static async Task AssertTooManyAsync(HttpResponseMessage response)
    {
        var error = await ApiCall.AssertCodatErrorAsync(response, 429, null, "Too many requests");
        Assert.Equal("True", error["canBeRetried"]!.GetValue<string>());
        var retryAfter = response.Headers.RetryAfter?.Delta ?? throw new Xunit.Sdk.XunitException("No Retry-After header");
        Assert.InRange(retryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
    }

    /// <summary>Reads one HTTP/1.1 response (status line, headers, Content-Length or chunked body).</summary>
    private static async Task<(int Status, string Headers, string Body)> ReadResponseAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var received = new MemoryStream();
        var buffer = new byte[8192];
        int headerEnd;
        while ((headerEnd = IndexOf(received, "\r\n\r\n"u8)) < 0)
        {
            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                throw new IOException("Connection closed before a response.");
            }

            received.Write(buffer, 0, read);
        }

        var text = Encoding.ASCII.GetString(received.GetBuffer(), 0, (int)received.Length);
        var headers = text[..headerEnd];
        var status = int.Parse(headers.Split(' ')[1], CultureInfo.InvariantCulture);
        var lengthLine = headers.Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        var chunked = headers.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase);
        while (true)
        {
            var bodyText = Encoding.UTF8.GetString(received.GetBuffer(), headerEnd + 4, (int)received.Length - headerEnd - 4);
            if (lengthLine is not null && Encoding.UTF8.GetByteCount(bodyText) >= int.Parse(lengthLine.Split(':')[1].Trim(), CultureInfo.InvariantCulture))
            {
                return (status, headers, bodyText);
            }

            if (chunked && bodyText.EndsWith("0\r\n\r\n", StringComparison.Ordinal))
            {
                var start = bodyText.IndexOf("\r\n", StringComparison.Ordinal) + 2;
                var end = bodyText.LastIndexOf("\r\n0\r\n\r\n", StringComparison.Ordinal);
                return (status, headers, bodyText[start..end]);
            }

            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                return (status, headers, bodyText);
            }

            received.Write(buffer, 0, read);
        }
    }

    private static int IndexOf(MemoryStream stream, ReadOnlySpan<byte> pattern) =>
        stream.GetBuffer().AsSpan(0, (int)stream.Length).IndexOf(pattern);
}
