using System.Text.Json.Nodes;
using Ledgerlink.Connectors;
using Ledgerlink.Grains.Companies;
using Ledgerlink.Grains.Connectors;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Storage;
using Xunit;

namespace Ledgerlink.Tests.Unit.Storage;

/// <summary>
/// Grain states are stored as JSON by property name. The pull operation's id was renamed in the code
/// (DatasetId / LatestSyncId → PullOperationId / LatestPullOperationId); states stored before must still load, so the
/// stored names must not move. Written and read with the serializer the silo's grain storage uses.
/// </summary>
public sealed class StoredStateNamesTests
{
    private readonly SystemTextJsonGrainStorageSerializer _serializer = new(Options.Create(new SystemTextJsonGrainStorageSerializerOptions()));

    [Fact]
    public void A_connector_outbox_keeps_the_stored_name_of_the_pull_operation_id()
    {
        var state = new ConnectorState { Outbox = [AgentCommands.StartPull("company-1", "op-1", "invoices")] };

        var json = JsonNode.Parse(_serializer.Serialize(state).ToString())!;
        var outbox = json["Outbox"]!;
        var command = outbox is JsonArray list ? list[0]! : outbox["$values"]![0]!;

        Assert.Equal("op-1", command["DatasetId"]!.GetValue<string>());
        Assert.Null(command["PullOperationId"]);
        Assert.Equal("op-1", Assert.Single(_serializer.Deserialize<ConnectorState>(_serializer.Serialize(state))!.Outbox).PullOperationId);
    }

    [Fact]
    public void A_company_state_stored_before_the_rename_loads_its_latest_pull_operations()
    {
        var stored = BinaryData.FromString("""
            {"DataTypes":{"invoices":{"LatestSyncId":"op-2","LatestSuccessfulSyncId":"op-1"}},
             "DataGenerations":{"Retired":[{"Number":1,"DataTypes":{"invoices":{"LatestSuccessfulSyncId":"op-0"}}}]}}
            """);

        var company = _serializer.Deserialize<CompanyState>(stored)!;

        var invoices = company.DataTypes["invoices"];
        Assert.Equal(("op-2", "op-1"), (invoices.LatestPullOperationId, invoices.LatestSuccessfulPullOperationId));
        Assert.Equal("op-0", Assert.Single(company.DataGenerations.Retired).DataTypes["invoices"].LatestSuccessfulPullOperationId);
    }
}
