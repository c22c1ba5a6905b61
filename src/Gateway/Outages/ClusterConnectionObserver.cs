namespace EarlyWarning.Gateway.Outages;

/// <summary>
/// Client mode: Orleans says at once when this gateway's last connection to a silo closes (every
/// silo killed), sooner than a probe that has to wait for a connection attempt to fail; the
/// monitor's next passing probe brings the cluster back. One connection of several closing (a
/// silo killed or stopped) ends the wait of the calls on their way after a grace (<see cref="ClusterCallFilter"/>).
/// </summary>
public sealed class ClusterConnectionObserver(ClusterAvailability availability, ILogger<ClusterConnectionObserver> logger) : IClusterConnectionStatusObserver
{
    public void NotifyClusterConnectionLost() => Lost();

    public void NotifyGatewayCountChanged(int currentNumberOfGateways, int previousNumberOfGateways, bool connectionRecovered)
    {
        if (currentNumberOfGateways == 0)
        {
            Lost();
        }
        else if (currentNumberOfGateways < previousNumberOfGateways)
        {
            OutageLog.SiloLeft(logger, currentNumberOfGateways);
            availability.MarkSiloLeft();
        }
    }

    private void Lost()
    {
        const string reason = "No silo is connected.";
        if (availability.MarkUnavailable(reason))
        {
            OutageLog.Lost(logger, reason);
        }
    }
}
