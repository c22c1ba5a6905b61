using EarlyWarning.Domain.Alerts;
using EarlyWarning.Domain.Geo;
using EarlyWarning.Domain.Partners;
using EarlyWarning.Gateway.Hosting;

namespace EarlyWarning.Gateway.Partners;

/// <summary>Checks a partner registration field by field; countries come back upper-cased and languages as given, each once.</summary>
public static class PartnerValidation
{
    public const int MaxNameLength = 100;
    public const int MinSecretLength = 16;
    public const int MaxSecretLength = 256;

    public static (ValidationErrors Errors, string[] Countries, string[] Languages) Validate(RegisterPartnerRequest request, IReadOnlyCollection<string> allowedHosts)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new ValidationErrors().Text(request.Name, "name", MaxNameLength);
        if (PartnerUrl.Refusal(request.Url, allowedHosts) is { } refusal)
        {
            errors.Add("url", refusal);
        }

        var countries = (request.Countries ?? []).Select(c => c?.ToUpperInvariant()).Distinct().ToArray();
        if (countries.Length == 0 || !countries.All(Countries.IsKnown))
        {
            errors.Add("countries", $"'countries' must list one or more of {string.Join(", ", Countries.Codes)}.");
        }

        var languages = (request.Languages ?? []).Distinct().ToArray();
        if (languages.Length == 0 || !languages.All(AlertLanguage.IsSupported))
        {
            errors.Add("languages", $"'languages' must list one or more of {string.Join(", ", AlertLanguage.All)}.");
        }

        if (request.Secret is not { Length: >= MinSecretLength and <= MaxSecretLength } || string.IsNullOrWhiteSpace(request.Secret))
        {
            errors.Add("secret", $"'secret' must be {MinSecretLength} to {MaxSecretLength} characters.");
        }

        return (errors, [.. countries.OfType<string>()], [.. languages.OfType<string>()]);
    }
}
