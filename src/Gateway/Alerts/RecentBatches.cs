using EarlyWarning.Grains.Dispatch;

namespace EarlyWarning.Gateway.Alerts;

/// <summary>
/// The batches this gateway has sent to its connections lately, so a batch retried by a silo (its
/// first sink confirmed too late, or not at all after sending) is not sent to the same sockets twice.
/// A batch is one tile's recipients for one case version: the case, the version and its first
/// recipient name it (a subscriber lives in one tile). Bounded: the oldest keys go first.
/// </summary>
public sealed class RecentBatches(int capacity = 16_384)
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    /// <summary>True the first time <paramref name="batch"/> is seen; false for a repeat.</summary>
    public bool FirstTime(AlertBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var first = batch.Recipients.Length > 0 ? batch.Recipients[0] : null;
        var key = $"{batch.CaseId}\n{batch.Version}\n{first?.SubscriberId}\n{first?.Kind}\n{batch.Recipients.Length}";
        lock (_gate)
        {
            if (!_keys.Add(key))
            {
                return false;
            }

            _order.Enqueue(key);
            while (_order.Count > capacity)
            {
                _keys.Remove(_order.Dequeue());
            }

            return true;
        }
    }
}
