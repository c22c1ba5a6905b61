namespace EarlyWarning.Gateway.Partners;

/// <summary>The gateway's side of partner webhooks (section <c>Partners</c>, beside the silo's <c>PartnerOptions</c>).</summary>
public sealed class PartnerFanoutOptions
{
    public const string Section = "Partners";

    /// <summary>How often the feed's cases are offered to partners again, making up for a control-room event that was lost.</summary>
    public TimeSpan SweepPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long one partner's offer is waited for: a partner grain busy sending to a partner that
    /// does not answer must not hold the offers of other cases (the offer still lands; the sweep
    /// offers again anyway).
    /// </summary>
    public TimeSpan OfferTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
