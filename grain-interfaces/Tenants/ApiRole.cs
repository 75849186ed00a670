namespace Ledgerlink.Tenants;

/// <summary>Who an API key speaks for: integrators manage their companies, support manages connectors, operators run the cluster.</summary>
[GenerateSerializer]
public enum ApiRole
{
    Integrator,
    Support,
    Operator,
}
