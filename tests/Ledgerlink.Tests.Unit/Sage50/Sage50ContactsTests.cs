using Ledgerlink.DataTypes;
using Ledgerlink.EdgeAgent.Sage50.Access;
using Ledgerlink.EdgeAgent.Sage50.Demo;
using Ledgerlink.Testing.Sage50;
using Microsoft.Data.Sqlite;

namespace Ledgerlink.Tests.Sage50;

/// <summary>
/// Every person Sage keeps on a customer or supplier account becomes a Codat contact: the main contact (with the
/// account's e-mail, telephones, fax and billing address), the trade contact and the delivery contact. The demo
/// company only fills the main contact, so the others are set here with SQL the way Sage's record card would.
/// </summary>
public sealed class Sage50ContactsTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ledgerlink-sage50-contacts-" + Guid.NewGuid().ToString("N"));
    private readonly DemoCompanyManifest _manifest;

    public Sage50ContactsTests() => _manifest = DemoCompanyGenerator.Generate(_directory, new DemoCompanyOptions(DemoCompanySize.Tiny, Seed: 31));

    [Fact]
    public async Task Main_trade_and_delivery_contacts_are_read_with_their_phones_and_addresses()
    {
        string reference;
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(_directory, "ACCDATA", "sage50.sqlite")};Pooling=False"))
        {
            connection.Open();
            reference = SqlCheck.Scalar<string>(connection, "SELECT MIN(ACCOUNT_REF) FROM PURCHASE_LEDGER");
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                UPDATE PURCHASE_LEDGER SET TELEPHONE_2 = '01632 000222', FAX = '01632 000333', TRADE_CONTACT = 'Ada Trade',
                  DEL_CONTACT_NAME = 'Dan Dock', DEL_TELEPHONE = '01632 000444', DEL_FAX = NULL,
                  DEL_ADDRESS_1 = 'Goods In, Unit 9', DEL_ADDRESS_5 = 'HX1 1AA'
                WHERE ACCOUNT_REF = '{reference}'
                """;
            command.ExecuteNonQuery();
        }

        await using var source = await new SqliteSage50DataSourceFactory().OpenAsync(DemoCompanyGenerator.LocationOf(_manifest), CancellationToken.None);
        var supplier = (await Sage50Json.ReadAllAsync(source, DataTypeNames.Suppliers)).Single(s => s.GetProperty("id").GetString() == reference);
        var contacts = supplier.GetProperty("contacts").EnumerateArray().ToList();
        Assert.Equal(3, contacts.Count);

        var main = contacts[0];
        Assert.Equal(supplier.GetProperty("contactName").GetString(), main.GetProperty("name").GetString());
        Assert.Equal(supplier.GetProperty("emailAddress").GetString(), main.GetProperty("email").GetString());
        Assert.Equal(
            [(supplier.GetProperty("phone").GetString(), "Primary"), ("01632 000222", "Landline"), ("01632 000333", "Fax")],
            main.GetProperty("phone").EnumerateArray().Select(p => (p.GetProperty("number").GetString(), p.GetProperty("type").GetString())));
        Assert.Equal("Billing", main.GetProperty("address").GetProperty("type").GetString());

        Assert.Equal("Ada Trade", contacts[1].GetProperty("name").GetString());
        Assert.False(contacts[1].TryGetProperty("phone", out _));

        var delivery = contacts[2];
        Assert.Equal("Dan Dock", delivery.GetProperty("name").GetString());
        Assert.Equal([("01632 000444", "Primary")], delivery.GetProperty("phone").EnumerateArray().Select(p => (p.GetProperty("number").GetString(), p.GetProperty("type").GetString())));
        Assert.Equal("Delivery", delivery.GetProperty("address").GetProperty("type").GetString());
        Assert.Equal("Goods In, Unit 9", delivery.GetProperty("address").GetProperty("line1").GetString());
        Assert.Equal("HX1 1AA", delivery.GetProperty("address").GetProperty("postalCode").GetString());
        Assert.All(contacts, c => Assert.Equal(supplier.GetProperty("status").GetString(), c.GetProperty("status").GetString()));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
