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

    /// <summary>Every supported code.</summary>
    public static IReadOnlyList<string> All { get; } = [Macedonian, Albanian, English];

    /// <summary>True when <paramref name="code"/> is supported as given (lower case).</summary>
    public static bool IsSupported(string? code) => code is Macedonian or Albanian or English;
}
