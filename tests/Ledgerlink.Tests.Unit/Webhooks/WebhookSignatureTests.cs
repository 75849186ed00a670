using Ledgerlink.Grains.Webhooks;

namespace Ledgerlink.Tests.Webhooks;

public sealed class WebhookSignatureTests
{
    // The example published in the Svix / Standard Webhooks documentation, which Codat's signatures follow.
    private const string PublishedSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string PublishedId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const long PublishedTimestamp = 1614265330;
    private const string PublishedBody = """{"test": 2432232314}""";
    private const string PublishedSignature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private static readonly DateTimeOffset PublishedTime = DateTimeOffset.FromUnixTimeSeconds(PublishedTimestamp);

    [Fact]
    public void Signs_the_published_example_exactly_as_documented()
    {
        Assert.Equal(PublishedSignature, WebhookSignature.Sign(PublishedSecret, PublishedId, PublishedTimestamp, PublishedBody));
        Assert.True(Verify(PublishedSignature));
    }

    [Fact]
    public void Rejects_a_changed_body_id_timestamp_or_secret()
    {
        Assert.False(Verify(PublishedSignature, body: """{"test": 2432232315}"""));
        Assert.False(Verify(PublishedSignature, id: "msg_other"));
        Assert.False(Verify(PublishedSignature, timestamp: (PublishedTimestamp + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.False(WebhookSignature.Verify(
            WebhookSignature.NewSecret(), PublishedId, PublishedTimestamp.ToString(System.Globalization.CultureInfo.InvariantCulture),
            PublishedBody, PublishedSignature, now: PublishedTime));
    }

    [Fact]
    public void Rejects_timestamps_outside_the_tolerance_window_to_stop_replays()
    {
        Assert.True(Verify(PublishedSignature, now: PublishedTime.AddMinutes(4)));
        Assert.True(Verify(PublishedSignature, now: PublishedTime.AddMinutes(-4)));
        Assert.False(Verify(PublishedSignature, now: PublishedTime.AddMinutes(6)));
        Assert.False(Verify(PublishedSignature, now: PublishedTime.AddMinutes(-6)));
        Assert.True(WebhookSignature.Verify(
            PublishedSecret, PublishedId, PublishedTimestamp.ToString(System.Globalization.CultureInfo.InvariantCulture),
            PublishedBody, PublishedSignature, tolerance: TimeSpan.FromHours(1), now: PublishedTime.AddMinutes(30)));
    }

    [Theory]
    [InlineData("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", true)]
    [InlineData("v1,bm90IHRoaXMgb25l v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", true)]
    [InlineData("v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", false)]
    [InlineData("g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", false)]
    [InlineData("v1,not base64!", false)]
    [InlineData("v1,", false)]
    [InlineData("", false)]
    public void Accepts_any_matching_v1_signature_in_the_header_and_nothing_else(string header, bool valid) =>
        Assert.Equal(valid, Verify(header));

    [Fact]
    public void Rejects_a_missing_or_malformed_timestamp()
    {
        Assert.False(Verify(PublishedSignature, timestamp: null));
        Assert.False(Verify(PublishedSignature, timestamp: "-1614265330"));
        Assert.False(Verify(PublishedSignature, timestamp: "1614265330.0"));
    }

    [Fact]
    public void New_secrets_are_whsec_and_24_random_bytes_that_sign_and_verify()
    {
        var secret = WebhookSignature.NewSecret();

        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(24, Convert.FromBase64String(secret["whsec_".Length..]).Length);
        Assert.NotEqual(secret, WebhookSignature.NewSecret());
        var now = DateTimeOffset.UtcNow;
        var signature = WebhookSignature.Sign(secret, "evt-1", now, "{}");
        Assert.True(WebhookSignature.Verify(
            secret, "evt-1", now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), "{}", signature));
    }

    [Theory]
    [InlineData("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")]
    [InlineData("whsec_c2hvcnQ=")]
    [InlineData("whsec_not base64")]
    public void Signing_with_a_malformed_secret_is_refused(string secret)
    {
        Assert.False(WebhookSignature.IsValidSecret(secret));
        Assert.Throws<ArgumentException>(() => WebhookSignature.Sign(secret, "id", 1, "{}"));
    }

    private static bool Verify(
        string header, string? id = PublishedId, string? timestamp = "1614265330", string body = PublishedBody,
        DateTimeOffset? now = null) =>
        WebhookSignature.Verify(PublishedSecret, id, timestamp, body, header, now: now ?? PublishedTime);
}
