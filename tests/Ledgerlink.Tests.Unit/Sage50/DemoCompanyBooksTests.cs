using Ledgerlink.EdgeAgent.Sage50.Access;
using Ledgerlink.EdgeAgent.Sage50.Schema;
using Ledgerlink.Testing.Sage50;

namespace Ledgerlink.Tests.Sage50;

/// <summary>The generated books are consistent double entry, checked with SQL straight against Sage's tables.</summary>
[Collection(DemoCompanyCollection.Name)]
public sealed class DemoCompanyBooksTests(DemoCompanyFixture company)
{
    [Fact]
    public void Every_transaction_has_splits_that_sum_to_its_header()
    {
        using var sql = company.OpenSql();
        var headers = SqlCheck.Scalar<long>(sql, "SELECT COUNT(*) FROM AUDIT_HEADER");
        Assert.Equal(company.Manifest.HeaderCount, headers);

        var mismatched = SqlCheck.Rows(sql, """
            SELECT h.HEADER_NUMBER FROM AUDIT_HEADER h
            LEFT JOIN (SELECT HEADER_NUMBER, COUNT(*) c, SUM(NET_AMOUNT) n, SUM(TAX_AMOUNT) t, SUM(GROSS_AMOUNT) g,
                              SUM(FOREIGN_GROSS_AMOUNT) fg, MIN(TRAN_NUMBER) first
                       FROM AUDIT_SPLIT GROUP BY HEADER_NUMBER) s ON s.HEADER_NUMBER = h.HEADER_NUMBER
            WHERE h.TYPE NOT IN ('JD', 'JC')
              AND (s.c IS NULL OR s.c <> h.ITEM_COUNT OR s.first <> h.TRAN_NUMBER
                   OR ROUND(s.n - h.NET_AMOUNT, 2) <> 0 OR ROUND(s.t - h.TAX_AMOUNT, 2) <> 0
                   OR ROUND(s.g - h.GROSS_AMOUNT, 2) <> 0 OR ROUND(s.fg - h.FOREIGN_GROSS_AMOUNT, 2) <> 0
                   OR ROUND(h.NET_AMOUNT + h.TAX_AMOUNT - h.GROSS_AMOUNT, 2) <> 0)
            """);
        Assert.Empty(mismatched);
    }

    [Fact]
    public void Journals_debit_what_they_credit_and_their_header_carries_the_total()
    {
        using var sql = company.OpenSql();
        var journals = SqlCheck.Rows(sql, """
            SELECT h.HEADER_NUMBER, h.NET_AMOUNT,
                   (SELECT SUM(NET_AMOUNT) FROM AUDIT_SPLIT s WHERE s.HEADER_NUMBER = h.HEADER_NUMBER AND s.TYPE = 'JD'),
                   (SELECT SUM(NET_AMOUNT) FROM AUDIT_SPLIT s WHERE s.HEADER_NUMBER = h.HEADER_NUMBER AND s.TYPE = 'JC')
            FROM AUDIT_HEADER h WHERE h.TYPE IN ('JD', 'JC')
            """);
        Assert.NotEmpty(journals);
        Assert.All(journals, j =>
        {
            Assert.Equal(SqlCheck.Money(j[1]), SqlCheck.Money(j[2]));
            Assert.Equal(SqlCheck.Money(j[1]), SqlCheck.Money(j[3]));
        });
    }

    [Fact]
    public void Journal_lines_net_to_zero_per_transaction_and_the_trial_balance_is_zero()
    {
        using var sql = company.OpenSql();
        Assert.Empty(SqlCheck.Rows(sql, "SELECT HEADER_NUMBER FROM AUDIT_JOURNAL GROUP BY HEADER_NUMBER HAVING ROUND(SUM(AMOUNT), 2) <> 0"));
        Assert.Equal(0m, SqlCheck.Money(SqlCheck.Scalar<double>(sql, "SELECT SUM(AMOUNT) FROM AUDIT_JOURNAL WHERE DELETED_FLAG = 0")));
        Assert.Equal(0m, company.Manifest.TrialBalance.Values.Sum());
        Assert.Equal(company.Manifest.JournalLineCount, SqlCheck.Scalar<long>(sql, "SELECT COUNT(*) FROM AUDIT_JOURNAL"));
    }

