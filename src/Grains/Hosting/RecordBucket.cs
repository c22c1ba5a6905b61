namespace EarlyWarning.Grains.Hosting;

/// <summary>The records of one bucket of a <see cref="BucketedRecords{TValue}"/>, stored on their own.</summary>
[GenerateSerializer, Alias("ew.record-bucket`1")]
public sealed class RecordBucket<TValue>
{
    /// <summary>The bucket's records by key.</summary>
    [Id(0)] public Dictionary<string, TValue> Records { get; set; } = [];
}
