using System.Net.Mail;
using System.Text.RegularExpressions;
using Ledgerlink.Silo.Api.Errors;
using Ledgerlink.Silo.Api.Integrator.Models;

namespace Ledgerlink.Silo.Api.Integrator;

/// <summary>The rules of Codat's company schema (name pattern, tag limits) and of Ledgerlink's owner email.</summary>
public static partial class CompanyValidation
{
    private const int MaxTags = 10;

    public static List<CodatValidationItem> Validate(CompanyRequestBody body, bool nameRequired)
    {
        var errors = new List<CodatValidationItem>();
        if (body.Name is null)
        {
            if (nameRequired)
            {
                errors.Add(new("name", "name is required.", "Required"));
            }
        }
        else if (string.IsNullOrWhiteSpace(body.Name) || body.Name.Length > 200 || !NamePattern().IsMatch(body.Name))
        {
            errors.Add(new("name",
                "name must be 1-200 characters of letters, digits, spaces and - ' , & @ . ? !", "Pattern"));
        }

        if (body.Description is { Length: > 4000 })
        {
            errors.Add(new("description", "description must be at most 4000 characters.", "Length"));
        }

        if (body.Tags is { } tags)
        {
            if (tags.Count > MaxTags)
            {
                errors.Add(new("tags", $"tags may hold at most {MaxTags} entries.", "Length"));
            }

            foreach (var (key, value) in tags)
            {
                if (key.Length is < 1 or > 27)
                {
                    errors.Add(new($"tags.{key}", $"tags.{key}: tag names must be 1-27 characters.", "Length"));
                }

                if (value is null || value.Length > 100)
                {
                    errors.Add(new($"tags.{key}", $"tags.{key}: tag values must be strings of at most 100 characters.", "Length"));
                }
            }
        }

        if (body.OwnerEmail is { } email && !IsEmail(email))
        {
            errors.Add(new("ownerEmail", $"ownerEmail '{email}' is not an email address.", "Format"));
        }

        return errors;
    }

    private static bool IsEmail(string value) =>
        value.Length <= 254 && MailAddress.TryCreate(value, out var address) && address.Address == value && value.Contains('.', StringComparison.Ordinal);

    [GeneratedRegex(@"^[A-Za-z0-9\s\-',&@.,?!]+$")]
    private static partial Regex NamePattern();
}
