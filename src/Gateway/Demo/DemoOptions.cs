namespace EarlyWarning.Gateway.Demo;

/// <summary>The demo scenario (<c>--demo</c>): seeded subscribers and a case that moves west.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Set by <c>--demo</c>.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// Lets <c>--demo</c> run outside Development (a training or showcase deployment). The demo
    /// enables the demo accounts and publishes a simulated case, so it is refused by default.
    /// </summary>
    public bool AllowOutsideDevelopment { get; set; }

    /// <summary>Simulated public subscribers, spread over the towns by population.</summary>
    public int PublicSubscribers { get; set; } = 2000;

    /// <summary>Time between two steps of the scenario (a sighting, field teams moving).</summary>
    public TimeSpan StepInterval { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>Seed of the simulation, so every run looks the same.</summary>
    public int Seed { get; set; } = 20261123;
}
