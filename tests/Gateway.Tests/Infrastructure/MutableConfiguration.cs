using Microsoft.Extensions.Configuration;

namespace EarlyWarning.Gateway.Tests.Infrastructure;

/// <summary>A configuration source a test rewrites while the app runs, reloading it as a changed file would.</summary>
public sealed class MutableConfiguration : IConfigurationSource
{
    private readonly Provider _provider = new();

    public IConfigurationProvider Build(IConfigurationBuilder builder) => _provider;

    /// <summary>Replaces every key and signals the reload (IOptionsMonitor sees the new values).</summary>
    public void Replace(IDictionary<string, string?> values) => _provider.Replace(values);

    private sealed class Provider : ConfigurationProvider
    {
        public void Replace(IDictionary<string, string?> values)
        {
            Data = new Dictionary<string, string?>(values, StringComparer.OrdinalIgnoreCase);
            OnReload();
        }
    }
}
