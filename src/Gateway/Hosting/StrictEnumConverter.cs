using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EarlyWarning.Gateway.Hosting;

/// <summary>
/// Enums as their names in lower case, words joined by '-' (<c>found-safe</c>, <c>in-person</c>; a
/// one-word name is simply lower case), and only those (any letter case): no numbers, and none of the
/// comma lists <see cref="JsonStringEnumConverter"/> reads as flag combinations —
/// <c>"bicycle,vehicle"</c> read as a travel mode no switch knows, and the case grain answered 500.
/// </summary>
public sealed class StrictEnumConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    /// <summary>Reads <paramref name="text"/> as the JSON body would (a query parameter, say); false for anything else.</summary>
    public static bool TryParse<T>(string? text, out T value)
        where T : struct, Enum => Converter<T>.TryParse(text, out value);

    /// <summary>The name the API writes for <paramref name="value"/>.</summary>
    public static string Name<T>(T value)
        where T : struct, Enum => Converter<T>.NameOf(value);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert))!;

    private sealed class Converter<T> : JsonConverter<T> where T : struct, Enum
    {
        private static readonly FrozenDictionary<T, string> Names =
            Enum.GetValues<T>().Distinct().ToFrozenDictionary(v => v, v => JsonNamingPolicy.KebabCaseLower.ConvertName(v.ToString()));

        private static readonly FrozenDictionary<string, T> Values =
            Names.ToFrozenDictionary(e => e.Value, e => e.Key, StringComparer.OrdinalIgnoreCase);

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String ? Parse(reader.GetString()) : throw new JsonException();

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WriteStringValue(NameOf(value));

        public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Parse(reader.GetString());

        public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WritePropertyName(NameOf(value));

        // A null message lets System.Text.Json word it ("could not be converted", with the path).
        private static T Parse(string? text) => text is not null && Values.TryGetValue(text, out var value) ? value : throw new JsonException();

        public static bool TryParse(string? text, out T value) => Values.TryGetValue(text ?? "", out value);

        public static string NameOf(T value) =>
            Names.TryGetValue(value, out var name) ? name : throw new JsonException($"{typeof(T).Name} has no value {value}.");
    }
}
