namespace EarlyWarning.Domain.Alerts;

/// <summary>
/// Whom one case has alerted (within one region): the rule that each subscriber gets exactly one
/// <see cref="AlertKind.New"/>, then updates, then one <see cref="AlertKind.Cancel"/>. It wraps
/// the set its owner persists, so the ledger and the stored state cannot drift apart.
/// </summary>
public sealed class AlertLedger(ISet<string> alerted)
{
    /// <summary>Subscribers that have had their <see cref="AlertKind.New"/>.</summary>
    public IReadOnlyCollection<string> Alerted => (IReadOnlyCollection<string>)alerted;

    /// <summary>Records an alert for <paramref name="subscriberId"/>: <see cref="AlertKind.New"/> the first time, then <see cref="AlertKind.Update"/>.</summary>
    public AlertKind Next(string subscriberId) => alerted.Add(subscriberId) ? AlertKind.New : AlertKind.Update;

    /// <summary>True when <paramref name="subscriberId"/> already had its <see cref="AlertKind.New"/>.</summary>
    public bool HasAlerted(string subscriberId) => alerted.Contains(subscriberId);

    /// <summary>Takes a subscriber out (it moved to another region, which adopts it); true when it was alerted.</summary>
    public bool Release(string subscriberId) => alerted.Remove(subscriberId);

    /// <summary>Takes in a subscriber that was alerted elsewhere, so it never gets a second <see cref="AlertKind.New"/>.</summary>
    public void Adopt(string subscriberId) => alerted.Add(subscriberId);

    /// <summary>Everyone owed a <see cref="AlertKind.Cancel"/>; the ledger is empty afterwards, so no one gets two.</summary>
    public IReadOnlyList<string> CloseForCancel()
    {
        var owed = alerted.ToList();
        alerted.Clear();
        return owed;
    }
}
