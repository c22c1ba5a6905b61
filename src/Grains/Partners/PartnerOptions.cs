namespace EarlyWarning.Grains.Partners;

/// <summary>Partner webhooks (section <c>Partners</c>), read by silos and gateways alike.</summary>
public sealed class PartnerOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Partners";

    /// <summary>
    /// Hosts (names or addresses, e.g. <c>127.0.0.1</c>) a partner URL may use although they are
    /// loopback or private: an operator's deliberate choice. Any other such host is refused when
    /// registered, and when a name resolves to one at send time.
    /// </summary>
    public string[] AllowedHosts { get; set; } = [];

    /// <summary>The wait after a first failed attempt; each further failure doubles it.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two attempts.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A message is given up this long after it was queued at the latest (sooner when its CAP <c>expires</c> is).</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long one attempt may take before it counts as failed.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many attempts a partner keeps for supervisors to see.</summary>
    public int AttemptsKept { get; set; } = 200;
}
