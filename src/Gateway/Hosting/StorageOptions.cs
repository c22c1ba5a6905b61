namespace EarlyWarning.Gateway.Hosting;

/// <summary>Where the embedded silo keeps grain state and reminders (client mode: the silos decide).</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary><c>sqlite</c> (a local file that survives restarts) or <c>memory</c> (gone with the process: tests, benchmarks).</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>The SQLite file, relative to the content root unless absolute.</summary>
    public string Path { get; set; } = "data/earlywarning.db";

    public bool IsSqlite => string.Equals(Provider, "sqlite", StringComparison.OrdinalIgnoreCase);

    public bool IsMemory => string.Equals(Provider, "memory", StringComparison.OrdinalIgnoreCase);

    /// <summary>The file's full path under <paramref name="contentRoot"/>.</summary>
    public string FullPath(string contentRoot) => System.IO.Path.GetFullPath(System.IO.Path.Combine(contentRoot, Path));
}
