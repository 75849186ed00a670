namespace Ledgerlink.EdgeAgent.Sage50.Access;

/// <summary>Opens a Sage 50 company for reading, checking the folder and the user's credentials first.</summary>
public interface ISage50DataSourceFactory
{
    /// <exception cref="Sage50AccessException">The folder is missing, is not Sage data, the credentials are wrong, or it cannot be read.</exception>
    Task<ISage50DataSource> OpenAsync(Sage50CompanyLocation location, CancellationToken cancellationToken);
}
