using System.Text;
using Orleans.Storage;

namespace EarlyWarning.Grains.Hosting;

/// <summary>
/// A grain's records by key (a case's line, a zone), stored in <see cref="BucketCount"/> records
/// by a stable hash of the key, so changing one rewrites the few records of its bucket instead of
/// all of them: a grain holding one record per active case that stored them whole rewrote every
/// case's on each change. The grain reads every bucket when it activates.
/// </summary>
internal sealed class BucketedRecords<TValue>(IGrainStorage storage, GrainId grain, string stateName)
{
    /// <summary>Fixed: a key's bucket must not move between versions of the code.</summary>
    public const int BucketCount = 64;

    private readonly GrainState<RecordBucket<TValue>>[] _buckets = new GrainState<RecordBucket<TValue>>[BucketCount];

    /// <summary>Every record held, in no particular order.</summary>
    public IEnumerable<TValue> Values => _buckets.SelectMany(b => Records(b).Values);

    /// <summary>The record of <paramref name="key"/>, if one is held.</summary>
    public TValue? GetValueOrDefault(string key) =>
        Records(_buckets[BucketOf(key)]).GetValueOrDefault(key);

    /// <summary>Holds <paramref name="value"/> for <paramref name="key"/> (not stored until <see cref="Write"/>).</summary>
    public void Set(string key, TValue value) => Records(_buckets[BucketOf(key)])[key] = value;

    /// <summary>Drops the record of <paramref name="key"/> (not stored until <see cref="Write"/>); false when none was held.</summary>
    public bool Remove(string key) => Records(_buckets[BucketOf(key)]).Remove(key);

    /// <summary>Reads every bucket.</summary>
    public Task Load() =>
        Task.WhenAll(Enumerable.Range(0, BucketCount).Select(async bucket =>
        {
            var state = new GrainState<RecordBucket<TValue>>(new RecordBucket<TValue>());
            await storage.ReadStateAsync(BucketName(bucket), grain, state);
            _buckets[bucket] = state;
        }));

    /// <summary>Stores the buckets of <paramref name="keys"/> as they are held now (with whatever else they hold).</summary>
    public Task Write(IEnumerable<string> keys) =>
        Task.WhenAll(keys.Select(BucketOf).Distinct()
            .Select(bucket => storage.WriteStateAsync(BucketName(bucket), grain, _buckets[bucket])));

    /// <summary>The bucket of a key: FNV-1a over its UTF-8 bytes (string.GetHashCode differs from process to process).</summary>
    internal static int BucketOf(string key)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(key))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (int)(hash % BucketCount);
    }

    private static Dictionary<string, TValue> Records(GrainState<RecordBucket<TValue>> bucket) =>
        (bucket.State ??= new RecordBucket<TValue>()).Records;

    private string BucketName(int bucket) => $"{stateName}-{bucket}";
}
