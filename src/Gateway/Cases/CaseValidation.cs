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
            errors.Text(child.Name, "child.name", 200).Text(child.Description, "child.description", 2000);
            if (child.Age is not { } age)
            {
                errors.Add("child.age", "'child.age' is required.");
            }
            else if (age is < 0 or > 17)
            {
                errors.Add("child.age", "'child.age' must be between 0 and 17.");
            }

            errors.Text(child.Sex, "child.sex", 20, required: false).Text(child.PhotoUrl, "child.photoUrl", 2000, required: false)
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

    public static ValidationErrors Validate(ReportSightingRequest request, DateTimeOffset now)
    {
        var errors = new ValidationErrors()
            .Point(request.Lat, request.Lon)
            .PastTime(request.SeenAt, "seenAt", now)
            .Text(request.Description, "description", 2000)
            .Text(request.ReporterContact, "reporterContact", 200, required: false);
        if (request.Id is { } id && !Ids.IsSightingId(id))
        {
            errors.Add("id", "'id' must be 1 to 100 ASCII letters, digits, '-' or '_' (a GUID as crypto.randomUUID() makes, say), or absent to let the server choose.");
        }

        return errors;
    }
}
