using System.Net;
using System.Security.Cryptography;
using System.Text;
using Ledgerlink.Confirmations;
using Ledgerlink.Silo.Api.Errors;

namespace Ledgerlink.Silo.Api.Owner;

/// <summary>
/// The page the link in an owner confirmation email opens. GET only shows what will happen and a Confirm button (mail
/// scanners follow links, so GET never acts); the POST from that page, carrying the code and the page's anti-forgery
/// token (a random value in a same-site cookie and in the form, compared in constant time), runs the action once.
/// Refusals are HTML for a browser and Codat's error body for anything else.
/// </summary>
public static class OwnerConfirmationPages
{
    public const string Path = "/owner/confirmations";
    private const string TokenCookie = "ledgerlink-confirm";
    private const int MaxFormBytes = 4 * 1024;

    public static IEndpointRouteBuilder MapOwnerConfirmationPages(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path + "/{confirmationId}", Show).ExcludeFromDescription();
        app.MapPost(Path + "/{confirmationId}", Confirm).ExcludeFromDescription().DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> Show(string confirmationId, HttpContext http, IGrainFactory grains)
    {
        Harden(http);
        var info = Guid.TryParse(confirmationId, out _) ? await grains.GetGrain<IOwnerConfirmationGrain>(confirmationId).Get() : null;
        if (info is null)
        {
            return Refuse(http, StatusCodes.Status404NotFound, null, "This confirmation link is not valid.");
        }

        if (info.Status != OwnerConfirmationStatus.Pending)
        {
            return Page(WebUtility.HtmlEncode(What(info)), $"<p id=\"status\">{WebUtility.HtmlEncode(StatusText(info))}</p>");
        }

        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        http.Response.Cookies.Append(TokenCookie, token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = http.Request.IsHttps,
            Path = $"{Path}/{confirmationId}",
            MaxAge = info.Expires - (http.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow(),
        });
        var code = WebUtility.HtmlEncode(http.Request.Query["code"].ToString());
        return Page(WebUtility.HtmlEncode(What(info)), $"""
            <p>{WebUtility.HtmlEncode(Consequence(info.Action))}</p>
            <form method="post" action="{Path}/{WebUtility.HtmlEncode(confirmationId)}">
              <label>Confirmation code from the email <input id="code" name="code" value="{code}" autocomplete="off" required></label>
              <input type="hidden" name="token" value="{token}">
              <button id="confirm" type="submit">Confirm</button>
            </form>
            <p>Not you? Close this page: nothing changes unless you press Confirm.</p>
            """);
    }

    private static async Task<IResult> Confirm(string confirmationId, HttpContext http, IGrainFactory grains)
    {
        Harden(http);
        if (!http.Request.HasFormContentType)
        {
            return Refuse(http, StatusCodes.Status415UnsupportedMediaType, "Content-Type",
                "Send the confirmation as a form (application/x-www-form-urlencoded), from the confirmation page.");
        }

        if (http.Request.ContentLength is > MaxFormBytes)
        {
            return Refuse(http, StatusCodes.Status413PayloadTooLarge, "body", $"The form is larger than {MaxFormBytes / 1024} KiB.");
        }

        if (!Guid.TryParse(confirmationId, out _))
        {
            return Refuse(http, StatusCodes.Status404NotFound, null, "This confirmation link is not valid.");
        }

        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(new Microsoft.AspNetCore.Http.Features.FormOptions { ValueLengthLimit = MaxFormBytes, ValueCountLimit = 10 },
                http.RequestAborted);
        }
        catch (InvalidDataException)
        {
            return Refuse(http, StatusCodes.Status400BadRequest, "body", "The form could not be read.");
        }

        var token = form["token"].ToString();
        if (string.IsNullOrEmpty(token))
        {
            return Refuse(http, StatusCodes.Status400BadRequest, "token", "The form's token is missing: confirm from the confirmation page.");
        }

        var cookie = http.Request.Cookies[TokenCookie];
        if (cookie is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(cookie), Encoding.UTF8.GetBytes(token)))
        {
            return Refuse(http, StatusCodes.Status403Forbidden, "token",
                "The form's token does not match this browser's: open the link from the email again and confirm from that page.");
        }

        var code = form["code"].ToString();
        if (string.IsNullOrWhiteSpace(code))
        {
            return Refuse(http, StatusCodes.Status400BadRequest, "code", "Enter the confirmation code from the email.");
        }

        var attempt = await grains.GetGrain<IOwnerConfirmationGrain>(confirmationId).Confirm(code);
        http.Response.Cookies.Delete(TokenCookie, new CookieOptions { Path = $"{Path}/{confirmationId}" });
        return attempt.Refusal switch
        {
            null => Page(WebUtility.HtmlEncode(What(attempt.Confirmation!)), $"<p id=\"status\">{WebUtility.HtmlEncode(attempt.Message)}</p>"),
            ConfirmRefusal.NotFound => Refuse(http, StatusCodes.Status404NotFound, null, attempt.Message),
            ConfirmRefusal.WrongCode => Refuse(http, StatusCodes.Status400BadRequest, "code", attempt.Message),
            ConfirmRefusal.AlreadyUsed => Refuse(http, StatusCodes.Status409Conflict, null, attempt.Message),
            _ => Refuse(http, StatusCodes.Status410Gone, null, attempt.Message),
        };
    }

    private static IResult Refuse(HttpContext http, int status, string? field, string message)
    {
        var browser = http.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
        if (browser)
        {
            return Page("Not confirmed", $"<p id=\"status\">{WebUtility.HtmlEncode(message)}</p>", status);
        }

        return field is null
            ? ApiErrors.Create(status, message)
            : ApiErrors.Create(status, $"{field}: {message}", [new CodatValidationItem(field, message, "Request")]);
    }

    /// <summary>The code is in the page's URL: no referrer, no cache, no framing.</summary>
    private static void Harden(HttpContext http)
    {
        var headers = http.Response.Headers;
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
        headers["X-Frame-Options"] = "DENY";
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'";
        headers.XContentTypeOptions = "nosniff";
    }

    private static string What(OwnerConfirmationInfo info) => info.Action switch
    {
        OwnerAction.ResetData => $"Reset the synced data of {info.CompanyName}",
        OwnerAction.RestoreData => $"Restore the synced data of {info.CompanyName}",
        _ => $"Confirm you are the owner of {info.CompanyName}",
    };

    private static string Consequence(OwnerAction action) => action switch
    {
        OwnerAction.ResetData => "The company's synced data will read as empty until its next sync. You can restore it afterwards.",
        OwnerAction.RestoreData => "The company's data will go back to what it was just before its last reset.",
        _ => "Your address will be used to confirm resets and restores of this company's data.",
    };

    private static string StatusText(OwnerConfirmationInfo info) => info.Status switch
    {
        OwnerConfirmationStatus.Expired => "This confirmation has expired. Nothing was changed.",
        OwnerConfirmationStatus.Done or OwnerConfirmationStatus.Refused => $"Already confirmed: {info.Outcome}",
        _ => "This confirmation is being carried out.",
    };

    private static IResult Page(string title, string body, int status = StatusCodes.Status200OK) => Results.Content($"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>{title}</title>
        <style>body{"{"}font-family:sans-serif;max-width:40em;margin:2em auto{"}"}</style></head>
        <body><h1>{title}</h1>
        {body}
        </body></html>
        """, "text/html; charset=utf-8", statusCode: status);
}
