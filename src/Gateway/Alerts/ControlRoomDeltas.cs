using EarlyWarning.Gateway.Cases;
using EarlyWarning.Grains.Cases;

namespace EarlyWarning.Gateway.Alerts;

/// <summary>Who takes <c>caseDelta</c> instead of <c>caseUpdated</c>, and what a delta holds.</summary>
public static class ControlRoomDeltas
{
    /// <summary>The hub's query parameter that opts a control-room connection in: <c>/hubs/alerts?deltas=1</c>.</summary>
    public const string QueryParameter = "deltas";

    /// <summary>True when the connection asked for deltas (<c>deltas=1</c> or <c>deltas=true</c>).</summary>
    public static bool WantsDeltas(HttpContext? http) =>
        http?.Request.Query[QueryParameter].ToString() is "1" or "true";

    /// <summary>The changed parts of <paramref name="view"/>, as <paramref name="change"/> names them.</summary>
    public static CaseDeltaView ToDelta(CaseView<OperatorSightingView> view, CaseChange change)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(change);
        bool Has(CaseFields field) => change.Fields.HasFlag(field);
        var safeguarding = Has(CaseFields.Safeguarding);
        var sightings = Has(CaseFields.Sightings) ? new HashSet<string>(change.SightingIds) : null;
        return new CaseDeltaView(
            view.Id,
            view.Version,
            Has(CaseFields.Status) ? view.Status : null,
            Has(CaseFields.Outcome) ? view.Outcome : null,
            Has(CaseFields.Level) ? view.Level : null,
            Has(CaseFields.Child) ? view.Child : null,
            Has(CaseFields.Zone) ? view.Zone : null,
            sightings is null ? null : [.. view.Sightings.Where(s => sightings.Contains(s.Id))],
            Has(CaseFields.Stats) ? view.Stats : null,
            Has(CaseFields.CancelsPending) ? view.CancelsPending : null,
            safeguarding ? view.Category : null,
            safeguarding ? view.Escalation : null,
            safeguarding ? view.Detail : null,
            safeguarding ? view.Referral : null);
    }
}
