using EarlyWarning.Domain.Alerts;
using EarlyWarning.Domain.Geo;

namespace EarlyWarning.Domain.Places;

/// <summary>A town of the pilot country, with its population and the language most heard there.</summary>
/// <param name="Name">The town's name in Latin script (as English and Romani write it).</param>
/// <param name="Centre">The town centre.</param>
/// <param name="Population">2021 census, rounded.</param>
/// <param name="Language">An <see cref="AlertLanguage"/> code.</param>
/// <param name="MacedonianName">The name in Macedonian (Cyrillic), when known.</param>
/// <param name="AlbanianName">The name in Albanian, when known.</param>
public sealed record Town(string Name, GeoPoint Centre, int Population, string Language, string? MacedonianName = null, string? AlbanianName = null)
{
    /// <summary>The name as an alert in <paramref name="language"/> writes it.</summary>
    public string NameIn(string language) => language switch
    {
        AlertLanguage.Macedonian => MacedonianName ?? Name,
        AlertLanguage.Albanian => AlbanianName ?? Name,
        _ => Name,
    };
}
