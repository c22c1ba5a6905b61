namespace EarlyWarning.Workload.Ingest;

/// <summary>A subscriber's phone reporting where it is now.</summary>
/// <param name="Subscriber">The subscriber's index in its <see cref="Subscribers.SubscriberPoints"/>.</param>
/// <param name="Lat">New latitude, degrees.</param>
/// <param name="Lon">New longitude, degrees.</param>
public readonly record struct LocationUpdate(int Subscriber, double Lat, double Lon);
