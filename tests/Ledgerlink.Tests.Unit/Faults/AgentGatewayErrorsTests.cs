using Azure;
using Ledgerlink.Agents;
using Ledgerlink.Grains.Agents;
using Ledgerlink.Grains.Faults;
using Orleans.Storage;

namespace Ledgerlink.Tests.Faults;

/// <summary>
/// What crosses the gateway: the contract's own exceptions and plain .NET argument errors as they are; anything carrying
/// a server-side type (however deeply wrapped) becomes the contract's <see cref="AgentCallFailedException"/>.
/// </summary>
public sealed class AgentGatewayErrorsTests
{
    [Fact]
    public void Storage_failures_however_wrapped_become_a_retryable_StorageUnavailable()
    {
        Exception[] failures =
        [
            new RequestFailedException("Connection refused"),
            new OrleansException("Failed to write", new AggregateException(new RequestFailedException("refused"))),
            new InconsistentStateException("ETag mismatch"),
            new InvalidOperationException("wrapped", new HttpRequestException("refused")),
        ];
        foreach (var failure in failures)
        {
            var translated = AgentGatewayErrors.Translate(failure);
            Assert.NotNull(translated);
            Assert.Equal(AgentErrorKind.StorageUnavailable, translated.Kind);
            Assert.True(translated.Retryable);
            Assert.Null(translated.InnerException);
            Assert.True(StorageFaults.IsTransient(failure));
        }
    }

    [Fact]
    public void Lost_silos_become_ClusterUnavailable_and_unknown_server_types_Unexpected()
    {
        Assert.Equal(AgentErrorKind.ClusterUnavailable, AgentGatewayErrors.Translate(new TimeoutException("no answer"))!.Kind);
        Assert.Equal(AgentErrorKind.ClusterUnavailable, AgentGatewayErrors.Translate(new SiloUnavailableException("gone"))!.Kind);
        var unexpected = AgentGatewayErrors.Translate(new OrleansException("something else"));
        Assert.Equal(AgentErrorKind.Unexpected, unexpected!.Kind);
        Assert.True(unexpected.Retryable);
        Assert.False(StorageFaults.IsTransient(new OrleansException("something else")));
    }

    [Fact]
    public void The_contracts_own_and_plain_argument_errors_cross_as_they_are()
    {
        Assert.Null(AgentGatewayErrors.Translate(new AgentAccessDeniedException("refused")));
        Assert.Null(AgentGatewayErrors.Translate(new ArgumentException("bad", "datasetId")));
        Assert.Null(AgentGatewayErrors.Translate(new InvalidOperationException("Pull operation x does not exist.")));
        Assert.Null(AgentGatewayErrors.Translate(new AgentCallFailedException(AgentErrorKind.Unexpected, retryable: true, "already translated")));
    }
}
