using System.Globalization;
using Ledgerlink.DataTypes;
using Ledgerlink.EdgeAgent.Sage50.Access;
using T = Ledgerlink.EdgeAgent.Sage50.Reading.SageTransactionType;

namespace Ledgerlink.EdgeAgent.Sage50.Demo;

/// <summary>
/// Writes one demo company into an open, empty demo database: reference data, customers and suppliers, then
/// day after day of trading (invoices, credit notes, receipts, bills, payments, bank, cash and card entries, monthly
/// wages and depreciation journals) until the audit trail reaches the requested size.
/// </summary>
internal sealed class DemoCompanyBuilder
{
    private static readonly int[] KindWeights = [340, 20, 10, 240, 10, 10, 40, 10, 20, 10, 20, 3];
    private static readonly int[] SalesLineWeights = [40, 25, 15, 10, 10];
    private static readonly int[] PurchaseLineWeights = [60, 25, 15];

    private readonly DemoDatabase _database;
    private readonly DemoCompanyOptions _options;
    private readonly DemoRandom _random;
    private readonly DemoCalendar _calendar;
    private readonly DemoLedger _ledger;
    private readonly long _target;
    private readonly List<DemoAccount> _customers = [];
    private readonly List<DemoAccount> _suppliers = [];
    private readonly List<DemoAccount> _activeCustomers = [];
    private readonly List<DemoAccount> _activeSuppliers = [];
    private readonly PriorityQueue<DemoInstallment, (long DueAt, long Sequence)> _schedule = new();
    private long _installments;
    private int _invoiceNumber = 10_000;
    private int _creditNumber = 500;
    private int _chequeNumber = 100_200;
    private int _voucherNumber = 1;
    private long _salesThisMonth;
    private long _salesLastMonth;
    private long _payeDue;

    public DemoCompanyBuilder(DemoDatabase database, DemoCompanyOptions options)
    {
        _database = database;
        _options = options;
        _random = new DemoRandom(options.Seed);
        _target = options.TargetSplitCount;
        _calendar = new DemoCalendar(_options.FinancialYearStart, (int)Math.Clamp(_target / 400, 60, 730));
        _ledger = new DemoLedger(database, _calendar);
    }

    public DemoCompanyManifest Build(string dataDirectory)
    {
        _database.Execute("BEGIN");
        try
        {
            WriteReferenceData();
            CreateAccounts(_customers, _activeCustomers, (int)Math.Clamp(_target / 100, 8, 25_000), DemoNames.Customer);
            CreateAccounts(_suppliers, _activeSuppliers, (int)Math.Clamp(_target / 250, 5, 8_000), DemoNames.Supplier);
            WriteProjects();
            Trade();
            WriteNominalLedger();
            WriteLedgerAccounts("SALES_LEDGER", _customers, _ledger.CustomerBalances, "4000");
            WriteLedgerAccounts("PURCHASE_LEDGER", _suppliers, _ledger.SupplierBalances, "5000");
            WriteBanks();
            _ledger.Complete();
        }
        finally
        {
            // The statements are finalised before the transaction ends, whether it commits or the file is abandoned.
            _ledger.Dispose();
        }

        _database.Execute("COMMIT");
        _database.CreateIndexes();
        return Manifest(dataDirectory);
    }

    private void Trade()
    {
        PostOpeningBalances();

        // One of every kind on the first day, so even the smallest company has records of every data type.
        for (var kind = 0; kind < KindWeights.Length; kind++)
        {
            PostOne(kind, 0, 0);
        }

        var month = _calendar.DateOf(0).Month;
        while (_ledger.SplitCount < _target)
        {
            var progress = _ledger.SplitCount;
            var day = DayAt(progress);
            if (_calendar.DateOf(day).Month != month)
            {
                month = _calendar.DateOf(day).Month;
                PostMonthStart(day);
            }

            PayDue(progress, day);
            PostOne(_random.Weighted(KindWeights), day, progress);
        }

        // Everything planned to be paid within the company's life is paid, so the invoices written earlier are true.
        while (_schedule.TryDequeue(out var installment, out var due))
        {
            if (!installment.Emitted && due.DueAt < _target)
            {
                Settle(installment.Account, _target, DayAt(_ledger.SplitCount));
            }
        }
    }

