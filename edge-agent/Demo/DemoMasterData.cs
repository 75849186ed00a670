using System.Globalization;
using Ledgerlink.EdgeAgent.Sage50.Access;

namespace Ledgerlink.EdgeAgent.Sage50.Demo;

/// <summary>
/// The demo company's master data: the company record, currencies, chart layout, departments, tax codes and the
/// manager's login before trading; customers and suppliers; and, after trading, the nominal ledger, customer and
/// supplier accounts and banks with the balances the ledger posted. It draws from the builder's random stream, so the
/// order of calls is part of the seed's meaning.
/// </summary>
internal sealed class DemoMasterData(DemoDatabase database, DemoCalendar calendar, DemoRandom random)
{
    public void CreateAccounts(List<DemoAccount> all, List<DemoAccount> active, int count, Func<DemoRandom, int, string> name)
    {
        var prefixes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var accountName = name(random, i);
            var account = new DemoAccount(
                DemoNames.AccountRef(accountName, prefixes), accountName, DemoNames.Address(random), DemoNames.Person(random),
                DemoNames.Telephone(random), "accounts@" + DemoNames.EmailDomain(accountName),
                random.Chance(600) ? DemoNames.VatNumber(random) : null, inactive: i > 0 && random.Chance(30));
            all.Add(account);
            if (!account.Inactive)
            {
                active.Add(account);
            }
        }
    }

    public void WriteReferenceData(DemoCompanyOptions options)
    {
        var start = options.FinancialYearStart;
        var stamp = calendar.Timestamp(0, 0);
        var companyId = new Guid((uint)random.Next(), (ushort)random.Next(), (ushort)random.Next(), 0x8a, 0x4f, 0x17, 0x2c, 0x5e, 0x90, 0x33, 0x61);
        Insert("COMPANY",
            ("COMPANYID", companyId.ToString("D").ToUpperInvariant()), ("NAME", "Hebden Oak Joinery Ltd"),
            ("ADDRESS_1", "Unit 4, Calder Works"), ("ADDRESS_2", "Mytholm Bridge Lane"), ("ADDRESS_3", "Hebden Bridge"),
            ("ADDRESS_4", "West Yorkshire"), ("ADDRESS_5", "HX7 8AB"), ("COUNTRY_CODE", "GB"), ("TELEPHONE", "01632 960118"),
            ("FAX", "01632 960119"), ("E_MAIL", "accounts@hebdenoak.co.uk"), ("WEB_ADDRESS", "www.hebdenoak.co.uk"),
            ("VAT_REG_NUMBER", "GB 294 7716 42"), ("START_MONTH", start.Month), ("FINANCIAL_YEAR", start.Year), ("DEFAULT_CHART", 1),
            ("NOM_DEBTORS", DemoChart.Debtors), ("NOM_CREDITORS", DemoChart.Creditors), ("NOM_TAX_SALES", DemoChart.SalesTax),
            ("NOM_TAX_PURCHASE", DemoChart.PurchaseTax), ("NOM_DEFAULT_BANK", DemoChart.CurrentAccount), ("NOM_DEFAULT_SALES", "4000"),
            ("NOM_RETAINED_EARNINGS", DemoChart.RetainedEarnings), ("NOM_SUSPENSE", "9998"), ("NOM_MISPOSTINGS", "9999"),
            ("PAYMENT_DUE_SALES", 30), ("PAYMENT_DUE_PURCHASE", 30), ("NON_VAT_TAX_CODE", 9), ("VAT_CASH", 0),
            ("CLOSED_LEDGER_DATE_ENABLED", 0), ("RECORD_CREATE_DATE", stamp), ("RECORD_MODIFY_DATE", stamp), ("RECORD_DELETED", 0));
        Insert("CURRENCY", ("NUMBER", 1), ("CODE", "GBP"), ("SYMBOL", "£"), ("NAME", "Pound Sterling"), ("BASE_CURRENCY", 1), ("RATE", 1.0),
            ("RECORD_CREATE_DATE", stamp), ("RECORD_MODIFY_DATE", stamp), ("RECORD_DELETED", 0));
        Insert("CURRENCY", ("NUMBER", 2), ("CODE", "EUR"), ("SYMBOL", "€"), ("NAME", "Euro"), ("BASE_CURRENCY", 0), ("RATE", 1.17),
            ("RECORD_CREATE_DATE", stamp), ("RECORD_MODIFY_DATE", stamp), ("RECORD_DELETED", 0));
        Insert("CURRENCY", ("NUMBER", 3), ("CODE", "USD"), ("SYMBOL", "$"), ("NAME", "US Dollar"), ("BASE_CURRENCY", 0), ("RATE", 1.27),
            ("RECORD_CREATE_DATE", stamp), ("RECORD_MODIFY_DATE", stamp), ("RECORD_DELETED", 0));
        Insert("CHART_LIST", ("CHART", 1), ("NAME", "Default Layout of Accounts"), ("RECORD_CREATE_DATE", stamp), ("RECORD_MODIFY_DATE", stamp), ("RECORD_DELETED", 0));
        var sortOrder = 0;
        foreach (var (category, title, ranges) in DemoChart.Layout)
        {
            Insert("CAT_TITLE", ("CHART", 1), ("CATEGORY", category), ("TITLE", title));
            foreach (var (name, low, high) in ranges)
            {
                Insert("CATEGORY", ("CHART", 1), ("CATEGORY", category), ("FLAG_ASSET_LIABILITY", 0), ("NAME", name), ("LOW", low), ("HIGH", high),
                    ("SORT_ORDER", ++sortOrder), ("RECORD_CREATE_DATE", stamp), ("RECORD_MODIFY_DATE", stamp), ("RECORD_DELETED", 0));
            }
        }

        foreach (var (departmentNumber, departmentName) in DemoChart.Departments)
        {
            Insert("DEPARTMENT", ("NUMBER", departmentNumber), ("NAME", departmentName), ("REFERENCE", departmentNumber.ToString(CultureInfo.InvariantCulture)),
                ("RECORD_CREATE_DATE", stamp), ("RECORD_MODIFY_DATE", stamp), ("RECORD_DELETED", 0));
        }

        foreach (var taxCode in DemoChart.TaxCodes)
        {
            Insert("TAX_CODE", ("TAX_CODE", taxCode.Code), ("TAX_CODE_ID", taxCode.Id), ("DESCRIPTION", taxCode.Description),
                ("TAX_RATE", taxCode.RatePercent), ("VAT_INCLUDE", taxCode.Id == 9 ? 0 : 1), ("EURO_SALES", 0), ("EURO_PURCHASE", 0),
                ("RELATED_CODE", 0), ("RELATED_RATE", 0.0), ("IS_REVERSECHARGE", 0));
        }

        var salt = new byte[16];
        for (var i = 0; i < salt.Length; i++)
        {
            salt[i] = (byte)random.Next();
        }

        var (_, hash, iterations) = DemoUserStore.HashPassword(options.ManagerPassword, salt);
        Insert(DemoUserStore.TableName, ("USER_NAME", DemoCompanyOptions.ManagerUserName), ("SALT", salt), ("PASSWORD_HASH", hash), ("ITERATIONS", iterations));
    }

    /// <summary>One project per early active customer: the ledger posts that customer's sales to it.</summary>
    public void WriteProjects(IReadOnlyList<DemoAccount> activeCustomers, DemoLedger ledger)
    {
        var stamp = calendar.Timestamp(0, 0);
        foreach (var ((id, reference, name), customer) in DemoChart.Projects.Zip(activeCustomers))
        {
            Insert("PROJECT", ("PROJECT_ID", id), ("REFERENCE", reference), ("NAME", name), ("STATUS_ID", 1), ("START_DATE", calendar.Date(0)),
                ("CUSTOMER_REF", customer.Reference), ("PARENT_PROJECT_NO", 0), ("CHILD_POSITION", 0),
                ("RECORD_CREATE_DATE", stamp), ("RECORD_MODIFY_DATE", stamp), ("RECORD_DELETED", 0));
            ledger.ProjectsByCustomer[customer.Reference] = id;
        }
    }

    public void WriteNominalLedger(DemoLedger ledger)
    {
        var stamp = calendar.Timestamp(0, 1);
        foreach (var (code, name) in DemoChart.NominalAccounts)
        {
            Insert("NOMINAL_LEDGER", ("ACCOUNT_REF", code), ("NAME", name), ("ACCOUNT_TYPE", 0),
                ("BALANCE", ledger.NominalBalances.GetValueOrDefault(code) / 100.0), ("INACTIVE_FLAG", 0),
                ("RECORD_CREATE_DATE", stamp), ("RECORD_MODIFY_DATE", stamp), ("RECORD_DELETED", 0));
        }
    }

    public void WriteLedgerAccounts(string table, List<DemoAccount> accounts, Dictionary<string, long> balances, string defaultNominal)
    {
        var stamp = calendar.Timestamp(0, 2);
        using var writer = new SqliteRowWriter(database.Handle, table,
        [
            "ACCOUNT_REF", "NAME|DEL_NAME", "ADDRESS_1", "ADDRESS_2", "ADDRESS_3", "ADDRESS_4", "ADDRESS_5", "CONTACT_NAME", "TELEPHONE",
            "E_MAIL", "VAT_REG_NUMBER", "DATE_ACCOUNT_OPENED", "BALANCE", "INACTIVE_FLAG", "RECORD_CREATE_DATE|RECORD_MODIFY_DATE",
        ],
        [
            ("DEF_TAX_CODE", "'T1'"), ("DEF_NOM_CODE", $"'{defaultNominal}'"), ("CURRENCY", "1"), ("COUNTRY_CODE", "'GB'"),
            ("PAYMENT_DUE_DAYS", "30"), ("CREDIT_LIMIT", "5000.0"), ("TERMS", "'30 days nett'"), ("RECORD_DELETED", "0"),
        ]);
        foreach (var account in accounts.OrderBy(a => a.Reference, StringComparer.Ordinal))
        {
            var address = account.Address;
            writer.Text(0, account.Reference);
            writer.Text(1, account.Name);
            writer.Text(2, address.Line1);
            writer.Text(3, address.Line2);
            writer.Text(4, address.Town);
            writer.Text(5, address.County);
            writer.Text(6, address.PostCode);
            writer.Text(7, account.Contact);
            writer.Text(8, account.Telephone);
            writer.Text(9, account.Email);
            writer.Text(10, account.VatNumber);
            writer.Text(11, calendar.Date(0));
            writer.Money(12, balances.GetValueOrDefault(account.Reference));
            writer.Int(13, account.Inactive ? 1 : 0);
            writer.Text(14, stamp);
            writer.Insert();
        }
    }

    public void WriteBanks(DemoLedger ledger)
    {
        var stamp = calendar.Timestamp(0, 3);
        var number = 0;
        foreach (var (code, type, bank, ibanBankCode, sortCode, accountNumber, overdraft) in DemoChart.Banks)
        {
            Insert("BANK", ("ACCOUNT_REF", code), ("ACCOUNT_NAME", "Hebden Oak Joinery Ltd"), ("NAME", bank), ("SORT_CODE", sortCode),
                ("ACCOUNT_NUMBER", accountNumber), ("IBAN", DemoIban.For(ibanBankCode, sortCode, accountNumber)), ("CURRENCY", 1), ("TYPE", type), ("NUMBER", ++number),
                ("OVERDRAFT_LIMIT", -overdraft / 100.0), ("FOREIGN_BALANCE", ledger.NominalBalances.GetValueOrDefault(code) / 100.0),
                ("INACTIVE_FLAG", 0), ("RECORD_CREATE_DATE", stamp), ("RECORD_MODIFY_DATE", stamp), ("RECORD_DELETED", 0));
        }
    }

    private void Insert(string table, params (string Column, object? Value)[] values) => database.Insert(table, values);
}
