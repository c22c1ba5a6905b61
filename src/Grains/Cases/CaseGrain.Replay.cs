namespace EarlyWarning.Grains.Cases;

/// <summary>The after-action replay: the case's life with times, built from what it stores and its tally's history.</summary>
public sealed partial class CaseGrain
{
    /// <inheritdoc />
    public async Task<CaseReplay?> GetReplay()
    {
        if (!IsOpen)
        {
            return null;
        }

        var counts = await _figures!.History(CaseId);
        return CaseReplays.Build(CaseId, S, zonePolicy.Value, Now, counts);
    }
}
