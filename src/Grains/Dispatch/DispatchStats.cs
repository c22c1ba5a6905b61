namespace EarlyWarning.Grains.Dispatch;

/// <summary>
/// API.md's <c>dispatchStats</c>: how far a case's alerts got, and how fast (ms from zone computed
/// to handed to connections); <c>Pushed</c>: first alerts a Web Push service accepted.
/// </summary>
[GenerateSerializer, Immutable, Alias("ew.dispatch-stats")]
public sealed record DispatchStats(string CaseId, long Alerted, long Delivered, long Acknowledged, double P50Ms, double P99Ms, long Pushed = 0);
