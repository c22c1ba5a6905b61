namespace EarlyWarning.Gateway.Outages;

/// <summary>
/// A grain call this gateway did not make (<see cref="MayHaveBeenApplied"/> false: the cluster was
/// known to be down) or stopped waiting for (true: it went down while the call was on its way).
/// </summary>
public sealed class ClusterUnavailableException : Exception
{
    public ClusterUnavailableException()
    {
    }

    public ClusterUnavailableException(string message) : base(message)
    {
    }

    public ClusterUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public ClusterUnavailableException(string message, bool mayHaveBeenApplied) : base(message) => MayHaveBeenApplied = mayHaveBeenApplied;

    /// <summary>True when the call had been sent: the grain may have carried it out.</summary>
    public bool MayHaveBeenApplied { get; }
}
