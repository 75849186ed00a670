using System.Net.Http.Headers;
using System.Text;

namespace Ledgerlink.Testing.Infrastructure;

/// <summary>The API keys every test silo registers at start (through the real bootstrap-key configuration).</summary>
public static class TestApiKeys
{
    public const string TenantA = "tenant-a";
    public const string TenantB = "tenant-b";
    public const string IntegratorA = "test-integrator-key-tenant-a-7Qm2Xw9Lp4Rz";
    public const string IntegratorB = "test-integrator-key-tenant-b-3Nf8Kd5Ty1Hv";
    public const string Support = "test-support-key-Jc6Wq2Ze8Ub4Ys0Mg";
    public const string Operator = "test-operator-key-Vt5Rn9Lb3Xk7Pd1Fh";

    public static IEnumerable<KeyValuePair<string, string?>> Settings()
    {
        var keys = new[]
        {
            (IntegratorA, TenantA, "Integrator"), (IntegratorB, TenantB, "Integrator"),
            (Support, "support", "Support"), (Operator, "operators", "Operator"),
        };
        for (var i = 0; i < keys.Length; i++)
        {
            yield return new($"Ledgerlink:Api:BootstrapKeys:{i}:Key", keys[i].Item1);
            yield return new($"Ledgerlink:Api:BootstrapKeys:{i}:TenantId", keys[i].Item2);
            yield return new($"Ledgerlink:Api:BootstrapKeys:{i}:Role", keys[i].Item3);
        }
    }

    /// <summary>Codat style: <c>Authorization: Basic &lt;base64 of the key&gt;</c>.</summary>
    public static AuthenticationHeaderValue Header(string key) => new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(key)));
}
