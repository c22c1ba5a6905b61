using EarlyWarning.Domain.Cases;

namespace EarlyWarning.Grains.Cases;

/// <summary>The list of cases (a single grain, key 0): read by the case list, written on open, escalate and resolve — never on the alert path.</summary>
[Alias("ew.ICaseDirectoryGrain")]
public interface ICaseDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>Adds or replaces a case's line.</summary>
    [Alias("upsert")]
    Task Upsert(CaseSummary summary);

    /// <summary>
    /// <see cref="Upsert"/> for several cases in one call and one write per bucket touched (a zone
    /// tick that carries many cases into a new country sends them together, <see cref="CaseDirectory"/>).
    /// Answers, case by case, whether the line is now the one sent (false: a newer one was kept).
    /// </summary>
    [Alias("upsert-many")]
    Task<bool[]> UpsertMany(CaseSummary[] summaries);

    /// <summary>Cases with <paramref name="status"/>, or all when null; newest first.</summary>
    [Alias("list")]
    Task<CaseSummary[]> List(CaseStatus? status);
}
