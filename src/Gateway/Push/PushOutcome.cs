namespace EarlyWarning.Gateway.Push;

/// <summary>What became of one attempt to push a message.</summary>
public enum PushOutcome
{
    /// <summary>The push service accepted it (201).</summary>
    Accepted,

    /// <summary>The push service said the subscription is gone (404, 410); it was deleted.</summary>
    Expired,

    /// <summary>Worth another try later (429, 5xx, a network failure).</summary>
    Retry,

    /// <summary>Given up: refused for good (another 4xx), or out of attempts or time.</summary>
    Failed,

    /// <summary>Nothing to send: the subscriber has no push subscription any more.</summary>
    Skipped,
}
