using System.Globalization;
using EarlyWarning.Domain.Cases;

namespace EarlyWarning.Grains.Cases;

/// <summary>
/// The rules of going public, on a case's state: a request records the family's consent or the
/// reason to publish without it; with one approver it publishes at once, with two it waits for a
/// second supervisor who is not the requester. Every step is on the timeline.
/// </summary>
internal static class CaseEscalation
{
    /// <summary>
    /// Files a request (or publishes, when one approver suffices). A public case, or one whose
    /// request is already waiting, is left as it is: a retried request answers as the first.
    /// </summary>
    public static CaseRefusal Request(CaseState state, EscalationRequest request, bool approvalRequired, DateTimeOffset now)
    {
        if (state.Level == CaseLevel.Public || state.Escalation is { Status: EscalationStatus.Pending })
        {
            return CaseRefusal.None;
        }

        if (approvalRequired && request.Consent is null && string.IsNullOrWhiteSpace(request.ReasonWithoutConsent))
        {
            return CaseRefusal.ConsentRequired;
        }

        var record = new EscalationRecord(EscalationStatus.Pending, request.Actor, now, request.Consent, request.ReasonWithoutConsent);
        if (!approvalRequired)
        {
            state.Escalation = record with { Status = EscalationStatus.Approved, DecidedBy = request.Actor, DecidedAt = now };
            CaseLifecycle.Escalate(state, request.Actor, now, ConsentData(record));
            return CaseRefusal.None;
        }

        state.Escalation = record;
        state.Version++;
        CaseTimeline.Append(state, now, "escalation-requested", request.Actor, ConsentData(record));
        return CaseRefusal.None;
    }

    /// <summary>A second supervisor approves the waiting request: the case goes public.</summary>
    public static CaseRefusal Approve(CaseState state, string actor, DateTimeOffset now)
    {
        if (state.Escalation is not { Status: EscalationStatus.Pending } pending)
        {
            return CaseRefusal.NothingPending;
        }

        if (string.Equals(pending.RequestedBy, actor, StringComparison.Ordinal))
        {
            return CaseRefusal.OwnRequest;
        }

        state.Escalation = pending with { Status = EscalationStatus.Approved, DecidedBy = actor, DecidedAt = now };
        CaseTimeline.Append(state, now, "escalation-approved", actor, ("requestedBy", pending.RequestedBy));
        CaseLifecycle.Escalate(state, actor, now);
        return CaseRefusal.None;
    }

    /// <summary>A supervisor turns the waiting request down (the requester may withdraw it): the case stays internal.</summary>
    public static CaseRefusal Reject(CaseState state, string actor, string reason, DateTimeOffset now)
    {
        if (state.Escalation is not { Status: EscalationStatus.Pending } pending)
        {
            return CaseRefusal.NothingPending;
        }

        state.Escalation = pending with { Status = EscalationStatus.Rejected, DecidedBy = actor, DecidedAt = now, DecisionReason = reason };
        state.Version++;
        CaseTimeline.Append(state, now, "escalation-rejected", actor, ("requestedBy", pending.RequestedBy), ("reason", reason));
        return CaseRefusal.None;
    }

    /// <summary>A request still waiting when the case resolves is dropped with it.</summary>
    public static void DropOnResolve(CaseState state, string actor, DateTimeOffset now)
    {
        if (state.Escalation is { Status: EscalationStatus.Pending } pending)
        {
            const string reason = "the case was resolved";
            state.Escalation = pending with { Status = EscalationStatus.Rejected, DecidedBy = actor, DecidedAt = now, DecisionReason = reason };
            CaseTimeline.Append(state, now, "escalation-rejected", actor, ("requestedBy", pending.RequestedBy), ("reason", reason));
        }
    }

    /// <summary>What the timeline keeps of the consent: how and when, not who (a family member's name is personal data).</summary>
    private static (string, string)[] ConsentData(EscalationRecord record) => record switch
    {
        { Consent: { } consent } =>
        [
            ("consent", CaseLifecycle.Lower(consent.Method)),
            ("consentGivenAt", consent.GivenAt.ToString("O", CultureInfo.InvariantCulture)),
        ],
        { ReasonWithoutConsent: { } reason } when !string.IsNullOrWhiteSpace(reason) =>
            [("consent", "none"), ("reasonWithoutConsent", reason)],
        _ => [("consent", "not-recorded")],
    };
}
