using System.Runtime.CompilerServices;
using Ledgerlink.DataTypes;
using Ledgerlink.EdgeAgent.Sage50.Access;

namespace Ledgerlink.EdgeAgent.Sage50.Reading.Readers;

/// <summary>Codat "taxRates" from TAX_CODE (T0..T99; every code Sage holds, used or not).</summary>
public sealed class TaxRatesReader : ISage50Reader
{
    private static readonly SageSelect TaxCodes = new("TAX_CODE", ["TAX_CODE", "TAX_CODE_ID", "TAX_RATE"], ["DESCRIPTION", "RECORD_DELETED", "RECORD_MODIFY_DATE"], OrderBy: "TAX_CODE_ID");

    public string DataType => DataTypeNames.TaxRates;

    public Task<long> CountAsync(ISage50DataSource source, CancellationToken cancellationToken) => TaxCodes.CountAsync(source, cancellationToken);

    public async IAsyncEnumerable<Sage50Record> ReadAsync(ISage50DataSource source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var writer = new CodatJsonWriter();
        await using var rows = await TaxCodes.OpenAsync(source, cancellationToken);
        int code = rows.Ordinal("TAX_CODE"), rate = rows.Ordinal("TAX_RATE"), description = rows.Ordinal("DESCRIPTION"),
            deleted = rows.Ordinal("RECORD_DELETED"), modified = rows.Ordinal("RECORD_MODIFY_DATE");
        while (await rows.ReadAsync(cancellationToken))
        {
            if (rows.Text(code) is not { } id)
            {
                continue;
            }

            var name = rows.Text(description) ?? id;
            var percent = rows.Money(rate);
            var json = writer.Begin();
            json.WriteString("id", id);
            json.WriteString("code", id);
            json.WriteString("name", name);
            json.WriteMoney("effectiveTaxRate", percent);
            json.WriteMoney("totalTaxRate", percent);
            json.WriteStartArray("components");
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteMoney("rate", percent);
            json.WriteBoolean("isCompound", false);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteString("status", "Active");
            // Sage 50's published TAX_CODE columns (v23–v26) have no deleted flag and no modification date: a code
            // listed is live, and Codat's sourceModifiedDate is left out rather than invented. A Sage version that adds
            // Sage's usual RECORD_DELETED / RECORD_MODIFY_DATE columns gets them read.
            json.WriteMetadata(rows.Flag(deleted));
            json.WriteDate("sourceModifiedDate", rows.Date(modified));
            yield return writer.End(id);
        }
    }
}
