namespace Ledgerlink.Grains.Hosting;

/// <summary>The meter Ledgerlink's own instruments live on (export it by this name).</summary>
public static class LedgerlinkMeter
{
    public const string Name = "Ledgerlink";
}
