using System.Globalization;

namespace Ledgerlink.EdgeAgent.Sage50.Demo;

/// <summary>
/// Plausible UK business names, people and addresses for the demo ledgers. Telephone numbers are in Ofcom's
/// range reserved for drama (01632 960xxx), so none of them rings anyone.
/// </summary>
internal static class DemoNames
{
    private static readonly string[] CustomerStems =
    [
        "Abbey", "Beacon", "Castle", "Dale", "Elm Tree", "Fernhill", "Granite", "Harbour", "Ivy", "Juniper", "Kestrel", "Larkspur",
        "Maple", "Northgate", "Oakwood", "Pennine", "Quayside", "Riverside", "Severn", "Thames", "Union", "Valley", "Willow", "Yew",
    ];

    private static readonly string[] CustomerTrades =
    [
        "Joinery", "Bakery", "Dental Practice", "Engineering", "Florists", "Garage", "Hotel", "Interiors", "Logistics", "Motors",
        "Nurseries", "Opticians", "Plumbing", "Roofing", "Signs", "Textiles", "Veterinary Surgery", "Wholesale", "Cafe", "Builders",
    ];

    private static readonly string[] SupplierStems =
    [
        "Northern", "Premier", "Apex", "Britannia", "Crown", "Summit", "Atlas", "Pioneer", "Sterling", "Regal", "Midland", "Coastal",
    ];

    private static readonly string[] SupplierTrades =
    [
        "Timber Merchants", "Paper Supplies", "Office Furniture", "Electrical Wholesale", "Packaging", "Print Services",
        "Cleaning Supplies", "Fuel Cards", "Telecoms", "Couriers", "Hardware", "Tool Hire",
    ];

    private static readonly string[] Suffixes = ["Ltd", "Limited", "& Co", "LLP", "Ltd", "Ltd"];

    private static readonly string[] FirstNames =
    [
        "Amelia", "Oliver", "Isla", "George", "Ava", "Harry", "Mia", "Jack", "Sophie", "Noah", "Grace", "Thomas", "Lily", "James",
        "Emily", "William", "Fiona", "Rhys", "Siobhan", "Callum", "Priya", "Arjun", "Hannah", "Owen",
    ];

    private static readonly string[] Surnames =
    [
        "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Robinson", "Wright", "Thompson",
        "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke", "Hughes", "Khan", "Campbell",
    ];

    private static readonly string[] Streets =
    [
        "High Street", "Station Road", "Church Lane", "Mill Road", "Victoria Street", "Park Avenue", "London Road", "Queen Street",
        "Market Place", "Bridge Street", "Chapel Lane", "Kings Road", "The Green", "Manor Way",
    ];

    private static readonly string[] Estates =
    [
        "Riverside Industrial Estate", "Station Road Trading Estate", "Millbrook Business Park", "Canal Side Works", "Northgate Enterprise Park",
    ];

    private static readonly (string Town, string County, string Area)[] Towns =
    [
        ("Leeds", "West Yorkshire", "LS"), ("Manchester", "Greater Manchester", "M"), ("Bristol", "Avon", "BS"),
        ("Norwich", "Norfolk", "NR"), ("York", "North Yorkshire", "YO"), ("Cardiff", "South Glamorgan", "CF"),
        ("Edinburgh", "Midlothian", "EH"), ("Newcastle upon Tyne", "Tyne and Wear", "NE"), ("Birmingham", "West Midlands", "B"),
        ("Nottingham", "Nottinghamshire", "NG"), ("Exeter", "Devon", "EX"), ("Cambridge", "Cambridgeshire", "CB"),
        ("Bath", "Somerset", "BA"), ("Sheffield", "South Yorkshire", "S"), ("Leicester", "Leicestershire", "LE"),
        ("Oxford", "Oxfordshire", "OX"), ("Brighton", "East Sussex", "BN"), ("Derby", "Derbyshire", "DE"),
        ("Chester", "Cheshire", "CH"), ("Lincoln", "Lincolnshire", "LN"), ("Harrogate", "North Yorkshire", "HG"),
    ];

