using EarlyWarning.Domain.Geo;

namespace EarlyWarning.Domain.Places;

/// <summary>A town of the pilot country, with its population and the language most heard there.</summary>
/// <param name="Name">The town's name in Latin script.</param>
/// <param name="Centre">The town centre.</param>
/// <param name="Population">2021 census, rounded.</param>
/// <param name="Language">An <see cref="Alerts.AlertLanguage"/> code.</param>
public sealed record Town(string Name, GeoPoint Centre, int Population, string Language);
