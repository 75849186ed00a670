namespace Ledgerlink.Silo.Api.Limits;

/// <summary>
/// The <c>Ledgerlink:Api:Limits</c> settings: how many requests a caller may make, how many unknown credentials it may
/// try, and how large a request body may be. A request past a rate limit is answered 429 with <c>Retry-After</c>.
/// </summary>
public sealed class RequestLimitOptions
{
    public const string SectionName = "Ledgerlink:Api:Limits";

    /// <summary>Requests per minute from one source address, whatever it presents.</summary>
    public int PerAddressPerMinute { get; set; } = 1200;

    /// <summary>Requests per minute with one API key (as presented in <c>Authorization</c>), from any address.</summary>
    public int PerApiKeyPerMinute { get; set; } = 600;

    /// <summary>
    /// Requests per minute from one source address without an API key: the link page and anything else anonymous.
    /// Stricter, since nothing identifies the caller.
    /// </summary>
    public int AnonymousPerAddressPerMinute { get; set; } = 60;

    /// <summary>
    /// Unknown API keys or link ids one source address may have looked up per minute. Past it, credentials and ids
    /// that are not already known to be unknown are refused 429 without a lookup, so guessing costs no grain
    /// activations or storage reads.
    /// </summary>
    public int UnknownLookupsPerAddressPerMinute { get; set; } = 20;

    /// <summary>Unknown API keys and link ids remembered per silo, each for <see cref="NegativeCacheLifetime"/>.</summary>
    public int NegativeCacheSize { get; set; } = 10_000;

    public TimeSpan NegativeCacheLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The largest request body any endpoint takes (a JSON body); endpoints that need less set their own.</summary>
    public long MaxRequestBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Throws when a setting cannot work, naming it.</summary>
    public void Validate()
    {
        foreach (var (name, value) in new[]
        {
            (nameof(PerAddressPerMinute), PerAddressPerMinute),
            (nameof(PerApiKeyPerMinute), PerApiKeyPerMinute),
            (nameof(AnonymousPerAddressPerMinute), AnonymousPerAddressPerMinute),
            (nameof(UnknownLookupsPerAddressPerMinute), UnknownLookupsPerAddressPerMinute),
            (nameof(NegativeCacheSize), NegativeCacheSize),
        })
        {
            if (value < 1)
            {
                throw new InvalidOperationException($"{SectionName}:{name} must be at least 1.");
            }
        }

        if (NegativeCacheLifetime <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{SectionName}:{nameof(NegativeCacheLifetime)} must be positive.");
        }

        if (MaxRequestBodyBytes < 1024)
        {
            throw new InvalidOperationException($"{SectionName}:{nameof(MaxRequestBodyBytes)} must be at least 1024.");
        }
    }
}
