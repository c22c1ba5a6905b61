using System.Text.Json;
using EarlyWarning.Gateway.Hosting;

namespace EarlyWarning.Gateway.Tests.Infrastructure;

/// <summary>The API's JSON settings, for reading typed responses.</summary>
public static class Json
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        JsonSetup.Apply(options);
        return options;
    }
}
