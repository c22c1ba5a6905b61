namespace EarlyWarning.Gateway.Cap;

/// <summary>Lifetimes of what partners receive (section <c>Cap</c>).</summary>
public sealed class CapOptions
{
    public const string Section = "Cap";

    /// <summary>
    /// A message's <c>expires</c> is its <c>sent</c> (the case's last change) plus this: every
    /// change renews it, so a partner that stops hearing about a case drops it after this long.
    /// </summary>
    public TimeSpan Expiry { get; set; } = TimeSpan.FromHours(6);

    /// <summary>
    /// How long the Atom feed keeps a resolved case's Cancel entry, so pollers see it; also the
    /// Cancel's own <c>expires</c> after the resolve.
    /// </summary>
    public TimeSpan CancelRetention { get; set; } = TimeSpan.FromHours(24);
}
