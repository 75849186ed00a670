using Ledgerlink.EdgeAgent.Sage50.Access;

namespace Ledgerlink.EdgeAgent.Sage50.Reading;

/// <summary>Reads one Codat data type from a Sage 50 company, as a stream of JSON records.</summary>
public interface ISage50Reader
{
    /// <summary>The Codat data type key (see <see cref="Ledgerlink.DataTypes.DataTypeNames"/>).</summary>
    string DataType { get; }

    /// <summary>
    /// How many records <see cref="ReadAsync"/> will return, from a COUNT(*) with the same filter; cheap enough to
    /// call before a sync to turn records sent into a progress percentage.
    /// </summary>
    Task<long> CountAsync(ISage50DataSource source, CancellationToken cancellationToken);

    /// <summary>
    /// The records in a stable order (Sage's own keys), each one compact UTF-8 JSON object. Rows are read as they
    /// are enumerated, so memory stays flat however large the company is.
    /// </summary>
    /// <exception cref="Sage50AccessException">A table or column the data type needs is missing (<see cref="Sage50AccessProblem.UnsupportedVersion"/>).</exception>
    IAsyncEnumerable<Sage50Record> ReadAsync(ISage50DataSource source, CancellationToken cancellationToken);
}
