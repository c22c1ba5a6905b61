using EarlyWarning.Domain.Alerts;

namespace EarlyWarning.Domain.Places;

/// <summary>
/// The pilot country: its main towns, shared by the demo, the offline map and the benchmark
/// workloads so that all three cluster people in the same places.
/// </summary>
public static class NorthMacedonia
{
    /// <summary>Southern edge of the country's bounding box, degrees.</summary>
    public const double MinLat = 40.85;

    /// <summary>Northern edge of the country's bounding box, degrees.</summary>
    public const double MaxLat = 42.37;

    /// <summary>Western edge of the country's bounding box, degrees.</summary>
    public const double MinLon = 20.45;

    /// <summary>Eastern edge of the country's bounding box, degrees.</summary>
    public const double MaxLon = 23.04;

    /// <summary>The fifteen largest towns, largest first.</summary>
    public static IReadOnlyList<Town> Towns { get; } =
    [
        new("Skopje", new(41.9981, 21.4254), 526_000, AlertLanguage.Macedonian, "Скопје", "Shkup"),
        new("Kumanovo", new(42.1322, 21.7144), 98_000, AlertLanguage.Macedonian, "Куманово", "Kumanovë"),
        new("Bitola", new(41.0297, 21.3292), 69_000, AlertLanguage.Macedonian, "Битола", "Manastir"),
        new("Prilep", new(41.3451, 21.5550), 63_000, AlertLanguage.Macedonian, "Прилеп", "Përlep"),
        new("Tetovo", new(42.0106, 20.9715), 63_000, AlertLanguage.Albanian, "Тетово", "Tetovë"),
        new("Veles", new(41.7156, 21.7756), 48_000, AlertLanguage.Macedonian, "Велес", "Veles"),
        new("Štip", new(41.7458, 22.1958), 44_000, AlertLanguage.Macedonian, "Штип", "Shtip"),
        new("Ohrid", new(41.1231, 20.8016), 39_000, AlertLanguage.Macedonian, "Охрид", "Ohër"),
        new("Gostivar", new(41.7958, 20.9083), 35_000, AlertLanguage.Albanian, "Гостивар", "Gostivar"),
        new("Strumica", new(41.4378, 22.6427), 33_000, AlertLanguage.Macedonian, "Струмица", "Strumicë"),
        new("Kavadarci", new(41.4331, 22.0119), 29_000, AlertLanguage.Macedonian, "Кавадарци", "Kavadar"),
        new("Kočani", new(41.9164, 22.4128), 25_000, AlertLanguage.Macedonian, "Кочани", "Koçan"),
        new("Kičevo", new(41.5127, 20.9589), 23_000, AlertLanguage.Albanian, "Кичево", "Kërçovë"),
        new("Struga", new(41.1775, 20.6783), 16_000, AlertLanguage.Albanian, "Струга", "Strugë"),
        new("Gevgelija", new(41.1392, 22.5025), 15_000, AlertLanguage.Macedonian, "Гевгелија", "Gjevgjeli"),
    ];
}
