namespace Ledgerlink.Grains.Companies;

/// <summary>How long retired data generations are kept, and how much of the data audit log a company keeps.</summary>
public sealed class DataGenerationOptions
{
    /// <summary>
    /// How long a generation nothing can return to any more (replaced as restore point by a newer reset, or left by a
    /// restore) is kept before its dataset blobs are deleted. The generation a restore could still need is never deleted.
    /// </summary>
    public TimeSpan RetiredRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Entries kept in a company's data audit log (newest first).</summary>
    public int AuditLimit { get; set; } = 500;
}