    private int DayAt(long progress) => (int)Math.Min(_calendar.Days - 1, progress * _calendar.Days / _target);

    private long ProgressIn(int days) => Math.Max(1, days * _target / _calendar.Days);

    private void PostOne(int kind, int day, long progress)
    {
        switch (kind)
        {
            case 0: PostInvoice(T.SalesInvoice, _random.Pick(_activeCustomers), day, progress); break;
            case 1: PostCredit(T.SalesCredit, _random.Pick(_activeCustomers), day); break;
            case 2: PostOnAccount(T.SalesReceiptOnAccount, _random.Pick(_activeCustomers), day); break;
            case 3: PostInvoice(T.PurchaseInvoice, _random.Pick(_activeSuppliers), day, progress); break;
            case 4: PostCredit(T.PurchaseCredit, _random.Pick(_activeSuppliers), day); break;
            case 5: PostOnAccount(T.PurchasePaymentOnAccount, _random.Pick(_activeSuppliers), day); break;
            case 6: PostBankEntry(T.BankPayment, DemoChart.CurrentAccount, DemoChart.BankPayments, 2_000, 250_000, day); break;
            case 7: PostBankEntry(T.BankReceipt, DemoChart.CurrentAccount, DemoChart.BankReceipts, 500, 50_000, day); break;
            case 8: PostBankEntry(T.CashPayment, DemoChart.PettyCash, DemoChart.CashPayments, 200, 8_000, day); break;
            case 9: PostBankEntry(T.CashReceipt, DemoChart.PettyCash, DemoChart.CashReceipts, 500, 20_000, day); break;
            case 10: PostBankEntry(T.CardPayment, DemoChart.CreditCard, DemoChart.CardPayments, 1_000, 120_000, day); break;
            default: PostBankEntry(T.CardReceipt, DemoChart.CreditCard, DemoChart.CardPayments, 1_000, 20_000, day); break;
        }
    }

    private void PostInvoice(string type, DemoAccount account, int day, long progress)
    {
        var sales = type == T.SalesInvoice;
        var lineCount = 1 + _random.Weighted(sales ? SalesLineWeights : PurchaseLineWeights);
        var lines = new (string Nominal, string Details, DemoTaxCode Tax, long Net)[lineCount];
        for (var i = 0; i < lineCount; i++)
        {
            var (nominal, details) = _random.Pick(sales ? DemoChart.SalesLines : DemoChart.PurchaseLines);
            var roll = _random.Int(1000);
            var tax = roll < 850 ? DemoChart.Standard : roll < 950 ? DemoChart.Zero : sales ? DemoChart.OutsideScope : DemoChart.Lower;
            lines[i] = (nominal, details, tax, sales ? _random.Pennies(2_500, 300_000) : _random.Pennies(1_000, 200_000));
        }

        var grosses = lines.Select(l => l.Net + l.Tax.TaxOn(l.Net)).ToArray();
        var total = grosses.Sum();
        var deleted = _random.Chance(5);

        // The payment plan: most paid in full, some in two parts, some only in part, a few never.
        var plan = new List<(long Amount, long DueAt)>();
        if (!deleted)
        {
            var lag = ProgressIn(sales ? _random.Int(14, 60) : _random.Int(20, 75));
            var roll = _random.Int(1000);
            if (roll < 820)
            {
                plan.Add((total, progress + lag));
            }
            else if (roll < 900)
            {
                plan.Add((total / 2, progress + lag));
                plan.Add((total - (total / 2), progress + lag + ProgressIn(_random.Int(20, 40))));
            }
            else if (roll < 960)
            {
                plan.Add((total * _random.Int(30, 70) / 100, progress + lag));
            }
        }

        var willBePaid = plan.Where(p => p.DueAt < _target).Sum(p => p.Amount);
        var reference = sales
            ? (++_invoiceNumber).ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{account.Reference[..3]}-{_random.Int(10_000, 99_999)}");
        _ledger.Begin(type, day, account.Reference, null, reference, lines[0].Details);
        var trans = new int[lineCount];
        for (var i = 0; i < lineCount; i++)
        {
            var paid = Math.Min(grosses[i], willBePaid);
            willBePaid -= paid;
            trans[i] = _ledger.Split(lines[i].Nominal, lines[i].Tax, lines[i].Net, lines[i].Tax.TaxOn(lines[i].Net), lines[i].Details, paid);
        }

        _ledger.Commit(deleted);
        if (sales && !deleted)
        {
            _salesThisMonth += lines.Sum(l => l.Net);
        }

        var document = new DemoOpenDocument(type, reference, trans, grosses);
        foreach (var (amount, dueAt) in plan.Where(p => p.DueAt < _target && p.Amount > 0))
        {
            var installment = new DemoInstallment(account, document, amount, dueAt, _installments++);
            account.Scheduled.Add(installment);
            _schedule.Enqueue(installment, (dueAt, installment.Sequence));
        }
    }

