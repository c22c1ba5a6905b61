using Lib.Net.Http.WebPush.Authentication;
using Microsoft.Extensions.Options;

namespace EarlyWarning.Gateway.Push;

/// <summary>
/// The gateway's VAPID identity, settled while the host starts: the configured pair; in
/// Development without one, a pair made once and kept in <see cref="PushOptions.DevelopmentKeyFile"/>;
/// outside Development, push on and no (or a bad) pair is a start-up error.
/// </summary>
public sealed class VapidIdentity : IDisposable
{
    private const string DevelopmentSubject = "mailto:push@earlywarning.invalid";

    public VapidIdentity(IOptions<PushOptions> options, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        var o = options.Value;
        if (!o.Enabled)
        {
            return;
        }

        var configured = !string.IsNullOrWhiteSpace(o.PublicKey) || !string.IsNullOrWhiteSpace(o.PrivateKey);
        if (!configured && !environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                "Push is on (Push:Enabled) but Push:PublicKey and Push:PrivateKey are not set. Make a pair with "
                + "`dotnet run --project src/Gateway -- vapid-keys`, or set Push:Enabled=false.");
        }

        Keys = configured
            ? new VapidKeys(o.PublicKey ?? "", o.PrivateKey ?? "")
            : VapidKeys.LoadOrCreate(Path.Combine(environment.ContentRootPath, o.DevelopmentKeyFile));
        if (Keys.Problem() is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        var subject = string.IsNullOrWhiteSpace(o.Subject) && environment.IsDevelopment() ? DevelopmentSubject : o.Subject;
        if (string.IsNullOrWhiteSpace(subject))
        {
            throw new InvalidOperationException("Push is on but Push:Subject (a mailto: or https: contact for push services) is not set.");
        }

        try
        {
            Authentication = new VapidAuthentication(Keys.PublicKey, Keys.PrivateKey) { Subject = subject, TokenCache = new VapidTokenCache() };
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException($"Push:Subject must be a mailto: or https: URI ({ex.Message}).", ex);
        }
    }

    /// <summary>The pair; null when push is off.</summary>
    public VapidKeys? Keys { get; }

    /// <summary>What the Web Push client signs with; null when push is off.</summary>
    public VapidAuthentication? Authentication { get; }

    public void Dispose() => Authentication?.Dispose();
}
