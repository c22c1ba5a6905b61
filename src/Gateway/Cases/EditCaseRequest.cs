using System.Text.Json;
using System.Text.Json.Serialization;
using EarlyWarning.Domain.Cases;

namespace EarlyWarning.Gateway.Cases;

/// <summary>
/// The body of <c>PATCH /api/cases/{id}</c>: any of the fields, each absent (or null) left as it is.
/// Anything else lands in <see cref="Unknown"/> and is named in the 400, so a field that cannot be
/// edited (<c>exercise</c>, <c>lastSeen</c>, <c>level</c>) is refused, never silently ignored.
/// </summary>
public sealed record EditCaseRequest(EditChildRequest? Child, TravelMode? TravelMode, CaseCategory? Category)
{
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }
}

/// <summary>The child's fields an edit may correct; the photo has its own route (<c>POST /api/cases/{id}/photo</c>).</summary>
public sealed record EditChildRequest(string? Name, int? Age, string? Sex, string? Description)
{
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }
}
