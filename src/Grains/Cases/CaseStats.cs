namespace EarlyWarning.Grains.Cases;

/// <summary>Dispatch figures of a case: subscribers alerted, alerts delivered to a connection, alerts acknowledged.</summary>
[GenerateSerializer, Immutable, Alias("ew.case-stats")]
public sealed record CaseStats(long Alerted, long Delivered, long Acknowledged);
