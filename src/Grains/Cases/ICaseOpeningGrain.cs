namespace EarlyWarning.Grains.Cases;

/// <summary>
/// One <c>Idempotency-Key</c> of one account (key: an opaque hash of both, made by the gateway):
/// opens the case the key stands for at most once and answers every retry as the first time.
/// Calls are not interleaved, so a retry that arrives while the first is opening waits for it.
/// </summary>
[Alias("ew.ICaseOpeningGrain")]
public interface ICaseOpeningGrain : IGrainWithStringKey
{
    /// <summary>
    /// The first call with this key stores <paramref name="fingerprint"/> and <paramref name="caseId"/>
    /// before it opens the case, then keeps the opened case as the answer; a later call with the same
    /// fingerprint gets that answer (and opens the case first, if the first call died half-way); one
    /// with another fingerprint is refused.
    /// </summary>
    [Alias("open")]
    Task<CaseOpeningResult> Open(string fingerprint, string caseId, CaseOpening opening);
}
