namespace EarlyWarning.Grains.Hosting;

/// <summary>
/// The domain clock: every EarlyWarning rule that depends on time resolves the keyed
/// <see cref="TimeProvider"/> registered under <see cref="Key"/>. Keyed, so tests can swap it for a
/// fake clock without also freezing Orleans' own housekeeping.
/// </summary>
public static class Clock
{
    /// <summary>The DI key of the domain clock.</summary>
    public const string Key = "earlywarning.clock";
}