    [Fact]
    public void Nominal_ledger_balances_agree_with_the_audit_trail_and_the_manifest()
    {
        using var sql = company.OpenSql();
        var fromJournal = SqlCheck.Rows(sql, "SELECT NOMINAL_CODE, SUM(AMOUNT) FROM AUDIT_JOURNAL WHERE DELETED_FLAG = 0 GROUP BY NOMINAL_CODE")
            .ToDictionary(r => (string)r[0], r => SqlCheck.Money(r[1]));
        var ledger = SqlCheck.Rows(sql, "SELECT ACCOUNT_REF, BALANCE FROM NOMINAL_LEDGER").ToDictionary(r => (string)r[0], r => SqlCheck.Money(r[1]));

        Assert.All(fromJournal.Keys, code => Assert.True(ledger.ContainsKey(code), $"{code} is posted to but not in NOMINAL_LEDGER"));
        Assert.All(ledger, account =>
        {
            Assert.Equal(fromJournal.GetValueOrDefault(account.Key), account.Value);
            Assert.Equal(company.Manifest.TrialBalance[account.Key], account.Value);
        });
        Assert.Contains(ledger, a => a.Value != 0m && a.Key == "1200");
        var banks = SqlCheck.Rows(sql, "SELECT ACCOUNT_REF, FOREIGN_BALANCE FROM BANK");
        Assert.All(banks, b => Assert.Equal(ledger[(string)b[0]], SqlCheck.Money(b[1])));
    }

    [Fact]
    public void Customer_balances_agree_with_the_debtors_control_account_and_what_is_outstanding()
    {
        using var sql = company.OpenSql();
        AssertLedgerAgrees(sql, "SALES_LEDGER", "1100", sign: 1, "SI", ["SC", "SA"], company.Manifest.CustomerBalances);
    }

    [Fact]
    public void Supplier_balances_agree_with_the_creditors_control_account_and_what_is_outstanding()
    {
        using var sql = company.OpenSql();
        AssertLedgerAgrees(sql, "PURCHASE_LEDGER", "2100", sign: -1, "PI", ["PC", "PA"], company.Manifest.SupplierBalances);
    }

    [Fact]
    public void Allocations_pair_up_and_account_for_everything_paid()
    {
        using var sql = company.OpenSql();
        Assert.Equal(company.Manifest.UsageCount, SqlCheck.Scalar<long>(sql, "SELECT COUNT(*) FROM AUDIT_USAGE"));
        Assert.True(company.Manifest.UsageCount > 0);

        // Every allocation is recorded on both splits, each pointing at the other, for the same amount.
        Assert.Empty(SqlCheck.Rows(sql, """
            SELECT u.USAGE_NUMBER FROM AUDIT_USAGE u
            WHERE NOT EXISTS (SELECT 1 FROM AUDIT_USAGE m WHERE m.SPLIT_NUMBER = u.SPLIT_CROSSREF AND m.SPLIT_CROSSREF = u.SPLIT_NUMBER
                              AND ROUND(m.AMOUNT - u.AMOUNT, 2) = 0)
            """));

        // What an invoice split says was paid is what was allocated to it; receipts are allocated in full.
        Assert.Empty(SqlCheck.Rows(sql, """
            SELECT s.TRAN_NUMBER FROM AUDIT_SPLIT s
            WHERE s.TYPE IN ('SI', 'PI', 'SR', 'PP') AND s.DELETED_FLAG = 0
              AND ROUND(s.AMOUNT_PAID - COALESCE((SELECT SUM(u.AMOUNT) FROM AUDIT_USAGE u WHERE u.SPLIT_NUMBER = s.TRAN_NUMBER), 0), 2) <> 0
            """));
        Assert.Empty(SqlCheck.Rows(sql, """
            SELECT TRAN_NUMBER FROM AUDIT_SPLIT WHERE TYPE IN ('SI', 'PI')
              AND ROUND(GROSS_AMOUNT - AMOUNT_PAID - OUTSTANDING, 2) <> 0 AND DELETED_FLAG = 0
            """));
        Assert.Empty(SqlCheck.Rows(sql, "SELECT u.USAGE_NUMBER FROM AUDIT_USAGE u LEFT JOIN AUDIT_SPLIT s ON s.TRAN_NUMBER = u.SPLIT_CROSSREF WHERE s.TRAN_NUMBER IS NULL"));
    }

