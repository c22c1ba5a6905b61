using System.Buffers.Text;
using System.Text.Json;

namespace EarlyWarning.LoadGen.Hub;

/// <summary>
/// Reads the few fields the load generator needs from a SignalR JSON record and stops: an alert's
/// <c>caseId</c>, <c>version</c> and <c>kind</c> come first in its argument, so the zone geometry
/// behind them is never parsed.
/// </summary>
internal static class HubRecordParser
{
    /// <param name="json">The record without its 0x1E separator, or its first bytes.</param>
    /// <param name="complete">False when <paramref name="json"/> is only the head of a longer record.</param>
    public static HubRecord Parse(ReadOnlySpan<byte> json, bool complete)
    {
        var reader = new Utf8JsonReader(json, isFinalBlock: complete, state: default);
        var type = HubMessageType.Unknown;
        var isAlert = false;
        var invocationId = 0;
        var hasError = false;
        string? error = null;
        string? caseId = null;
        long version = 0;
        var kind = AlertKind.Unknown;
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName)
                {
                    continue;
                }

                // Depth 1: the record's own fields; depth 3: the fields of arguments[0].
                if (reader.CurrentDepth == 1)
                {
                    if (reader.ValueTextEquals("error"u8))
                    {
                        hasError = true;
                        error = reader.Read() && reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    }
                    else if (reader.ValueTextEquals("type"u8) && reader.Read())
                    {
                        type = (HubMessageType)reader.GetInt32();
                    }
                    else if (reader.ValueTextEquals("target"u8) && reader.Read())
                    {
                        isAlert = reader.ValueTextEquals("alert"u8);
                    }
                    else if (reader.ValueTextEquals("invocationId"u8) && reader.Read())
                    {
                        invocationId = Utf8Parser.TryParse(reader.ValueSpan, out int id, out _) ? id : 0;
                    }
                }
                else if (reader.CurrentDepth == 3 && isAlert)
                {
                    if (reader.ValueTextEquals("caseId"u8) && reader.Read())
                    {
                        caseId = reader.GetString();
                    }
                    else if (reader.ValueTextEquals("version"u8) && reader.Read())
                    {
                        version = reader.GetInt64();
                    }
                    else if (reader.ValueTextEquals("kind"u8) && reader.Read())
                    {
                        kind = KindOf(ref reader);
                    }

                    if (caseId is not null && version > 0 && kind != AlertKind.Unknown)
                    {
                        break;
                    }
                }
            }
        }
        catch (JsonException)
        {
            // A head cut inside a token: what was read before it stands.
        }

        return new HubRecord(type, isAlert, invocationId, hasError, caseId, version, kind, error);
    }

    private static AlertKind KindOf(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("update"u8) ? AlertKind.Update
        : reader.ValueTextEquals("new"u8) ? AlertKind.New
        : reader.ValueTextEquals("cancel"u8) ? AlertKind.Cancel
        : AlertKind.Unknown;
}
