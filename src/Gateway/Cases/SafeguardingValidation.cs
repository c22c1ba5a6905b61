using EarlyWarning.Domain.Cases;
using EarlyWarning.Gateway.Hosting;

namespace EarlyWarning.Gateway.Cases;

/// <summary>Field rules of the consent, approval, review and resolution bodies; names are the JSON paths clients send.</summary>
public static class SafeguardingValidation
{
    /// <summary>Consent or a reason, not both; whether one is required is the case's to say (it knows the approval setting).</summary>
    public static ValidationErrors Validate(EscalateRequest? request, DateTimeOffset now)
    {
        var errors = new ValidationErrors();
        if (request is null)
        {
            return errors;
        }

        if (request.Consent is { } consent)
        {
            errors.Text(consent.GivenBy, "consent.givenBy", 200);
            if (consent.Method is null)
            {
                errors.Add("consent.method", "'consent.method' is required: in-person, phone or written.");
            }

            Moment(errors, consent.GivenAt, "consent.givenAt", now);
            if (!string.IsNullOrWhiteSpace(request.ReasonWithoutConsent))
            {
                errors.Add("reasonWithoutConsent", "Give the family's 'consent' or a 'reasonWithoutConsent', not both.");
            }
        }

        return errors.Text(request.ReasonWithoutConsent, "reasonWithoutConsent", 2000, required: false);
    }

    public static ValidationErrors Validate(RejectEscalationRequest? request) =>
        new ValidationErrors().Text(request?.Reason, "reason", 2000);

    public static ValidationErrors Validate(ReviewSightingRequest? request, bool verify)
    {
        var errors = new ValidationErrors().Text(request?.Reason, "reason", 2000, required: false);
        if (request?.DuplicateOf is { } duplicateOf)
        {
            if (verify)
            {
                errors.Add("duplicateOf", "Only a rejected sighting is linked to the one it duplicates.");
            }
            else if (!SightingId.IsValid(duplicateOf))
            {
                errors.Add("duplicateOf", "'duplicateOf' must be the id of an earlier sighting of this case.");
            }
        }

        return errors;
    }

    /// <summary>The detail must belong to the outcome; a referral is for a found child.</summary>
    public static ValidationErrors Validate(ResolveCaseRequest request, DateTimeOffset now)
    {
        var errors = new ValidationErrors().Text(request.Note, "note", 2000, required: false);
        if (request.Outcome is not { } outcome)
        {
            return errors.Add("outcome", "'outcome' is required: found or cancelled.");
        }

        if (request.Detail is { } detail && ResolutionDetails.OutcomeOf(detail) != outcome)
        {
            errors.Add("detail", $"'detail' {StrictEnumConverter.Name(detail)} does not go with the outcome {StrictEnumConverter.Name(outcome)}.");
        }

        if (request.Referral is { } referral)
        {
            if (outcome != CaseOutcome.Found)
            {
                errors.Add("referral", "A referral is recorded for a found child only.");
            }

            if (referral.Mechanism is null)
            {
                errors.Add("referral.mechanism", "'referral.mechanism' is required: national-referral-mechanism, social-services or other.");
            }

            errors.Text(referral.ReceivingBody, "referral.receivingBody", 200)
                .Text(referral.ReferredBy, "referral.referredBy", 200, required: false);
            Moment(errors, referral.ReferredAt, "referral.referredAt", now);
        }

        return errors;
    }

    /// <summary>A required time not after now (a clock a few minutes fast is allowed); consent and referrals may be older than a sighting may.</summary>
    private static void Moment(ValidationErrors errors, DateTimeOffset? value, string field, DateTimeOffset now)
    {
        if (value is null)
        {
            errors.Add(field, $"'{field}' is required.");
        }
        else if (value.Value > now + ValidationErrors.ClockSkew)
        {
            errors.Add(field, $"'{field}' is in the future.");
        }
        else if (value.Value < now.AddYears(-1))
        {
            errors.Add(field, $"'{field}' is more than a year ago.");
        }
    }
}