    private void PayDue(long progress, int day)
    {
        while (_schedule.TryPeek(out var installment, out var due) && due.DueAt <= progress)
        {
            _schedule.Dequeue();
            if (!installment.Emitted)
            {
                Settle(installment.Account, progress, day);
            }
        }
    }

    /// <summary>
    /// One receipt (or payment) settling everything the account owes that falls due within a week, as customers
    /// pay several invoices with one remittance: a split per invoice split paid, each with its AUDIT_USAGE pair.
    /// </summary>
    private void Settle(DemoAccount account, long progress, int day)
    {
        var window = progress + ProgressIn(7);
        var batch = account.Scheduled.Where(i => !i.Emitted && i.DueAt <= window && i.DueAt < _target)
            .OrderBy(i => i.DueAt).ThenBy(i => i.Sequence).ToList();
        if (batch.Count == 0)
        {
            return;
        }

        var sales = batch[0].Document.Type == T.SalesInvoice;
        var type = sales ? T.SalesReceipt : T.PurchasePayment;
        var reference = _random.Chance(700) ? "BACS" : string.Create(CultureInfo.InvariantCulture, $"CHQ {++_chequeNumber}");
        var details = sales ? "Sales Receipt" : "Purchase Payment";
        _ledger.Begin(type, day, account.Reference, DemoChart.CurrentAccount, reference, details);
        foreach (var installment in batch)
        {
            for (var left = installment.Amount; left > 0;)
            {
                var (paidSplit, amount) = installment.Document.Allocate(left);
                _ledger.Split(DemoChart.CurrentAccount, DemoChart.OutsideScope, amount, 0, details, pays: paidSplit);
                left -= amount;
            }

            installment.Emitted = true;
        }

        _ledger.Commit(reconciled: IsReconciled(day), reconciledAfterDays: _random.Int(1, 10));
        account.Scheduled.RemoveAll(i => i.Emitted);
    }

    private void PostCredit(string type, DemoAccount account, int day)
    {
        var sales = type == T.SalesCredit;
        var (nominal, details) = _random.Pick(sales ? DemoChart.SalesLines : DemoChart.PurchaseLines);
        var net = _random.Pennies(1_000, 50_000);
        var reference = sales
            ? string.Create(CultureInfo.InvariantCulture, $"CN{++_creditNumber}")
            : string.Create(CultureInfo.InvariantCulture, $"{account.Reference[..3]}-CR{_random.Int(1_000, 9_999)}");
        _ledger.Begin(type, day, account.Reference, null, reference, "Credit: " + details);
        _ledger.Split(nominal, DemoChart.Standard, net, DemoChart.Standard.TaxOn(net), "Credit: " + details);
        _ledger.Commit();
    }

