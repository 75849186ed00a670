namespace Ledgerlink.Silo.Hosting;

/// <summary>
/// <c>ledgerlink-silo probe [url]</c>: exit 0 when the URL (default the silo's own <c>/health</c> on port 8080, as the
/// container runs it) answers 2xx within 5 s, 1 otherwise. The container's health check, where no curl is installed.
/// </summary>
public static class HealthProbe
{
    public const string Verb = "probe";
    public const string DefaultUrl = "http://127.0.0.1:8080/health";

    public static async Task<int> RunAsync(string[] args)
    {
        var target = args.Length > 1 ? args[1] : DefaultUrl;
        if (!Uri.TryCreate(target, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            await Console.Error.WriteLineAsync($"ledgerlink-silo probe: '{target}' is not an http(s) URL.");
            return 2;
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await http.GetAsync(url);
            if (response.IsSuccessStatusCode)
            {
                return 0;
            }

            await Console.Error.WriteLineAsync($"ledgerlink-silo probe: {url} answered {(int)response.StatusCode}.");
            return 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            await Console.Error.WriteLineAsync($"ledgerlink-silo probe: {url} did not answer ({e.GetType().Name}).");
            return 1;
        }
    }
}
