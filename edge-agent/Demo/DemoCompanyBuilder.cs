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
    private readonly DemoMasterData _masterData;
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
        _masterData = new DemoMasterData(database, _calendar, _random);
    }

    public DemoCompanyManifest Build(string dataDirectory)
    {
        _database.Execute("BEGIN");
        try
        {
            _masterData.WriteReferenceData(_options);
            _masterData.CreateAccounts(_customers, _activeCustomers, (int)Math.Clamp(_target / 100, 8, 25_000), DemoNames.Customer);
            _masterData.CreateAccounts(_suppliers, _activeSuppliers, (int)Math.Clamp(_target / 250, 5, 8_000), DemoNames.Supplier);
            _masterData.WriteProjects(_activeCustomers, _ledger);
            Trade();
            _masterData.WriteNominalLedger(_ledger);
            _masterData.WriteLedgerAccounts("SALES_LEDGER", _customers, _ledger.CustomerBalances, "4000");
            _masterData.WriteLedgerAccounts("PURCHASE_LEDGER", _suppliers, _ledger.SupplierBalances, "5000");
            _masterData.WriteBanks(_ledger);
            _ledger.Complete();
        }
        finally
        {
            // The statements are finalised before the transaction ends, whether it commits or the file is abandoned.
            _ledger.Dispose();
        }

        _database.Execute("COMMIT");
        _database.CreateIndexes();
        return DemoCompanyManifest.Of(dataDirectory, _options, _ledger, _customers, _suppliers);
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

    private void Insert(string table, params (string Column, object? Value)[] values) => _database.Insert(table, values);
}
