namespace EarlyWarning.Domain.Regions;

/// <summary>
/// Finds a subscriber's slot in a <see cref="SubscriberIndex"/> by its key, holding nothing but
/// slots: the keys stay in the index's own array, so a million ids are not held twice (a
/// <c>Dictionary</c> entry per id cost 44 bytes, this ~8). Open addressing with linear probing;
/// a removal shifts the rest of its run back rather than leaving tombstones.
/// </summary>
internal sealed class SlotTable
{
    // Slot + 1 per bucket, 0 when empty; a power of two, at most half full.
    private int[] _buckets = new int[32];
    private int _count;

    /// <summary>The slot holding <paramref name="key"/>, given the index's keys by slot.</summary>
    public bool TryFind(in SubscriberKey key, SubscriberKey[] keys, out int slot)
    {
        var bucket = BucketOf(key, keys);
        slot = bucket < 0 ? -1 : _buckets[bucket] - 1;
        return bucket >= 0;
    }

    /// <summary>Records that <paramref name="slot"/> holds <paramref name="key"/> (not already here).</summary>
    public void Add(in SubscriberKey key, int slot, SubscriberKey[] keys)
    {
        if ((_count + 1) * 2 > _buckets.Length)
        {
            Rehash(_buckets.Length * 2, keys);
        }

        Place(Home(key), slot);
        _count++;
    }

    /// <summary>Makes room for <paramref name="count"/> keys in all, so a bulk load rehashes at most once.</summary>
    public void EnsureCapacity(int count, SubscriberKey[] keys)
    {
        var size = _buckets.Length;
        while (count * 2 > size)
        {
            size *= 2;
        }

        if (size > _buckets.Length)
        {
            Rehash(size, keys);
        }
    }

    /// <summary>The entry for <paramref name="key"/> moved from slot <paramref name="from"/> to <paramref name="to"/>.</summary>
    public void Repoint(in SubscriberKey key, int from, int to)
    {
        var mask = _buckets.Length - 1;
        var bucket = Home(key);
        while (_buckets[bucket] != from + 1)
        {
            bucket = (bucket + 1) & mask;
        }

        _buckets[bucket] = to + 1;
    }

    /// <summary>Forgets <paramref name="key"/>; false when it was not here.</summary>
    public bool Remove(in SubscriberKey key, SubscriberKey[] keys)
    {
        var hole = BucketOf(key, keys);
        if (hole < 0)
        {
            return false;
        }

        // Backward shift: every later key of the run that may sit in the hole moves into it.
        var mask = _buckets.Length - 1;
        var next = hole;
        while (true)
        {
            next = (next + 1) & mask;
            if (_buckets[next] == 0)
            {
                break;
            }

            var home = Home(keys[_buckets[next] - 1]);
            var homeBetween = hole <= next ? hole < home && home <= next : hole < home || home <= next;
            if (!homeBetween)
            {
                _buckets[hole] = _buckets[next];
                hole = next;
            }
        }

        _buckets[hole] = 0;
        _count--;
        return true;
    }

    private int BucketOf(in SubscriberKey key, SubscriberKey[] keys)
    {
        var mask = _buckets.Length - 1;
        for (var bucket = Home(key); _buckets[bucket] != 0; bucket = (bucket + 1) & mask)
        {
            if (keys[_buckets[bucket] - 1].Equals(key))
            {
                return bucket;
            }
        }

        return -1;
    }

    private void Place(int bucket, int slot)
    {
        var mask = _buckets.Length - 1;
        while (_buckets[bucket] != 0)
        {
            bucket = (bucket + 1) & mask;
        }

        _buckets[bucket] = slot + 1;
    }

    private void Rehash(int size, SubscriberKey[] keys)
    {
        var old = _buckets;
        _buckets = new int[size];
        foreach (var entry in old)
        {
            if (entry != 0)
            {
                Place(Home(keys[entry - 1]), entry - 1);
            }
        }
    }

    private int Home(in SubscriberKey key) => key.GetHashCode() & (_buckets.Length - 1);
}
