namespace EarlyWarning.Domain.Alerts;

/// <summary>The languages alerts are worded in; anything else falls back to English.</summary>
public static class AlertLanguage
{
    /// <summary>Macedonian.</summary>
    public const string Macedonian = "mk";

    /// <summary>Albanian.</summary>
    public const string Albanian = "sq";

    /// <summary>English.</summary>
    public const string English = "en";

    /// <summary>Romani (ISO 639-2 <c>rom</c>): Balkan Romani in Latin script, as written in North Macedonia.</summary>
    public const string Romani = "rom";

    /// <summary>Every supported code.</summary>
    public static IReadOnlyList<string> All { get; } = [Macedonian, Albanian, English, Romani];

    /// <summary>True when <paramref name="code"/> is supported as given (lower case).</summary>
    public static bool IsSupported(string? code) => code is Macedonian or Albanian or English or Romani;

    /// <summary>
    /// The one shared instance of a supported code (or <paramref name="code"/> itself): a tile
    /// holds a language per subscriber, and each read from storage or the wire is a new string.
    /// </summary>
    public static string Shared(string code) => code switch
    {
        Macedonian => Macedonian,
        Albanian => Albanian,
        English => English,
        Romani => Romani,
        _ => code,
    };
}
