using System.Net;
using System.Net.Http.Json;
using Ledgerlink.Testing.Azurite;
using Ledgerlink.Testing.Infrastructure;
using Ledgerlink.Testing.MailDev;
using Ledgerlink.Tests.Infrastructure;

namespace Ledgerlink.Tests.Data;

/// <summary>
/// Reset and restore confirmed by the owner's email, end to end: a real silo sends through a real maildev over SMTP,
/// the test reads the email from maildev's REST API and confirms as the owner would. Every refusal is shown to change
/// nothing by the company's state checksum (data, statuses, history, generations, audit) before and after.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class OwnerConfirmationTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_reset_emails_the_owner_exactly_once_opening_the_link_changes_nothing_and_confirming_it_resets()
    {
        await using var scenario = await DataScenario.StartAsync(azurite);
        await scenario.SyncAsync(["invoices", "customers"], dataType => DataScenario.Records(dataType, 25, "v1"));
        var before = await scenario.StateChecksumAsync();
        var emailsBefore = await scenario.Mail.EmailsAsync();

        using var requested = await scenario.RequestResetAsync();
        var body = await requested.JsonAsync();
        Assert.True(requested.StatusCode == HttpStatusCode.Accepted, body.ToJsonString());
        var confirmationId = body["id"]!.GetValue<string>();
        Assert.Equal($"/companies/{scenario.CompanyId}/data/confirmations/{confirmationId}", requested.Headers.Location?.OriginalString);
        Assert.Equal("reset", body["action"]!.GetValue<string>());
        Assert.Equal("Pending", body["status"]!.GetValue<string>());
        Assert.Equal(TimeSpan.FromMinutes(30), body["expires"]!.GetValue<DateTimeOffset>() - body["requested"]!.GetValue<DateTimeOffset>());

        var email = await OwnerMail.WaitForConfirmationAsync(scenario.Mail, DataScenario.OwnerEmail, confirmationId);
        var newEmails = (await scenario.Mail.EmailsAsync()).Skip(emailsBefore.Count).ToList();
        Assert.Equal(email.Id, Assert.Single(newEmails).Id);
        Assert.Contains("reset", email.Subject, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Acme Widgets Ltd", email.Subject, StringComparison.Ordinal);
        Assert.Equal(28 + 6, OwnerMail.Code(email).Length);

        // The code is stored hashed: it is nowhere in the confirmation the integrator can read.
        var pending = await scenario.Http.GetJsonAsync($"/companies/{scenario.CompanyId}/data/confirmations/{confirmationId}");
        Assert.Equal("Pending", pending["status"]!.GetValue<string>());
        Assert.DoesNotContain(OwnerMail.Code(email), pending.ToJsonString(), StringComparison.Ordinal);

        // A mail scanner (or the owner just looking) GETs the link: nothing happens.
        using (var scanner = new HttpClient())
        {
            var page = await OwnerMail.OpenAsync(scanner, OwnerMail.Link(email));
            Assert.Contains("Reset the synced data of Acme Widgets Ltd", page, StringComparison.Ordinal);
            await OwnerMail.OpenAsync(scanner, OwnerMail.Link(email));
        }

        Assert.Equal(before, await scenario.StateChecksumAsync());
        Assert.Equal("Pending", (await scenario.Http.GetJsonAsync($"/companies/{scenario.CompanyId}/data/confirmations/{confirmationId}"))["status"]!.GetValue<string>());

        var (status, done) = await OwnerMail.ConfirmAsync(OwnerMail.Link(email));
        Assert.True(status == HttpStatusCode.OK, done);
        Assert.Contains("was reset", done, StringComparison.Ordinal);
        var confirmation = await scenario.Http.GetJsonAsync($"/companies/{scenario.CompanyId}/data/confirmations/{confirmationId}");
        Assert.Equal("Done", confirmation["status"]!.GetValue<string>());
        Assert.Empty((await scenario.ReadAllAsync("invoices"))!);
        Assert.Empty((await scenario.ReadAllAsync("customers"))!);
        Assert.Equal(1, (await scenario.Http.GetJsonAsync($"/companies/{scenario.CompanyId}/data/generations"))["currentGeneration"]!.GetValue<long>());
    }

    [Fact]
    public async Task Wrong_reused_and_expired_reset_codes_are_refused_and_change_nothing()
    {
        await using var scenario = await DataScenario.StartAsync(azurite);
        await scenario.SyncAsync(["invoices"], dataType => DataScenario.Records(dataType, 20, "v1"));
        var before = await scenario.StateChecksumAsync();

        // Wrong: a well-formed code that is not this confirmation's, and one from another confirmation.
        var (firstId, first) = await scenario.RequestedAsync(scenario.RequestResetAsync());
        using var openedBeforeExpiry = await OwnerMail.ConfirmPage.OpenAsync(OwnerMail.Link(first));
        var wrong = await OwnerMail.ConfirmAsync(OwnerMail.Link(first), "7K3M-Q9XD-7K3M-Q9XD-7K3M-Q9XD-7K3M");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        Assert.Contains("not the one in the email", wrong.Body, StringComparison.Ordinal);
        Assert.Equal(before, await scenario.StateChecksumAsync());

        // Expired: 31 minutes later (the silo's clock moves, nobody sleeps), the right code does nothing.
        scenario.Time.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal("Expired", (await scenario.Http.GetJsonAsync($"/companies/{scenario.CompanyId}/data/confirmations/{firstId}"))["status"]!.GetValue<string>());
        using (var expiredPage = new HttpClient())
        {
            Assert.Contains("expired", await OwnerMail.OpenAsync(expiredPage, OwnerMail.Link(first)), StringComparison.Ordinal);
        }

        var expired = await openedBeforeExpiry.PressConfirmAsync(OwnerMail.Code(first));
        Assert.True(expired.Status == HttpStatusCode.Gone, expired.Body);
        Assert.Equal(before, await scenario.StateChecksumAsync());

        // A code of another confirmation of the same company is wrong for this one.
        var (_, second) = await scenario.RequestedAsync(scenario.RequestResetAsync());
        var (_, third) = await scenario.RequestedAsync(scenario.RequestResetAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await OwnerMail.ConfirmAsync(OwnerMail.Link(second), OwnerMail.Code(third))).Status);
        Assert.Equal(before, await scenario.StateChecksumAsync());

        // Right: done once. Reused (from a second tab opened before): refused, and the data stays as the first use left it.
        using var secondTab = await OwnerMail.ConfirmPage.OpenAsync(OwnerMail.Link(second));
        Assert.Equal(HttpStatusCode.OK, (await OwnerMail.ConfirmAsync(OwnerMail.Link(second))).Status);
        Assert.Empty((await scenario.ReadAllAsync("invoices"))!);
        var afterReset = await scenario.StateChecksumAsync();
        var reused = await secondTab.PressConfirmAsync(OwnerMail.Code(second));
        Assert.True(reused.Status == HttpStatusCode.Conflict, reused.Body);
        Assert.Equal(afterReset, await scenario.StateChecksumAsync());
        var audit = await scenario.Http.GetJsonAsync($"/companies/{scenario.CompanyId}/data/audit");
        Assert.Equal(1, audit["totalResults"]!.GetValue<int>());

        // The third confirmation's code still works on its own link, once, and would reset again (a new generation).
        Assert.Equal(HttpStatusCode.OK, (await OwnerMail.ConfirmAsync(OwnerMail.Link(third))).Status);
        Assert.Equal(2, (await scenario.Http.GetJsonAsync($"/companies/{scenario.CompanyId}/data/audit"))["totalResults"]!.GetValue<int>());
    }

    [Fact]
    public async Task Wrong_reused_and_expired_restore_codes_are_refused_and_change_nothing()
    {
        await using var scenario = await DataScenario.StartAsync(azurite);
        await scenario.SyncAsync(["invoices"], dataType => DataScenario.Records(dataType, 20, "v1"));
        var original = await scenario.DataChecksumAsync();
        await scenario.ResetConfirmedAsync();
        await scenario.SyncAsync(["invoices"], dataType => DataScenario.Records(dataType, 5, "after-reset"));
        var before = await scenario.StateChecksumAsync();

        var (_, expiring) = await scenario.RequestedAsync(scenario.RequestRestoreAsync());
        using var openedBeforeExpiry = await OwnerMail.ConfirmPage.OpenAsync(OwnerMail.Link(expiring));
        Assert.Contains("restore", expiring.Subject, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.BadRequest, (await OwnerMail.ConfirmAsync(OwnerMail.Link(expiring), "0000-0000-0000-0000-0000-0000-0000")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await OwnerMail.ConfirmAsync(OwnerMail.Link(expiring), "not a code")).Status);
        Assert.Equal(before, await scenario.StateChecksumAsync());

        scenario.Time.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(HttpStatusCode.Gone, (await openedBeforeExpiry.PressConfirmAsync(OwnerMail.Code(expiring))).Status);
        Assert.Equal(before, await scenario.StateChecksumAsync());

        var (restoreId, restore) = await scenario.RequestedAsync(scenario.RequestRestoreAsync());
        using var otherTab = await OwnerMail.ConfirmPage.OpenAsync(OwnerMail.Link(restore));
        Assert.Equal(HttpStatusCode.OK, (await OwnerMail.ConfirmAsync(OwnerMail.Link(restore))).Status);
        Assert.Equal(original, await scenario.DataChecksumAsync());
        var restored = await scenario.StateChecksumAsync();
        Assert.Equal(HttpStatusCode.Conflict, (await otherTab.PressConfirmAsync(OwnerMail.Code(restore))).Status);
        Assert.Equal(restored, await scenario.StateChecksumAsync());
        Assert.Equal("Done", (await scenario.Http.GetJsonAsync($"/companies/{scenario.CompanyId}/data/confirmations/{restoreId}"))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_owner_change_is_verified_by_email_to_the_new_address_and_a_reset_right_after_it_is_refused_for_24_hours()
    {
        const string newOwner = "new.owner@acme.example";
        await using var scenario = await DataScenario.StartAsync(azurite);
        await scenario.SyncAsync(["invoices"], dataType => DataScenario.Records(dataType, 15, "v1"));

        using (var changed = await scenario.Http.PatchAsJsonAsync($"/companies/{scenario.CompanyId}", new { ownerEmail = newOwner }))
        {
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        }

        // The previous owner is told; the new address is asked to verify.
        var notice = await OwnerMail.WaitForEmailAsync(scenario.Mail, DataScenario.OwnerEmail, "was changed");
        Assert.Contains("cannot be reset for 24 hours", notice.Text, StringComparison.Ordinal);
        var before = await scenario.StateChecksumAsync();
        var emailsBefore = (await scenario.Mail.EmailsAsync()).Count;

        // At once: unverified, so refused with a clear 409, and nobody is emailed.
        await DataResetTests.AssertRefusedAsync(scenario.RequestResetAsync(), HttpStatusCode.Conflict, "not verified");
        await DataResetTests.AssertRefusedAsync(scenario.RequestRestoreAsync(), HttpStatusCode.Conflict, "not verified");

        // Verified: a reset is still refused until 24 hours after the change.
        await OwnerMail.VerifyOwnerAsync(scenario.Mail, newOwner);
        emailsBefore = (await scenario.Mail.EmailsAsync()).Count;
        await DataResetTests.AssertRefusedAsync(scenario.RequestResetAsync(), HttpStatusCode.Conflict, "owner changed less than 24 hours ago");
        scenario.Time.Advance(TimeSpan.FromHours(23));
        await DataResetTests.AssertRefusedAsync(scenario.RequestResetAsync(), HttpStatusCode.Conflict, "owner changed less than 24 hours ago");
        Assert.Equal(emailsBefore, (await scenario.Mail.EmailsAsync()).Count);
        Assert.Equal(before, await scenario.StateChecksumAsync());

        // The old owner's address no longer receives confirmations; the new one does, after the day is over.
        scenario.Time.Advance(TimeSpan.FromHours(1));
        using var requested = await scenario.RequestResetAsync();
        var body = await requested.JsonAsync();
        Assert.True(requested.StatusCode == HttpStatusCode.Accepted, body.ToJsonString());
        var email = await OwnerMail.WaitForConfirmationAsync(scenario.Mail, newOwner, body["id"]!.GetValue<string>());
        Assert.DoesNotContain(await scenario.Mail.EmailsToAsync(DataScenario.OwnerEmail),
            e => e.Text?.Contains(body["id"]!.GetValue<string>(), StringComparison.Ordinal) == true);
        Assert.Equal(HttpStatusCode.OK, (await OwnerMail.ConfirmAsync(OwnerMail.Link(email))).Status);
        Assert.Empty((await scenario.ReadAllAsync("invoices"))!);
    }

    [Fact]
    public async Task A_forged_confirm_without_the_pages_token_is_refused_and_changes_nothing()
    {
        await using var scenario = await DataScenario.StartAsync(azurite);
        await scenario.SyncAsync(["invoices"], dataType => DataScenario.Records(dataType, 10, "v1"));
        var before = await scenario.StateChecksumAsync();
        var (confirmationId, email) = await scenario.RequestedAsync(scenario.RequestResetAsync());
        var action = new Uri(OwnerMail.Link(email).GetLeftPart(UriPartial.Path));
        using var attacker = new HttpClient();

        // A cross-site form post (no cookie), with the right code even: no token, then a made-up token.
        using (var noToken = await attacker.PostAsync(action, new FormUrlEncodedContent(new Dictionary<string, string> { ["code"] = OwnerMail.Code(email) })))
        {
            await Api.BadInput.ApiCall.AssertCodatErrorAsync(noToken, 400, "token", "missing");
        }

        using (var madeUp = await attacker.PostAsync(action, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["code"] = OwnerMail.Code(email),
            ["token"] = "forged-token-value",
        })))
        {
            await Api.BadInput.ApiCall.AssertCodatErrorAsync(madeUp, 403, "token", "does not match");
        }

        using (var asJson = await attacker.PostAsJsonAsync(action, new { code = OwnerMail.Code(email), token = "x" }))
        {
            await Api.BadInput.ApiCall.AssertCodatErrorAsync(asJson, 415, "Content-Type", "as a form");
        }

        Assert.Equal(before, await scenario.StateChecksumAsync());
        Assert.Equal("Pending", (await scenario.Http.GetJsonAsync($"/companies/{scenario.CompanyId}/data/confirmations/{confirmationId}"))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Confirmation_emails_are_limited_per_company_and_hour()
    {
        await using var scenario = await DataScenario.StartAsync(azurite);
        for (var i = 0; i < 5; i++)
        {
            await scenario.RequestedAsync(scenario.RequestResetAsync());
        }

        var emails = (await scenario.Mail.EmailsAsync()).Count;
        using var sixth = await scenario.RequestResetAsync();
        await Api.BadInput.ApiCall.AssertCodatErrorAsync(sixth, 429, null, "emailed 5 times in the last hour");
        Assert.Equal(emails, (await scenario.Mail.EmailsAsync()).Count);

        scenario.Time.Advance(TimeSpan.FromHours(1));
        await scenario.RequestedAsync(scenario.RequestResetAsync());
    }

    [Fact]
    public async Task An_owner_who_lost_the_verification_email_gets_it_again_on_request_and_is_then_verified()
    {
        const string owner = "late.owner@acme.example";
        await using var mail = await MailDevServer.StartAsync();
        await using var silo = await RunningSilo.StartAsync(
            RunningSilo.Configure(azurite.ConnectionString, new Dictionary<string, string?>(mail.SiloSettings)));
        using var http = silo.CreateHttpClient(TestApiKeys.IntegratorA);
        using var created = await http.PostJsonAsync("/companies", new { name = "Late Owner Ltd", ownerEmail = owner });
        var companyId = (await created.JsonAsync())["id"]!.GetValue<string>();

        // The first verification email arrives but is never opened (lost, deleted).
        await OwnerMail.WaitForEmailAsync(mail, owner, "Confirm you are the owner");
        await DataResetTests.AssertRefusedAsync(
            http.PostAsync(new Uri($"/companies/{companyId}/data/reset", UriKind.Relative), null), HttpStatusCode.Conflict, "not verified");

        using var again = await http.PostAsync(new Uri($"/companies/{companyId}/ownerVerification", UriKind.Relative), null);
        var body = await again.JsonAsync();
        Assert.True(again.StatusCode == HttpStatusCode.Accepted, body.ToJsonString());
        Assert.Equal("verifyOwner", body["action"]!.GetValue<string>());
        var confirmationId = body["id"]!.GetValue<string>();
        var second = await OwnerMail.WaitForConfirmationAsync(mail, owner, confirmationId);
        Assert.Equal(2, (await mail.EmailsToAsync(owner)).Count);

        Assert.Equal(HttpStatusCode.OK, (await OwnerMail.ConfirmAsync(OwnerMail.Link(second))).Status);
        Assert.Equal("Done", (await http.GetJsonAsync($"/companies/{companyId}/data/confirmations/{confirmationId}"))["status"]!.GetValue<string>());
        await DataResetTests.AssertRefusedAsync(
            http.PostAsync(new Uri($"/companies/{companyId}/ownerVerification", UriKind.Relative), null), HttpStatusCode.Conflict, "already verified");
        using var reset = await http.PostAsync(new Uri($"/companies/{companyId}/data/reset", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Accepted, reset.StatusCode);
    }
}
