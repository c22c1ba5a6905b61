using EarlyWarning.Domain.Alerts;
using EarlyWarning.Gateway.Geo;
using EarlyWarning.Grains.Dispatch;

namespace EarlyWarning.Gateway.Alerts;

/// <summary>Turns a batch into per-recipient messages; the zone geometry is drawn once per batch.</summary>
public static class AlertComposer
{
    // A cancel's zone has no positions: its circles' centres are where the child was last seen.
    private static readonly GeoJsonGeometry NoZone = new("MultiPolygon", Array.Empty<double[][][]>());

    public static IEnumerable<(string SubscriberId, AlertMessage Message)> Compose(AlertBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var zone = ZoneShapes.ToGeoJson(batch.Anchors);
        var child = batch.Child is { } c ? new AlertChild(c.Name, c.Age, c.Description, c.PhotoUrl) : null;
        // Words depend on kind and language only: a batch of thousands words each pair once.
        var words = new Dictionary<(AlertKind, string), AlertWords>();
        foreach (var recipient in batch.Recipients)
        {
            // A cancel carries no personal data, whatever the batch holds.
            var shownChild = recipient.Kind == AlertKind.Cancel ? null : child;
            if (!words.TryGetValue((recipient.Kind, recipient.Language), out var worded))
            {
                words[(recipient.Kind, recipient.Language)] = worded = AlertWords.For(recipient.Kind, recipient.Language, batch.Child, batch.Anchors, batch.Exercise);
            }

            yield return (recipient.SubscriberId, new AlertMessage(
                batch.CaseId, batch.Version, recipient.Kind, batch.Level, batch.IssuedAt, worded.Headline, worded.LongText,
                recipient.Language, shownChild, recipient.Kind == AlertKind.Cancel ? NoZone : zone, Math.Round(recipient.DistanceKm, 3), batch.Exercise ? true : null));
        }
    }
}
