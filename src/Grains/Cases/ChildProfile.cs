namespace EarlyWarning.Grains.Cases;

/// <summary>The missing child as a case describes it. Personal data: leaves public payloads when the case resolves.</summary>
[GenerateSerializer, Immutable, Alias("ew.child")]
public sealed record ChildProfile(string Name, int Age, string? Sex, string Description, string? PhotoUrl);
