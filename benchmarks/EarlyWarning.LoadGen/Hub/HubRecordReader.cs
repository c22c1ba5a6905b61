namespace EarlyWarning.LoadGen.Hub;

/// <summary>
/// Splits one connection's byte stream into SignalR records (each ends with 0x1E; a WebSocket
/// message may hold several, or part of one) and parses each from its first bytes only, so a
/// connection keeps a small head buffer whatever the size of the alerts it receives.
/// </summary>
internal sealed class HubRecordReader(int headBytes)
{
    public const byte RecordSeparator = 0x1E;

    private readonly byte[] _head = new byte[headBytes];
    private int _length;
    private bool _truncated;

    /// <summary>
    /// Consumes <paramref name="chunk"/> up to the end of the next record; false when the chunk ran
    /// out first (the record continues in the next one).
    /// </summary>
    public bool TryRead(ref ReadOnlySpan<byte> chunk, out HubRecord record)
    {
        var end = chunk.IndexOf(RecordSeparator);
        Keep(end < 0 ? chunk : chunk[..end]);
        if (end < 0)
        {
            chunk = default;
            record = default;
            return false;
        }

        chunk = chunk[(end + 1)..];
        record = HubRecordParser.Parse(_head.AsSpan(0, _length), complete: !_truncated);
        _length = 0;
        _truncated = false;
        return true;
    }

    private void Keep(ReadOnlySpan<byte> part)
    {
        var room = _head.Length - _length;
        if (part.Length > room)
        {
            _truncated = true;
            part = part[..room];
        }

        part.CopyTo(_head.AsSpan(_length));
        _length += part.Length;
    }
}