    [Fact]
    public void Deleted_transactions_are_kept_but_carry_no_balance()
    {
        using var sql = company.OpenSql();
        var deleted = SqlCheck.Scalar<long>(sql, "SELECT COUNT(*) FROM AUDIT_HEADER WHERE DELETED_FLAG = 1");
        Assert.True(deleted > 0, "a company this size has a few deleted invoices, as real ones do");
        Assert.Equal(0L, SqlCheck.Scalar<long>(sql, """
            SELECT COUNT(*) FROM AUDIT_HEADER h WHERE h.DELETED_FLAG = 1
              AND (h.OUTSTANDING <> 0 OR EXISTS (SELECT 1 FROM AUDIT_JOURNAL j WHERE j.HEADER_NUMBER = h.HEADER_NUMBER AND j.DELETED_FLAG = 0))
            """));
    }

    [Fact]
    public void Tables_and_columns_are_the_published_Sage_ODBC_names()
    {
        using var sql = company.OpenSql();
        var tables = SqlCheck.Rows(sql, "SELECT name FROM sqlite_master WHERE type = 'table'").Select(r => (string)r[0]).ToList();
        Assert.Contains(DemoUserStore.TableName, tables);
        foreach (var table in tables.Where(t => t != DemoUserStore.TableName))
        {
            var columns = SqlCheck.Rows(sql, $"SELECT name FROM pragma_table_info('{table}')").Select(r => (string)r[0]).ToList();
            Assert.Equal(Sage50Schema.Columns(table).Select(c => c.Name), columns);
        }

        // The published list, not a trimmed copy: AUDIT_SPLIT has 72 columns in Sage's ODBC driver.
        Assert.Equal(72, Sage50Schema.Columns("AUDIT_SPLIT").Count);
    }

    private static void AssertLedgerAgrees(
        Microsoft.Data.Sqlite.SqliteConnection sql, string table, string control, int sign, string invoiceType, string[] creditTypes,
        IReadOnlyDictionary<string, decimal> manifest)
    {
        var balances = SqlCheck.Rows(sql, $"SELECT ACCOUNT_REF, BALANCE FROM {table}").ToDictionary(r => (string)r[0], r => SqlCheck.Money(r[1]));
        var fromControl = SqlCheck.Rows(sql, $"SELECT ACCOUNT_REF, SUM(AMOUNT) FROM AUDIT_JOURNAL WHERE NOMINAL_CODE = '{control}' AND DELETED_FLAG = 0 GROUP BY ACCOUNT_REF")
            .ToDictionary(r => (string)r[0], r => sign * SqlCheck.Money(r[1]));
        var credits = string.Join(", ", creditTypes.Select(t => $"'{t}'"));
        var fromOutstanding = SqlCheck.Rows(sql, $"""
            SELECT ACCOUNT_REF, SUM(CASE WHEN TYPE = '{invoiceType}' THEN OUTSTANDING ELSE -OUTSTANDING END)
            FROM AUDIT_HEADER WHERE DELETED_FLAG = 0 AND TYPE IN ('{invoiceType}', {credits}) GROUP BY ACCOUNT_REF
            """).ToDictionary(r => (string)r[0], r => SqlCheck.Money(r[1]));

        Assert.Equal(balances.Count, manifest.Count);
        Assert.All(balances, account =>
        {
            Assert.Equal(manifest[account.Key], account.Value);
            Assert.Equal(fromControl.GetValueOrDefault(account.Key), account.Value);
            Assert.Equal(fromOutstanding.GetValueOrDefault(account.Key), account.Value);
        });
        Assert.Equal(sign * ControlAccountBalance(sql, control), balances.Values.Sum());
        Assert.Contains(balances.Values, b => b != 0m);
    }

    private static decimal ControlAccountBalance(Microsoft.Data.Sqlite.SqliteConnection sql, string control) =>
        SqlCheck.Money(SqlCheck.Scalar<double>(sql, $"SELECT BALANCE FROM NOMINAL_LEDGER WHERE ACCOUNT_REF = '{control}'"));
}
