namespace Ledgerlink.Grains.Companies;

/// <summary>The one data source Ledgerlink connects today, under the platform key Codat gives Sage 50 (UK).</summary>
public static class Sage50Platform
{
    public const string PlatformKey = "hbql";
}