    // Postcode inward units never use C, I, K, M, O or V.
    private const string InwardLetters = "ABDEFGHJLNPQRSTUWXYZ";

    public static string Customer(DemoRandom random, int index) =>
        Name(random, CustomerStems, CustomerTrades, index);

    public static string Supplier(DemoRandom random, int index) =>
        Name(random, SupplierStems, SupplierTrades, index);

    public static string Person(DemoRandom random) => $"{random.Pick(FirstNames)} {random.Pick(Surnames)}";

    public static DemoAddress Address(DemoRandom random)
    {
        var (town, county, area) = random.Pick(Towns);
        var postCode = string.Create(CultureInfo.InvariantCulture,
            $"{area}{random.Int(1, 28)} {random.Int(1, 9)}{InwardLetters[random.Int(InwardLetters.Length)]}{InwardLetters[random.Int(InwardLetters.Length)]}");
        var line1 = string.Create(CultureInfo.InvariantCulture, $"{random.Int(1, 240)} {random.Pick(Streets)}");
        var line2 = random.Chance(300) ? $"Unit {random.Int(1, 40).ToString(CultureInfo.InvariantCulture)}, {random.Pick(Estates)}" : null;
        return new DemoAddress(line1, line2, town, county, postCode);
    }

    public static string Telephone(DemoRandom random) =>
        string.Create(CultureInfo.InvariantCulture, $"01632 960{random.Int(0, 999):000}");

    /// <summary>A GB VAT registration number in Sage's stored form, e.g. "GB 294 7716 42".</summary>
    public static string VatNumber(DemoRandom random) =>
        string.Create(CultureInfo.InvariantCulture, $"GB {random.Int(100, 999)} {random.Int(1000, 9999)} {random.Int(10, 99)}");

    public static string EmailDomain(string name)
    {
        var letters = new string(name.ToLowerInvariant().Where(c => c is >= 'a' and <= 'z' or ' ').ToArray())
            .Replace(" ltd", "", StringComparison.Ordinal).Replace(" limited", "", StringComparison.Ordinal)
            .Replace(" llp", "", StringComparison.Ordinal).Replace(" co", "", StringComparison.Ordinal).Trim().Replace(' ', '-');
        return letters.Replace("--", "-", StringComparison.Ordinal) + ".co.uk";
    }

    /// <summary>Sage-style account reference: the first three letters of the name and a number, e.g. ABB004.</summary>
    public static string AccountRef(string name, Dictionary<string, int> usedPrefixes)
    {
        var prefix = new string(name.ToUpperInvariant().Where(char.IsAsciiLetterUpper).Take(3).ToArray()).PadRight(3, 'X');
        var next = usedPrefixes.GetValueOrDefault(prefix) + 1;
        usedPrefixes[prefix] = next;
        return prefix + next.ToString(next < 1000 ? "000" : "0", CultureInfo.InvariantCulture);
    }

    private static string Name(DemoRandom random, string[] stems, string[] trades, int index)
    {
        // Every stem/trade pair once, then again with a town, so names stay distinct however many accounts there are.
        var pairs = stems.Length * trades.Length;
        var pair = index % pairs;
        var name = $"{stems[pair % stems.Length]} {trades[pair / stems.Length % trades.Length]}";
        if (index >= pairs)
        {
            name += $" ({Towns[(index / pairs) % Towns.Length].Town})";
        }

        return $"{name} {random.Pick(Suffixes)}";
    }

    /// <summary>The digits of a reference read as a number, as Sage fills INV_REF_NUMERIC.</summary>
    public static int NumericPart(string text)
    {
        var value = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c) && value < 100_000_000)
            {
                value = (value * 10) + (c - '0');
            }
        }

        return value;
    }
}
