using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Ledgerlink.Grains.Connectors;
using Ledgerlink.Grains.Datasets;
using Ledgerlink.Grains.PullOperations;
using Ledgerlink.Testing.Orchestration;

namespace Ledgerlink.Tests.Orchestration;

/// <summary>The pure rules under the grains: gzip batch checks, block ids, blob names and secret hashing.</summary>
public sealed class BatchFormatTests
{
    private const long Unlimited = long.MaxValue;

    [Fact]
    public void A_gzip_member_of_newline_terminated_records_with_the_claimed_count_is_accepted()
    {
        var payload = Batches.Gzip(Encoding.UTF8.GetBytes("{\"a\":1}\n{\"a\":2}\n"));
        Assert.Null(GzipBatchInspector.FindProblem(payload, 2, Unlimited));
    }

    [Fact]
    public void The_check_hands_over_the_records_it_decompressed()
    {
        // Larger than the inspector's read buffer, so the records arrive in several pieces.
        var ndjson = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 5000).Select(i => $"{{\"id\":\"r-{i}\",\"n\":{i}}}\n")));
        var records = new ArrayBufferWriter<byte>();
        Assert.Null(GzipBatchInspector.FindProblem(Batches.Gzip(ndjson), 5000, Unlimited, records));
        Assert.Equal(ndjson, records.WrittenSpan.ToArray());
    }

    [Fact]
    public void An_ingested_index_is_offered_only_when_its_activation_saw_every_block_from_the_first()
    {
        var whole = new IngestedIdIndex(firstBlock: 0);
        foreach (var block in new long[] { 0, 1 })
        {
            whole.Records.ResetWrittenCount();
            whole.Records.Write(Encoding.UTF8.GetBytes($"{{\"id\":\"r-{block}\"}}\n"));
            whole.Stored(block);
        }

        Assert.Equal(2, whole.Covering(2)!.Count);
        Assert.Null(whole.Covering(3));

        var resumed = new IngestedIdIndex(firstBlock: 1);
        resumed.Stored(1);
        Assert.Null(resumed.Covering(2));

        var gap = new IngestedIdIndex(firstBlock: 0);
        gap.Stored(0);
        gap.Stored(2);
        gap.Stored(3);
        Assert.Null(gap.Covering(3));
        Assert.Null(gap.Covering(4));
    }

    [Fact]
    public void An_empty_payload_is_refused()
    {
        // .NET's GZipStream writes nothing at all for empty input: there is no member to stage.
        Assert.Empty(Batches.Gzip([]));
        Assert.Contains("empty", GzipBatchInspector.FindProblem([], 0, Unlimited));
    }

    [Theory]
    [InlineData("{\"a\":1}\n", 2, "records")]
    [InlineData("{\"a\":1}\n{\"a\":2}", 2, "newline")]
    public void Payloads_that_do_not_match_their_claim_are_refused(string ndjson, int claimed, string problem)
    {
        var found = GzipBatchInspector.FindProblem(Batches.Gzip(Encoding.UTF8.GetBytes(ndjson)), claimed, Unlimited);
        Assert.Contains(problem, found);
    }

    [Fact]
    public void Payloads_that_are_not_whole_gzip_members_are_refused()
    {
        var whole = Batches.Gzip(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":1}\n", 100))));
        Assert.Contains("gzip", GzipBatchInspector.FindProblem(Encoding.UTF8.GetBytes("{\"a\":1}\n"), 1, Unlimited));
        Assert.Contains("gzip", GzipBatchInspector.FindProblem(whole[..^4], 100, Unlimited));
        Assert.Contains("gzip", GzipBatchInspector.FindProblem(whole[..(whole.Length / 2)], 100, Unlimited));
        Assert.Contains("gzip", GzipBatchInspector.FindProblem([.. whole, .. whole], 200, Unlimited));
        Assert.Contains("gzip", GzipBatchInspector.FindProblem([.. whole, 1, 2, 3], 100, Unlimited));
        var corrupted = whole.ToArray();
        corrupted[^6] ^= 0x55;
        Assert.Contains("gzip", GzipBatchInspector.FindProblem(corrupted, 100, Unlimited));
    }

    [Fact]
    public void A_payload_that_expands_beyond_the_limit_is_refused_without_decompressing_it_all()
    {
        var bomb = Batches.Gzip(new byte[10 * 1024 * 1024]);
        Assert.Contains("more than", GzipBatchInspector.FindProblem(bomb, 0, 1024 * 1024));
    }

    [Fact]
    public void Block_ids_have_one_length_and_keep_sequence_order()
    {
        long[] sequences = [0, 1, 9, 10, 255, 256, 49_999, long.MaxValue];
        var ids = sequences.Select(DatasetBlockId.For).ToArray();
        Assert.Single(ids.Select(id => id.Length).Distinct());
        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Equal(8, Convert.FromBase64String(id).Length));
        Assert.Throws<ArgumentOutOfRangeException>(() => DatasetBlockId.For(-1));
    }

    [Fact]
    public void Dataset_blob_names_follow_the_layout_and_escape_odd_ids()
    {
        Assert.Equal("svc/datasets/company-1/invoices/ds-1.ndjson.gz", DatasetBlobName.For("svc", "company-1", "invoices", "ds-1"));
        Assert.Equal("svc/datasets/a~2Fb/invoices/ds.ndjson.gz", DatasetBlobName.For("svc", "a/b", "invoices", "ds"));
    }

    [Fact]
    public void Connector_secrets_are_random_and_verified_against_their_hash_only()
    {
        var secret = ConnectorSecret.Generate();
        Assert.NotEqual(secret, ConnectorSecret.Generate());
        Assert.True(Convert.FromBase64String(Base64UrlToBase64(secret)).Length >= 32);

        var hash = ConnectorSecret.Hash(secret);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret))), hash);
        Assert.True(ConnectorSecret.Matches(secret, hash));
        Assert.False(ConnectorSecret.Matches(secret + "x", hash));
        Assert.False(ConnectorSecret.Matches(secret, null));
        Assert.False(ConnectorSecret.Matches(null, hash));
        Assert.False(ConnectorSecret.Matches(secret, "not-hex"));
    }

    private static string Base64UrlToBase64(string value)
    {
        var padded = value.Replace('-', '+').Replace('_', '/');
        return padded + new string('=', (4 - (padded.Length % 4)) % 4);
    }
}
