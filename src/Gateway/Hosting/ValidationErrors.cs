using System.Xml;
using EarlyWarning.Domain.Geo;

namespace EarlyWarning.Gateway.Hosting;

/// <summary>Collects field errors for a validation problem; field names are the JSON paths clients send.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = [];

    public bool IsEmpty => _errors.Count == 0;

    public ValidationErrors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
        return this;
    }

    /// <summary>Checks a required latitude/longitude pair under <paramref name="prefix"/> (e.g. <c>lastSeen.</c>).</summary>
    public ValidationErrors Point(double? lat, double? lon, string prefix = "")
    {
        if (lat is null)
        {
            Add(prefix + "lat", "Latitude is required.");
        }
        else if (!GeoPoint.IsValidLat(lat.Value))
        {
            Add(prefix + "lat", "Latitude must be between -90 and 90 degrees.");
        }

        if (lon is null)
        {
            Add(prefix + "lon", "Longitude is required.");
        }
        else if (!GeoPoint.IsValidLon(lon.Value))
        {
            Add(prefix + "lon", "Longitude must be between -180 and 180 degrees.");
        }

        return this;
    }

    /// <summary>
    /// Checks a required non-blank string of at most <paramref name="maxLength"/> characters, made of
    /// text only: what reaches the partners' XML (CAP, Atom) must be a character XML can carry, so a
    /// control character (other than tab and line breaks) or an unpaired surrogate is refused here.
    /// </summary>
    public ValidationErrors Text(string? value, string field, int maxLength, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return required ? Add(field, $"'{field}' is required.") : this;
        }

        if (value.Length > maxLength)
        {
            return Add(field, $"'{field}' must be at most {maxLength} characters.");
        }

        return IsText(value) ? this : Add(field, $"'{field}' contains a control character or a broken character (an unpaired surrogate).");
    }

    private static bool IsText(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (i + 1 < value.Length && XmlConvert.IsXmlSurrogatePair(value[i + 1], value[i]))
            {
                i++;
            }
            else if (!XmlConvert.IsXmlChar(value[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>How far ahead of the server's clock a reporter's clock may run.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The oldest time a case or sighting may carry: a zone grows with the time since last seen,
    /// and one a month old covers the whole country, so an older time is a mistake (0001-01-01 is
    /// what an unset date serialises to), not an early warning.
    /// </summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(MaxAgeDays);

    private const int MaxAgeDays = 30;

    /// <summary>Checks a required time within the last <see cref="MaxAge"/> and not later than <paramref name="now"/> plus <see cref="ClockSkew"/>.</summary>
    public ValidationErrors PastTime(DateTimeOffset? value, string field, DateTimeOffset now)
    {
        if (value is null)
        {
            return Add(field, $"'{field}' is required.");
        }

        if (value.Value > now + ClockSkew)
        {
            return Add(field, $"'{field}' is in the future.");
        }

        return value.Value < now - MaxAge ? Add(field, $"'{field}' is more than {MaxAgeDays} days ago.") : this;
    }

    /// <summary>
    /// Checks an optional photo URL: absolute https on one of <paramref name="allowedHosts"/>, since
    /// whoever serves the photo sees the address of every phone that shows it.
    /// </summary>
    public ValidationErrors PhotoUrl(string? value, string field, IReadOnlyCollection<string> allowedHosts)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return this;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return Add(field, $"'{field}' must be an https URL.");
        }

        return allowedHosts.Contains(uri.IdnHost, StringComparer.OrdinalIgnoreCase)
            ? this
            : Add(field, allowedHosts.Count == 0
                ? $"'{field}' is not accepted: no photo host is configured (Pages:PhotoHosts)."
                : $"'{field}' must be on one of the photo hosts: {string.Join(", ", allowedHosts)}.");
    }

    public Dictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
}
