using Ledgerlink.EdgeAgent.Sage50.Reading.Readers;

namespace Ledgerlink.EdgeAgent.Sage50.Reading;

/// <summary>The reader of each Codat data type Ledgerlink syncs from Sage 50, by data type key.</summary>
public sealed class Sage50Readers
{
    private readonly Dictionary<string, ISage50Reader> _byDataType;

    public Sage50Readers(IEnumerable<ISage50Reader> readers) =>
        _byDataType = readers.ToDictionary(r => r.DataType, StringComparer.Ordinal);

    /// <summary>One reader for every data type in <see cref="Ledgerlink.DataTypes.DataTypeNames.All"/>.</summary>
    public static Sage50Readers Default { get; } = new(
    [
        new CompanyReader(), new ChartOfAccountsReader(), new TaxRatesReader(), new CustomersReader(), new SuppliersReader(),
        new BankAccountsReader(), new InvoicesReader(), new CreditNotesReader(), new BillsReader(), new BillCreditNotesReader(),
        new PaymentsReader(), new BillPaymentsReader(), new JournalEntriesReader(), new BankTransactionsReader(),
    ]);

    public IReadOnlyCollection<string> DataTypes => _byDataType.Keys;

    public bool TryGet(string dataType, out ISage50Reader reader) => _byDataType.TryGetValue(dataType, out reader!);

    /// <exception cref="ArgumentException">No reader for <paramref name="dataType"/>.</exception>
    public ISage50Reader For(string dataType) =>
        _byDataType.TryGetValue(dataType, out var reader)
            ? reader
            : throw new ArgumentException($"There is no Sage 50 reader for data type '{dataType}'.", nameof(dataType));
}