    private void PostOnAccount(string type, DemoAccount account, int day)
    {
        var amount = _random.Pennies(5_000, 100_000);
        _ledger.Begin(type, day, account.Reference, DemoChart.CurrentAccount, "BACS", "Payment on Account");
        _ledger.Split(DemoChart.CurrentAccount, DemoChart.OutsideScope, amount, 0, "Payment on Account");
        _ledger.Commit(reconciled: IsReconciled(day), reconciledAfterDays: _random.Int(1, 10));
    }

    private void PostBankEntry(string type, string bank, (string Nominal, string Details, int TaxCode)[] choices, long minPennies, long maxPennies, int day)
    {
        var (nominal, details, taxCodeId) = _random.Pick(choices);
        var taxCode = DemoChart.TaxCodes.Single(t => t.Id == taxCodeId);
        var net = _random.Pennies(minPennies, maxPennies);
        var reference = type is T.CashPayment or T.CashReceipt
            ? string.Create(CultureInfo.InvariantCulture, $"PC{_voucherNumber++:0000}")
            : type is T.CardPayment or T.CardReceipt ? "CARD" : _random.Pick(["DD", "SO", "BACS"]);
        _ledger.Begin(type, day, bank, bank, reference, details);
        _ledger.Split(nominal, taxCode, net, taxCode.TaxOn(net), details);
        _ledger.Commit(reconciled: IsReconciled(day), reconciledAfterDays: _random.Int(1, 10));
    }

    private bool IsReconciled(int day) => _random.Chance(day < _calendar.Days - 20 ? 970 : 300);

    private void PostOpeningBalances()
    {
        Journal(0, "OPEN", "Opening capital", (DemoChart.CurrentAccount, 2_500_000), (DemoChart.Capital, -2_500_000));
        Journal(0, "OPEN", "Workshop equipment", ("0030", 480_000), (DemoChart.CurrentAccount, -480_000));
    }

    /// <summary>The first working day of a month: last month's wages, PAYE to HMRC, depreciation, card and petty cash.</summary>
    private void PostMonthStart(int day)
    {
        var monthName = _calendar.DateOf(day).AddMonths(-1).ToString("MMM yyyy", CultureInfo.InvariantCulture);
        _salesLastMonth = _salesThisMonth == 0 ? _salesLastMonth : _salesThisMonth;
        _salesThisMonth = 0;
        if (_payeDue > 0)
        {
            _ledger.Begin(T.BankPayment, day, DemoChart.CurrentAccount, DemoChart.CurrentAccount, "HMRC", "PAYE and NI");
            _ledger.Split(DemoChart.Paye, DemoChart.OutsideScope, _payeDue, 0, "PAYE and NI");
            _ledger.Commit(reconciled: IsReconciled(day), reconciledAfterDays: 3);
        }

        var gross = Math.Max(300_000, _salesLastMonth / 4);
        long tax = gross / 5, employeeNi = gross * 8 / 100, employerNi = gross / 10;
        _payeDue = tax + employeeNi + employerNi;
        Journal(day, "WAGES", "Wages " + monthName,
            (DemoChart.GrossWages, gross), (DemoChart.EmployersNi, employerNi), (DemoChart.Paye, -_payeDue),
            (DemoChart.CurrentAccount, -(gross - tax - employeeNi)));
        Journal(day, "DEPN", "Depreciation " + monthName, (DemoChart.Depreciation, 8_000), (DemoChart.OfficeEquipmentDepreciation, -8_000));

        var card = _ledger.NominalBalances.GetValueOrDefault(DemoChart.CreditCard);
        if (card < 0)
        {
            Journal(day, "CARD", "Credit card repayment", (DemoChart.CreditCard, -card), (DemoChart.CurrentAccount, card));
        }

        // Each quarter, money the business does not need this month goes to the deposit account.
        var current = _ledger.NominalBalances.GetValueOrDefault(DemoChart.CurrentAccount);
        if (_calendar.DateOf(day).Month % 3 == 1 && current > 2_000_000)
        {
            var transfer = current / 4 / 100_000 * 100_000;
            Journal(day, "TFR", "Transfer to deposit account", (DemoChart.DepositAccount, transfer), (DemoChart.CurrentAccount, -transfer));
        }

        var cash = _ledger.NominalBalances.GetValueOrDefault(DemoChart.PettyCash);
        if (cash < 10_000)
        {
            Journal(day, "CASH", "Petty cash top-up", (DemoChart.PettyCash, 30_000 - cash), (DemoChart.CurrentAccount, cash - 30_000));
        }
    }

