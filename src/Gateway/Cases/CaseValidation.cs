using EarlyWarning.Domain.Cases;
using EarlyWarning.Gateway.Hosting;

namespace EarlyWarning.Gateway.Cases;

/// <summary>Field rules of the case bodies; names are the JSON paths of API.md.</summary>
public static class CaseValidation
{
    public static ValidationErrors Validate(CreateCaseRequest request, DateTimeOffset now, IReadOnlyCollection<string> photoHosts)
    {
        var errors = new ValidationErrors();
        if (request.Child is not { } child)
        {
            errors.Add("child", "'child' is required.");
        }
        else
        {
            Child(errors, child.Name, child.Age, child.Sex, child.Description, opening: true)
                .Text(child.PhotoUrl, "child.photoUrl", 2000, required: false)
                .PhotoUrl(child.PhotoUrl, "child.photoUrl", photoHosts);
        }

        if (request.LastSeen is not { } lastSeen)
        {
            errors.Add("lastSeen", "'lastSeen' is required.");
        }
        else
        {
            errors.Point(lastSeen.Lat, lastSeen.Lon, "lastSeen.").PastTime(lastSeen.At, "lastSeen.at", now);
        }

        if (request.TravelMode is null)
        {
            errors.Add("travelMode", "'travelMode' is required: walking, bicycle or vehicle.");
        }

        return errors;
    }

    /// <summary>
    /// An edit: each field given follows the rules of opening (a name given blank is refused, not
    /// cleared); a field an edit cannot change is named.
    /// </summary>
    public static ValidationErrors Validate(EditCaseRequest request)
    {
        var errors = new ValidationErrors();
        Unknown(errors, request.Unknown, "", "an edit takes child (name, age, sex, description), travelMode and category");
        if (request.Child is { } child)
        {
            Child(errors, child.Name, child.Age, child.Sex, child.Description, opening: false);
            Unknown(errors, child.Unknown, "child.", "the photo is replaced by POST /api/cases/{id}/photo");
        }

        return errors;
    }

    /// <summary>The child's fields: all but the sex required when opening; when editing, only those given are checked.</summary>
    private static ValidationErrors Child(ValidationErrors errors, string? name, int? age, string? sex, string? description, bool opening)
    {
        errors.Text(name, "child.name", 200, required: opening || name is not null)
            .Text(description, "child.description", 2000, required: opening || description is not null)
            .Text(sex, "child.sex", 20, required: !opening && sex is not null);
        if (age is null)
        {
            return opening ? errors.Add("child.age", "'child.age' is required.") : errors;
        }

        return age is < 0 or > 17 ? errors.Add("child.age", "'child.age' must be between 0 and 17.") : errors;
    }

    private static void Unknown(ValidationErrors errors, Dictionary<string, System.Text.Json.JsonElement>? fields, string prefix, string hint)
    {
        foreach (var field in fields?.Keys ?? Enumerable.Empty<string>())
        {
            errors.Add(prefix + field, $"'{prefix}{field}' cannot be edited: {hint}.");
        }
    }

    public static ValidationErrors Validate(ReportSightingRequest request, DateTimeOffset now)
    {
        var errors = new ValidationErrors()
            .Point(request.Lat, request.Lon)
            .PastTime(request.SeenAt, "seenAt", now)
            .Text(request.Description, "description", 2000)
            .Text(request.ReporterContact, "reporterContact", 200, required: false);
        if (request.Id is { } id && !SightingId.IsValid(id))
        {
            errors.Add("id", "'id' must be 1 to 100 ASCII letters, digits, '-' or '_' (a GUID as crypto.randomUUID() makes, say), or absent to let the server choose.");
        }

        return errors;
    }
}
