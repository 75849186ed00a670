using Ledgerlink.Tenants;

namespace Ledgerlink.Tests.Tenants;

public sealed class ApiKeyHashTests
{
    [Fact]
    public void The_grain_key_is_the_lowercase_hex_sha256_of_the_key()
    {
        // FIPS 180-2's example: SHA-256("abc").
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ApiKeyHash.Compute("abc"));
        Assert.True(ApiKeyHash.IsHash(ApiKeyHash.Compute("abc")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD")]
    [InlineData("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015a")]
    [InlineData("ga7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    public void Anything_else_is_not_a_key_hash(string value) => Assert.False(ApiKeyHash.IsHash(value));

    [Fact]
    public void New_keys_are_40_random_url_safe_characters()
    {
        var keys = Enumerable.Range(0, 200).Select(_ => ApiKeyGenerator.NewKey()).ToList();

        Assert.All(keys, key =>
        {
            Assert.Equal(ApiKeyGenerator.Length, key.Length);
            Assert.All(key, c => Assert.True(char.IsAsciiLetterOrDigit(c), $"'{c}' in {key}"));
            Assert.Equal(key, Uri.EscapeDataString(key));
        });
        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
    }
}
