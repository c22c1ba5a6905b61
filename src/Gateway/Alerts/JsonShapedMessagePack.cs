using System.Text.Json;
using EarlyWarning.Gateway.Hosting;
using MessagePack;
using MessagePack.Formatters;
using MessagePack.Resolvers;

namespace EarlyWarning.Gateway.Alerts;

/// <summary>
/// Makes the hub's MessagePack payloads the same shape as its JSON ones (camelCase keys,
/// lower-case enum strings, nulls left out): the gateway's own message types are written through
/// System.Text.Json with the API's settings, then copied into MessagePack. One shape per message,
/// whichever protocol a client picks, and no second set of attributes to keep in step.
/// </summary>
public sealed class JsonShapedMessagePack : IFormatterResolver
{
    private static readonly JsonShapedMessagePack Instance = new();

    private JsonShapedMessagePack()
    {
    }

    /// <summary>The hub's MessagePack options: this resolver first, contractless for everything else.</summary>
    public static MessagePackSerializerOptions Options { get; } =
        MessagePackSerializerOptions.Standard.WithResolver(CompositeResolver.Create(Instance, ContractlessStandardResolver.Instance));

    public IMessagePackFormatter<T>? GetFormatter<T>() => Cache<T>.Formatter;

    private static class Cache<T>
    {
        public static readonly IMessagePackFormatter<T>? Formatter =
            typeof(T).Namespace?.StartsWith("EarlyWarning.Gateway", StringComparison.Ordinal) == true ? new Formatter<T>() : null;
    }

    private sealed class Formatter<T> : IMessagePackFormatter<T>
    {
        public void Serialize(ref MessagePackWriter writer, T value, MessagePackSerializerOptions options) =>
            Write(ref writer, JsonSerializer.SerializeToElement(value, JsonSetup.Options));

        // Clients send only plain arguments (ids, numbers); messages of these types only go out.
        public T Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options) =>
            throw new NotSupportedException($"{typeof(T).Name} is only sent to clients.");

        private static void Write(ref MessagePackWriter writer, JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    writer.WriteMapHeader(element.EnumerateObject().Count());
                    foreach (var property in element.EnumerateObject())
                    {
                        writer.Write(property.Name);
                        Write(ref writer, property.Value);
                    }

                    break;
                case JsonValueKind.Array:
                    writer.WriteArrayHeader(element.GetArrayLength());
                    foreach (var item in element.EnumerateArray())
                    {
                        Write(ref writer, item);
                    }

                    break;
                case JsonValueKind.String:
                    writer.Write(element.GetString());
                    break;
                case JsonValueKind.Number when element.TryGetInt64(out var whole):
                    writer.Write(whole);
                    break;
                case JsonValueKind.Number:
                    writer.Write(element.GetDouble());
                    break;
                case JsonValueKind.True or JsonValueKind.False:
                    writer.Write(element.GetBoolean());
                    break;
                default:
                    writer.WriteNil();
                    break;
            }
        }
    }
}
