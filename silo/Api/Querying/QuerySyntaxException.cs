namespace Ledgerlink.Silo.Api.Querying;

/// <summary>A query that does not parse; the message names the position (from 1) and the token found there.</summary>
public sealed class QuerySyntaxException(string message) : Exception(message);