    /// <summary>A balanced nominal journal: positive amounts are debits (JD splits), negative ones credits (JC).</summary>
    private void Journal(int day, string reference, string details, params (string Nominal, long Amount)[] lines)
    {
        var type = lines[0].Amount >= 0 ? T.JournalDebit : T.JournalCredit;
        _ledger.Begin(type, day, lines[0].Nominal, null, reference, details);
        foreach (var (nominal, amount) in lines)
        {
            _ledger.Split(nominal, DemoChart.OutsideScope, Math.Abs(amount), 0, details, splitType: amount >= 0 ? T.JournalDebit : T.JournalCredit);
        }

        _ledger.Commit();
    }

    private void CreateAccounts(List<DemoAccount> all, List<DemoAccount> active, int count, Func<DemoRandom, int, string> name)
    {
        var prefixes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var accountName = name(_random, i);
            var account = new DemoAccount(
                DemoNames.AccountRef(accountName, prefixes), accountName, DemoNames.Address(_random), DemoNames.Person(_random),
                DemoNames.Telephone(_random), "accounts@" + DemoNames.EmailDomain(accountName),
                _random.Chance(600) ? DemoNames.VatNumber(_random) : null, inactive: i > 0 && _random.Chance(30));
            all.Add(account);
            if (!account.Inactive)
            {
                active.Add(account);
            }
        }
    }

    private void WriteReferenceData()
    {
        var start = _options.FinancialYearStart;
        var stamp = _calendar.Timestamp(0, 0);
        var companyId = new Guid((uint)_random.Next(), (ushort)_random.Next(), (ushort)_random.Next(), 0x8a, 0x4f, 0x17, 0x2c, 0x5e, 0x90, 0x33, 0x61);
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
            salt[i] = (byte)_random.Next();
        }

        var (_, hash, iterations) = DemoUserStore.HashPassword(_options.ManagerPassword, salt);
        Insert(DemoUserStore.TableName, ("USER_NAME", DemoCompanyOptions.ManagerUserName), ("SALT", salt), ("PASSWORD_HASH", hash), ("ITERATIONS", iterations));
    }

    /// <summary>One project per early active customer: the ledger posts that customer's sales to it.</summary>
    private void WriteProjects()
    {
        var stamp = _calendar.Timestamp(0, 0);
        foreach (var ((id, reference, name), customer) in DemoChart.Projects.Zip(_activeCustomers))
        {
            Insert("PROJECT", ("PROJECT_ID", id), ("REFERENCE", reference), ("NAME", name), ("STATUS_ID", 1), ("START_DATE", _calendar.Date(0)),
                ("CUSTOMER_REF", customer.Reference), ("PARENT_PROJECT_NO", 0), ("CHILD_POSITION", 0),
                ("RECORD_CREATE_DATE", stamp), ("RECORD_MODIFY_DATE", stamp), ("RECORD_DELETED", 0));
            _ledger.ProjectsByCustomer[customer.Reference] = id;
        }
    }

    private void WriteNominalLedger()
    {
        var stamp = _calendar.Timestamp(0, 1);
        foreach (var (code, name) in DemoChart.NominalAccounts)
        {
            Insert("NOMINAL_LEDGER", ("ACCOUNT_REF", code), ("NAME", name), ("ACCOUNT_TYPE", 0),
                ("BALANCE", _ledger.NominalBalances.GetValueOrDefault(code) / 100.0), ("INACTIVE_FLAG", 0),
                ("RECORD_CREATE_DATE", stamp), ("RECORD_MODIFY_DATE", stamp), ("RECORD_DELETED", 0));
        }
    }

    private void WriteLedgerAccounts(string table, List<DemoAccount> accounts, Dictionary<string, long> balances, string defaultNominal)
    {
        var stamp = _calendar.Timestamp(0, 2);
        using var writer = new SqliteRowWriter(_database.Handle, table,
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
            writer.Text(11, _calendar.Date(0));
            writer.Money(12, balances.GetValueOrDefault(account.Reference));
            writer.Int(13, account.Inactive ? 1 : 0);
            writer.Text(14, stamp);
            writer.Insert();
        }
    }

    private void WriteBanks()
    {
        var stamp = _calendar.Timestamp(0, 3);
        var number = 0;
        foreach (var (code, type, bank, ibanBankCode, sortCode, accountNumber, overdraft) in DemoChart.Banks)
        {
            Insert("BANK", ("ACCOUNT_REF", code), ("ACCOUNT_NAME", "Hebden Oak Joinery Ltd"), ("NAME", bank), ("SORT_CODE", sortCode),
                ("ACCOUNT_NUMBER", accountNumber), ("IBAN", DemoIban.For(ibanBankCode, sortCode, accountNumber)), ("CURRENCY", 1), ("TYPE", type), ("NUMBER", ++number),
                ("OVERDRAFT_LIMIT", -overdraft / 100.0), ("FOREIGN_BALANCE", _ledger.NominalBalances.GetValueOrDefault(code) / 100.0),
                ("INACTIVE_FLAG", 0), ("RECORD_CREATE_DATE", stamp), ("RECORD_MODIFY_DATE", stamp), ("RECORD_DELETED", 0));
        }
    }

    private DemoCompanyManifest Manifest(string dataDirectory)
    {
        var counts = DataTypeNames.All.ToDictionary(d => d, d => _ledger.Tallies.Counts.GetValueOrDefault(d), StringComparer.Ordinal);
        counts[DataTypeNames.Company] = 1;
        counts[DataTypeNames.ChartOfAccounts] = DemoChart.NominalAccounts.Length;
        counts[DataTypeNames.TaxRates] = DemoChart.TaxCodes.Length;
        counts[DataTypeNames.Customers] = _customers.Count;
        counts[DataTypeNames.Suppliers] = _suppliers.Count;
        counts[DataTypeNames.BankAccounts] = DemoChart.Banks.Length;
        return new DemoCompanyManifest(
            dataDirectory,
            _options,
            _ledger.HeaderCount,
            _ledger.SplitCount,
            _ledger.JournalLineCount,
            _ledger.UsageCount,
            counts,
            _ledger.Tallies.Totals,
            DemoChart.NominalAccounts.ToDictionary(a => a.Code, a => _ledger.NominalBalances.GetValueOrDefault(a.Code) / 100m, StringComparer.Ordinal),
            _customers.ToDictionary(c => c.Reference, c => _ledger.CustomerBalances.GetValueOrDefault(c.Reference) / 100m, StringComparer.Ordinal),
            _suppliers.ToDictionary(s => s.Reference, s => _ledger.SupplierBalances.GetValueOrDefault(s.Reference) / 100m, StringComparer.Ordinal));
    }

    private void Insert(string table, params (string Column, object? Value)[] values) => _database.Insert(table, values);
}
