using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Ledgerlink.EdgeAgent.Sage50.Access;
using Ledgerlink.EdgeAgent.Sage50.Reading;

namespace Ledgerlink.EdgeAgent.Sync.Incremental;

/// <summary>
/// The reference data an audit-trail record is written from besides its own rows: account names (nominal, customer,
/// supplier), the bank accounts, and one fingerprint of the rarely changed settings (currencies, tax codes,
/// departments, projects). Kept with the digests of each committed version, it tells an incremental read which
/// names changed since, so it can read again exactly the transactions that show them, or read everything when a
/// setting changed.
/// </summary>
public static class SageReadContext
{
    private const string SettingsKey = "*";

    private static readonly (string Prefix, string Table)[] NameTables =
        [("N", "NOMINAL_LEDGER"), ("S", "SALES_LEDGER"), ("P", "PURCHASE_LEDGER")];

    private static readonly SageSelect[] Settings =
    [
        new("CURRENCY", ["NUMBER", "CODE"], ["BASE_CURRENCY"], OrderBy: "NUMBER"),
        new("TAX_CODE", ["TAX_CODE", "TAX_RATE"], ["DESCRIPTION"], OrderBy: "TAX_CODE"),
        new("DEPARTMENT", ["NUMBER", "NAME"], OrderBy: "NUMBER"),
        new("PROJECT", ["PROJECT_ID", "NAME"], OrderBy: "PROJECT_ID"),
    ];

    public static async Task<Dictionary<string, string>> TakeAsync(ISage50DataSource source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var context = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (prefix, table) in NameTables)
        {
            if ((await source.GetColumnsAsync(table, cancellationToken)).Count == 0)
            {
                continue;
            }

            foreach (var (reference, name) in await Sage50Lookups.LoadNamesAsync(source, table, cancellationToken))
            {
                context[prefix + ":" + reference] = name;
            }
        }

        if ((await source.GetColumnsAsync("BANK", cancellationToken)).Count > 0)
        {
            await using var banks = await new SageSelect("BANK", ["ACCOUNT_REF"]).OpenAsync(source, cancellationToken);
            while (await banks.ReadAsync(cancellationToken))
            {
                if (banks.Text(0) is { } code)
                {
                    context["B:" + code] = "";
                }
            }
        }

        context[SettingsKey] = await SettingsFingerprintAsync(source, cancellationToken);
        return context;
    }

    /// <summary>
    /// The accounts whose name (or existence) differs between two contexts, or null when the records cannot be
    /// scoped: no context kept with the base (digests from an older agent), or a setting changed.
    /// </summary>
    public static RenamedAccounts? ChangedReferences(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> now)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(now);
        if (!before.TryGetValue(SettingsKey, out var settings) || settings != now.GetValueOrDefault(SettingsKey))
        {
            return null;
        }

        var changed = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in now)
        {
            if (key != SettingsKey && (!before.TryGetValue(key, out var old) || old != value))
            {
                changed.Add(key);
            }
        }

        foreach (var key in before.Keys)
        {
            if (key != SettingsKey && !now.ContainsKey(key))
            {
                changed.Add(key);
            }
        }

        // Customers (S) and suppliers (P) are named by the header's ACCOUNT_REF; nominal (N) and bank (B) accounts by the rest.
        return new RenamedAccounts(
            [.. changed.Where(IsCounterparty).Select(k => k[2..]).Distinct(StringComparer.Ordinal)],
            [.. changed.Where(k => !IsCounterparty(k)).Select(k => k[2..]).Distinct(StringComparer.Ordinal)]);

        static bool IsCounterparty(string key) => key.StartsWith("S:", StringComparison.Ordinal) || key.StartsWith("P:", StringComparison.Ordinal);
    }

    private static async Task<string> SettingsFingerprintAsync(ISage50DataSource source, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        foreach (var select in Settings)
        {
            var columns = await source.GetColumnsAsync(select.Table, cancellationToken);
            if (columns.Count == 0 || !select.Required.All(columns.Contains))
            {
                text.Append(select.Table).Append(":none;");
                continue;
            }

            await using var rows = await select.OpenAsync(source, cancellationToken);
            var width = select.Required.Count + (select.Optional ?? []).Count(columns.Contains);
            while (await rows.ReadAsync(cancellationToken))
            {
                for (var i = 0; i < width; i++)
                {
                    text.Append(rows.Value(i)).Append('|');
                }

                text.Append(';');
            }
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())).AsSpan(0, 16));
    }
}
