using System.Text.Json;
using System.Text.Json.Serialization;

namespace EarlyWarning.Gateway.Hosting;

/// <summary>API.md's JSON: camelCase, enums as lower-case strings (numbers and flag lists refused), nulls left out.</summary>
public static class JsonSetup
{
    /// <summary>The API's settings, for code that serialises outside ASP.NET Core's own pipeline.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Apply(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    public static void Apply(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.Converters.Add(new StrictEnumConverter());
    }

    public static WebApplicationBuilder AddEarlyWarningJson(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(o => Apply(o.SerializerOptions));
        return builder;
    }
}
