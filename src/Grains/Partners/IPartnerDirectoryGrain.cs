namespace EarlyWarning.Grains.Partners;

/// <summary>
/// The list of partners (a single grain, key 0), without secrets: read by the partner list and by
/// the fan-out of a public case's messages (a few per case), never on the alert path.
/// </summary>
[Alias("ew.IPartnerDirectoryGrain")]
public interface IPartnerDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>Adds or replaces a partner's line.</summary>
    [Alias("upsert")]
    Task Upsert(PartnerProfile profile);

    /// <summary>Removes a partner's line; false when it had none.</summary>
    [Alias("remove")]
    Task<bool> Remove(string partnerId);

    /// <summary>Every partner, oldest first.</summary>
    [Alias("list")]
    Task<PartnerProfile[]> List();
}
