using EarlyWarning.Domain.Cases;
using EarlyWarning.Grains.Cases;
using EarlyWarning.Grains.Dispatch;

namespace EarlyWarning.Gateway.Tests.Infrastructure;

/// <summary>Batches as a tile hands them to a gateway, for tests that hand them over themselves.</summary>
public static class HandedBatches
{
    /// <summary>A public case's batch at <paramref name="version"/>, its zone one 1 km circle (where does not matter: nobody matches it).</summary>
    public static AlertBatch Public(string caseId, long version, params AlertRecipient[] recipients) =>
        new(
            caseId,
            version,
            CaseLevel.Public,
            DateTimeOffset.UtcNow,
            new ChildProfile("Vesna", 8, null, "green coat", null),
            [new AnchorCircle(42.0780, 22.1800, DateTimeOffset.UtcNow, 1)],
            recipients);
}
