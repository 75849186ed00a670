using Ledgerlink.Grains.Storage;
using Ledgerlink.Testing.Azurite;

namespace Ledgerlink.Tests.Storage;

/// <summary>Bad settings are reported at silo start, naming the provider and the setting, never echoing the key.</summary>
public sealed class BlobGrainStorageOptionsValidatorTests
{
    private const string ProviderName = "grain-store";
    private const string SecretKey = "c2VjcmV0LWFjY291bnQta2V5LW5ldmVyLWxvZ2dlZA==";

    [Fact]
    public void A_missing_connection_string_is_reported_by_setting_name()
    {
        var error = Validate(new BlobGrainStorageOptions { ConnectionString = null });

        Assert.Contains("ConnectionString", error.Message);
        Assert.Contains("missing", error.Message);
        Assert.Contains(ProviderName, error.Message);
    }

    [Theory]
    [InlineData("this is not a connection string")]
    [InlineData("DefaultEndpointsProtocol=http;AccountName=acct;AccountKey=" + SecretKey + ";BlobEndpoint=not a uri")]
    [InlineData("AccountKey=" + SecretKey)]
    public void A_malformed_connection_string_is_reported_by_setting_name_without_echoing_it(string connectionString)
    {
        var error = Validate(new BlobGrainStorageOptions { ConnectionString = connectionString });

        Assert.Contains("ConnectionString", error.Message);
        Assert.Contains("malformed", error.Message);
        Assert.DoesNotContain(SecretKey, error.Message);
        Assert.DoesNotContain(connectionString, error.Message);
    }

    [Theory]
    [InlineData("Grain_State")]
    [InlineData("ab")]
    [InlineData("double--hyphen")]
    [InlineData("-leading-hyphen")]
    [InlineData("")]
    public void An_invalid_container_name_is_reported_by_setting_name(string containerName)
    {
        var error = Validate(new BlobGrainStorageOptions
        {
            ConnectionString = AzuriteServer.ConnectionStringFor(10000),
            ContainerName = containerName,
        });

        Assert.Contains("ContainerName", error.Message);
        Assert.Contains($"'{containerName}'", error.Message);
    }

    [Fact]
    public void Well_formed_settings_pass()
    {
        var validator = new BlobGrainStorageOptionsValidator(
            new BlobGrainStorageOptions { ConnectionString = AzuriteServer.ConnectionStringFor(10000), ContainerName = "grain-state-01" },
            ProviderName);

        validator.ValidateConfiguration();
    }

    [Fact]
    public async Task A_silo_with_an_invalid_container_name_refuses_to_start()
    {
        var start = StorageTestCluster.StartAsync("validation-tests", options =>
        {
            options.ConnectionString = AzuriteServer.ConnectionStringFor(AzuriteServer.FreeTcpPort());
            options.ContainerName = "Not_Valid";
        });

        var error = await Assert.ThrowsAnyAsync<Exception>(() => start);

        var configurationError = FindInChain<OrleansConfigurationException>(error);
        Assert.True(configurationError is not null, $"expected an OrleansConfigurationException, got: {error}");
        Assert.Contains("ContainerName", configurationError.Message);
    }

    private static OrleansConfigurationException Validate(BlobGrainStorageOptions options) =>
        Assert.Throws<OrleansConfigurationException>(
            () => new BlobGrainStorageOptionsValidator(options, ProviderName).ValidateConfiguration());

    private static T? FindInChain<T>(Exception? error)
        where T : Exception
    {
        for (; error is not null; error = error.InnerException)
        {
            if (error is T found)
            {
                return found;
            }

            if (error is AggregateException aggregate)
            {
                return aggregate.InnerExceptions.Select(FindInChain<T>).FirstOrDefault(found => found is not null);
            }
        }

        return null;
    }
}
