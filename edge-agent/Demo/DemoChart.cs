namespace Ledgerlink.EdgeAgent.Sage50.Demo;

/// <summary>
/// The demo company's reference data, after Sage 50 UK's default chart of accounts: nominal codes, the layout's
/// headings and code ranges, VAT codes, bank accounts and the control accounts Sage posts ledger transactions to.
/// </summary>
internal static class DemoChart
{
    public const string Debtors = "1100";
    public const string CurrentAccount = "1200";
    public const string DepositAccount = "1210";
    public const string PettyCash = "1230";
    public const string CreditCard = "1240";
    public const string Creditors = "2100";
    public const string SalesTax = "2200";
    public const string PurchaseTax = "2201";
    public const string Paye = "2210";
    public const string Capital = "3000";
    public const string RetainedEarnings = "3200";
    public const string GrossWages = "7000";
    public const string EmployersNi = "7006";
    public const string Depreciation = "8000";
    public const string OfficeEquipmentDepreciation = "0031";

    public static readonly (string Code, string Name)[] NominalAccounts =
    [
        ("0020", "Plant and Machinery"), ("0021", "Plant/Machinery Depreciation"), ("0030", "Office Equipment"),
        (OfficeEquipmentDepreciation, "Office Equipment Depreciation"), ("0040", "Furniture and Fixtures"), ("0050", "Motor Vehicles"),
        ("0051", "Motor Vehicles Depreciation"), ("1001", "Stock"), (Debtors, "Debtors Control Account"), ("1103", "Prepayments"),
        (CurrentAccount, "Bank Current Account"), (DepositAccount, "Bank Deposit Account"), (PettyCash, "Petty Cash"),
        (CreditCard, "Company Credit Card"), (Creditors, "Creditors Control Account"), ("2109", "Accruals"),
        (SalesTax, "Sales Tax Control Account"), (PurchaseTax, "Purchase Tax Control Account"), ("2202", "VAT Liability"),
        (Paye, "P.A.Y.E. and N.I."), ("2300", "Loans"), (Capital, "Ordinary Shares"), (RetainedEarnings, "Profit and Loss Account"),
        ("4000", "Sales Type A"), ("4001", "Sales Type B"), ("4002", "Sales Type C"), ("4900", "Miscellaneous Income"),
        ("4905", "Distribution and Carriage"), ("4906", "Bank Interest Received"), ("5000", "Materials Purchased"),
        ("5001", "Materials Imported"), ("5100", "Carriage"), (GrossWages, "Gross Wages"), (EmployersNi, "Employers N.I."),
        ("7100", "Rent"), ("7103", "General Rates"), ("7200", "Electricity"), ("7300", "Fuel and Oil"), ("7400", "Travelling"),
        ("7500", "Office Stationery"), ("7501", "Postage and Carriage"), ("7502", "Telephone"), ("7800", "Repairs and Renewals"),
        ("7901", "Bank Charges"), (Depreciation, "Depreciation"), ("8100", "Bad Debt Write Off"), ("8200", "Donations"),
        ("9998", "Suspense Account"), ("9999", "Mispostings Account"),
    ];

    /// <summary>The default layout's headings (CAT_TITLE) and the nominal ranges under each (CATEGORY).</summary>
    public static readonly (int Category, string Title, (string Name, string Low, string High)[] Ranges)[] Layout =
    [
        (1, "Sales", [("Product Sales", "4000", "4099"), ("Other Sales", "4900", "4999")]),
        (2, "Purchases", [("Purchases", "5000", "5099"), ("Purchase Charges", "5100", "5199")]),
        (3, "Direct Expenses", [("Direct Expenses", "6000", "6999")]),
        (4, "Overheads",
        [
            ("Gross Wages", "7000", "7099"), ("Rent and Rates", "7100", "7199"), ("Heat, Light and Power", "7200", "7299"),
            ("Motor Expenses", "7300", "7399"), ("Travelling and Entertainment", "7400", "7499"), ("Printing and Stationery", "7500", "7599"),
            ("Maintenance", "7800", "7899"), ("Bank Charges and Interest", "7900", "7999"), ("Depreciation", "8000", "8099"),
            ("Bad Debts", "8100", "8199"), ("General Expenses", "8200", "8299"),
        ]),
        (5, "Fixed Assets",
        [
            ("Plant and Machinery", "0020", "0029"), ("Office Equipment", "0030", "0039"), ("Furniture and Fixtures", "0040", "0049"),
            ("Motor Vehicles", "0050", "0059"),
        ]),
        (6, "Current Assets", [("Stock", "1000", "1099"), ("Debtors", "1100", "1199"), ("Bank Account", "1200", "1299")]),
        (7, "Current Liabilities", [("Creditors", "2100", "2199"), ("Taxation", "2200", "2299"), ("Suspense and Mispostings", "9998", "9999")]),
        (8, "Long Term Liabilities", [("Loans", "2300", "2399")]),
        (9, "Capital and Reserves", [("Share Capital", "3000", "3099"), ("Reserves", "3100", "3299")]),
    ];

