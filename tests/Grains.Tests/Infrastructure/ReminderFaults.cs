using System.Collections.Concurrent;

namespace EarlyWarning.Grains.Tests.Infrastructure;

/// <summary>
/// Reminder registrations a test makes fail: registering (or updating) a reminder of a named kind
/// throws, as from a reminder store that is down. Reading and removing go on as before.
/// </summary>
public sealed class ReminderFaults
{
    private readonly ConcurrentDictionary<Guid, string> _failing = new();

    /// <summary>Fails every registration of a reminder named <paramref name="reminderName"/> until <see cref="Clear"/>.</summary>
    public Guid FailRegistrations(string reminderName)
    {
        var id = Guid.NewGuid();
        _failing[id] = reminderName;
        return id;
    }

    /// <summary>The store takes registrations again.</summary>
    public void Clear(Guid rule) => _failing.TryRemove(rule, out _);

    /// <summary>Wraps <paramref name="inner"/> so registrations go through the rules first.</summary>
    public IReminderTable Wrap(IReminderTable inner) => new FaultyReminderTable(inner, this);

    private sealed class FaultyReminderTable(IReminderTable inner, ReminderFaults faults) : IReminderTable
    {
        public Task<ReminderTableData> ReadRows(GrainId grainId) => inner.ReadRows(grainId);

        public Task<ReminderTableData> ReadRows(uint begin, uint end) => inner.ReadRows(begin, end);

        public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => inner.ReadRow(grainId, reminderName);

        public Task<string?> UpsertRow(ReminderEntry entry)
        {
            ArgumentNullException.ThrowIfNull(entry);
            return faults._failing.Values.Contains(entry.ReminderName)
                ? throw new InvalidOperationException($"Injected reminder store fault: {entry.ReminderName} of {entry.GrainId} not registered.")
                : inner.UpsertRow(entry);
        }

        public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) => inner.RemoveRow(grainId, reminderName, eTag);

        public Task TestOnlyClearTable() => inner.TestOnlyClearTable();
    }
}
