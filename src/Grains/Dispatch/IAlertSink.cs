namespace EarlyWarning.Grains.Dispatch;

/// <summary>A gateway's receiver of alert batches (a grain observer): it sends each recipient its alert over its live connections.</summary>
[Alias("ew.IAlertSink")]
public interface IAlertSink : IGrainObserver
{
    /// <summary>Sends the batch's alerts; completes when they are handed to the connections.</summary>
    [Alias("deliver")]
    Task Deliver(AlertBatch batch);
}
