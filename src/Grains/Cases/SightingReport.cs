using EarlyWarning.Domain.Cases;

namespace EarlyWarning.Grains.Cases;

/// <summary>A sighting as the case grain accepts it; coordinates in WGS-84 degrees.</summary>
/// <param name="SightingId">The client's id, or one the gateway made: the same id twice stores one sighting.</param>
/// <param name="Lat">Latitude, degrees.</param>
/// <param name="Lon">Longitude, degrees.</param>
/// <param name="SeenAt">When the child was seen.</param>
/// <param name="Description">Free text from the reporter.</param>
/// <param name="ReporterRole">Who reported: <c>public</c>, <c>field</c>, <c>operator</c> or <c>supervisor</c>.</param>
/// <param name="ReporterContact">How to reach the reporter; never shown to the public.</param>
/// <param name="Verified">True for what field teams and operators saw themselves, which counts at once; a tip is not.</param>
/// <param name="Channel">How a tip came in (hotline, police, phone…); null for a team's own report.</param>
[GenerateSerializer, Immutable, Alias("ew.sighting-report")]
public sealed record SightingReport(
    string SightingId,
    double Lat,
    double Lon,
    DateTimeOffset SeenAt,
    string Description,
    string ReporterRole,
    string? ReporterContact,
    bool Verified,
    SightingChannel? Channel = null);
