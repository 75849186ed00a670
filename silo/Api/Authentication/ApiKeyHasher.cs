using System.Security.Cryptography;
using System.Text;

namespace Ledgerlink.Silo.Api.Authentication;

/// <summary>The <see cref="Tenants.IApiKeyGrain"/> key for an API key: lowercase hex SHA-256 of the key as presented.</summary>
public static class ApiKeyHasher
{
    public static string Hash(string apiKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));
}
