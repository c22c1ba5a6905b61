using EarlyWarning.Gateway.Outages;

namespace EarlyWarning.Gateway.Auth;

/// <summary>
/// Closes the open hub connections of accounts a configuration reload removed or changed (password,
/// role): their tokens are refused from the next request (<see cref="TokenChecks"/>), but a socket
/// opened before would otherwise go on receiving the control room's events until the token expires.
/// A closed client that reconnects with the old token gets 401.
/// </summary>
public sealed class RevokedConnections(AccountStore accounts, OpenHubConnections connections, ILogger<RevokedConnections> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        accounts.Reloaded += CloseRevoked;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        accounts.Reloaded -= CloseRevoked;
        return Task.CompletedTask;
    }

    private void CloseRevoked()
    {
        var closed = connections.Close(user => !user.IsInRole(Roles.Subscriber) && !TokenChecks.AccountStillHolds(accounts, user));
        if (closed > 0)
        {
            AuthLog.RevokedConnectionsClosed(logger, closed);
        }
    }
}
