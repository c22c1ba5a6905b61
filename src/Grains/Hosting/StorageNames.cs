namespace EarlyWarning.Grains.Hosting;

/// <summary>Names of the grain storage providers every host must configure.</summary>
public static class StorageNames
{
    /// <summary>The one storage provider for case, region, subscriber and directory state.</summary>
    public const string Default = "ew";
}
