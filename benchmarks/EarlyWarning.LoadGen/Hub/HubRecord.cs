namespace EarlyWarning.LoadGen.Hub;

/// <summary>The SignalR message types the load generator tells apart (JSON protocol <c>type</c>).</summary>
internal enum HubMessageType
{
    /// <summary>No <c>type</c>: the handshake answer, or a head too short to tell.</summary>
    Unknown = 0,
    Invocation = 1,
    Completion = 3,
    Ping = 6,
    Close = 7,
}

/// <summary>The <c>kind</c> of an <c>alert</c> (API.md).</summary>
internal enum AlertKind
{
    Unknown,
    New,
    Update,
    Cancel,
}

/// <summary>
/// What the load generator reads of one record: its type, and for an <c>alert</c> invocation the
/// case, version and kind; for a completion its invocation id and whether it carries an error; a close record's error text.
/// </summary>
internal readonly record struct HubRecord(
    HubMessageType Type,
    bool IsAlert,
    int InvocationId,
    bool HasError,
    string? CaseId,
    long Version,
    AlertKind Kind,
    string? Error = null);

/// <summary>An <c>alert</c> as one socket saw it, stamped with <see cref="System.Diagnostics.Stopwatch"/> on arrival.</summary>
internal readonly record struct AlertSeen(string CaseId, long Version, AlertKind Kind, long ArrivedTimestamp);

/// <summary>How an invocation ended: a completion without error, and when it arrived.</summary>
internal readonly record struct InvocationOutcome(bool Succeeded, long ArrivedTimestamp);