    public static readonly DemoTaxCode[] TaxCodes =
    [
        new("T0", 0, "Zero rated", 0),
        new("T1", 1, "Standard rated", 2000),
        new("T2", 2, "Exempt", 0),
        new("T5", 5, "Lower rate", 500),
        new("T9", 9, "Transactions not involving VAT", 0),
    ];

    public static DemoTaxCode Zero => TaxCodes[0];

    public static DemoTaxCode Standard => TaxCodes[1];

    public static DemoTaxCode Lower => TaxCodes[3];

    public static DemoTaxCode OutsideScope => TaxCodes[4];

    /// <summary>Bank accounts: nominal code, Sage's account type, bank name, its IBAN bank code, sort code, account number.</summary>
    public static readonly (string Code, string Type, string? Bank, string? IbanBankCode, string? SortCode, string? Number, long OverdraftPennies)[] Banks =
    [
        (CurrentAccount, "Cheque Account", "Barclays Bank PLC", "BARC", "20-45-77", "43918822", 500_000),
        (DepositAccount, "Cheque Account", "Barclays Bank PLC", "BARC", "20-45-77", "73012256", 0),
        (PettyCash, "Cash Account", null, null, null, null, 0),
        (CreditCard, "Credit Card Account", "Barclaycard", null, null, null, 0),
    ];

    /// <summary>
    /// Sage's departments (DEPARTMENT): 0 is Sage's own "Default", which every split has unless the user picks
    /// another, so it means "no department".
    /// </summary>
    public static readonly (int Number, string Name)[] Departments =
    [
        (0, "Default"), (1, "Workshop"), (2, "Fitting and Installation"), (3, "Office and Administration"),
    ];

    /// <summary>Sage projects (PROJECT): the first customers' jobs; their sales and some materials bills are posted to them.</summary>
    public static readonly (int Id, string Reference, string Name)[] Projects =
    [
        (1, "HOJ-P001", "Kitchen refit, Heptonstall"), (2, "HOJ-P002", "Library shelving, Todmorden"), (3, "HOJ-P003", "Garden room, Mytholmroyd"),
    ];

    /// <summary>
    /// The department a split of <paramref name="nominal"/> is analysed to, as a joinery would set its defaults:
    /// product sales and materials to the workshop, labour and services to fitting, overheads to the office.
    /// Balance sheet postings (bank, control accounts) keep Sage's default.
    /// </summary>
    public static int DepartmentOf(string nominal) => nominal switch
    {
        "4000" or "5000" or "5001" or "5100" => 1,
        "4001" or "4002" or "4905" => 2,
        _ when nominal[0] is '7' or '8' => 3,
        _ => 0,
    };

    public static string DepartmentName(int number) => Departments[number].Name;

    /// <summary>What a sale is of: nominal code, line description, and the VAT codes it is sold under (weights in ‰).</summary>
    public static readonly (string Nominal, string Details)[] SalesLines =
    [
        ("4000", "Oak dining table"), ("4000", "Bespoke shelving unit"), ("4000", "Kitchen worktop, fitted"),
        ("4001", "Installation labour"), ("4001", "Design consultation"), ("4002", "Maintenance contract"),
        ("4000", "Garden bench, hardwood"), ("4001", "Site survey"), ("4905", "Delivery charge"),
    ];

    public static readonly (string Nominal, string Details)[] PurchaseLines =
    [
        ("5000", "Sawn oak boards"), ("5000", "Ironmongery and fixings"), ("5000", "Finishing oils and lacquer"),
        ("5001", "Imported walnut veneer"), ("5100", "Carriage inwards"), ("7500", "Office supplies"), ("7502", "Mobile phone contract"),
        ("7800", "Workshop tool repairs"), ("7200", "Electricity supply"),
    ];

    /// <summary>Bank, cash and card spending not through a supplier account: nominal, details, VAT code.</summary>
    public static readonly (string Nominal, string Details, int TaxCode)[] BankPayments =
    [
        ("7100", "Workshop rent", 2), ("7103", "Business rates", 9), ("7200", "Electricity direct debit", 1),
        ("7502", "Broadband", 1), ("7901", "Bank charges", 2), ("7300", "Diesel", 1), ("8200", "Charity donation", 9),
    ];

    public static readonly (string Nominal, string Details, int TaxCode)[] CashPayments =
    [
        ("7500", "Stationery", 1), ("7400", "Train fare", 0), ("7501", "Postage stamps", 2), ("7400", "Parking", 1),
    ];

    public static readonly (string Nominal, string Details, int TaxCode)[] CardPayments =
    [
        ("7400", "Hotel, trade show", 1), ("7502", "Software subscription", 1), ("5000", "Online materials order", 1),
        ("7400", "Flights", 0),
    ];

    public static readonly (string Nominal, string Details, int TaxCode)[] BankReceipts =
    [
        ("4906", "Bank interest", 2), ("4900", "Scrap timber sale", 1), ("4900", "Insurance claim", 9),
    ];

    public static readonly (string Nominal, string Details, int TaxCode)[] CashReceipts =
    [
        ("4000", "Cash sale, offcuts", 1), ("4000", "Cash sale, workshop", 1),
    ];
}
