namespace Ledgerlink.EdgeAgent.Sage50.Reading;

/// <summary>
/// Walks rows ordered by HEADER_NUMBER alongside the AUDIT_HEADER rows they belong to: a merge join done while
/// streaming, so a transaction's splits, journal lines and allocations are read once, in order, without joining
/// them to their header in SQL or holding them in memory. Rows whose header is not being read are skipped.
/// </summary>
public sealed class HeaderCursor(SageRows rows, int headerOrdinal) : IAsyncDisposable
{
    public SageRows Rows { get; } = rows;

    private bool _hasRow;
    private int _header;

    public static async Task<HeaderCursor> OpenAsync(SageRows rows, CancellationToken cancellationToken)
    {
        var cursor = new HeaderCursor(rows, rows.Ordinal("HEADER_NUMBER"));
        await cursor.MoveNextAsync(cancellationToken);
        return cursor;
    }

    /// <summary>Moves past rows of earlier headers; true while the current row belongs to <paramref name="headerNumber"/>.</summary>
    public async ValueTask<bool> SeekAsync(int headerNumber, CancellationToken cancellationToken)
    {
        while (_hasRow && _header < headerNumber)
        {
            await MoveNextAsync(cancellationToken);
        }

        return _hasRow && _header == headerNumber;
    }

    public async ValueTask MoveNextAsync(CancellationToken cancellationToken)
    {
        _hasRow = await Rows.ReadAsync(cancellationToken);
        _header = _hasRow ? Rows.Int(headerOrdinal) : int.MaxValue;
    }

    public ValueTask DisposeAsync() => Rows.DisposeAsync();
}
