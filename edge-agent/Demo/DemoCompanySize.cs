namespace Ledgerlink.EdgeAgent.Sage50.Demo;

/// <summary>Named sizes for <see cref="DemoCompanyOptions.TargetSplitCount"/>, in AUDIT_SPLIT rows.</summary>
public static class DemoCompanySize
{
    /// <summary>A few weeks of a very small business; the bundled demo.</summary>
    public const int Tiny = 300;

    /// <summary>A few months of a small business; quick enough for every unit test.</summary>
    public const int Small = 5_000;

    /// <summary>A busy year; for load tests.</summary>
    public const int Medium = 200_000;

    /// <summary>Two years of a large Sage 50 company, at the edge of what Sage 50 handles; for scale tests.</summary>
    public const int Large = 2_000_000;
}
