namespace Ledgerlink.EdgeAgent.Sage50.Reading;

/// <summary>Sage's CURRENCY table: transactions and accounts carry a currency number; Codat wants the ISO code.</summary>
public sealed class SageCurrencies(string baseCurrency, IReadOnlyDictionary<int, string> codes)
{
    public string BaseCurrency { get; } = baseCurrency;

    /// <summary>The ISO code of a currency number; the base currency when the number is 0 or unknown.</summary>
    public string CodeOf(int number) => codes.GetValueOrDefault(number) ?? BaseCurrency;
}
