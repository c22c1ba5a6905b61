namespace EarlyWarning.Gateway.Partners;

/// <summary>The gateway's side of partner webhooks (section <c>Partners</c>, beside the silo's <c>PartnerOptions</c>).</summary>
public sealed class PartnerFanoutOptions
{
    public const string Section = "Partners";

    /// <summary>How often the feed's cases are offered to partners again, making up for a control-room event that was lost.</summary>
    public TimeSpan SweepPeriod { get; set; } = TimeSpan.FromMinutes(1);
}
