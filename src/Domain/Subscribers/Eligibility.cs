using EarlyWarning.Domain.Cases;

namespace EarlyWarning.Domain.Subscribers;

/// <summary>Which subscribers a case may alert at its level, before any geometry.</summary>
public static class Eligibility
{
    /// <summary>Field teams see every case; the public only <see cref="CaseLevel.Public"/> ones.</summary>
    public static bool MayReceive(SubscriberKind kind, CaseLevel level) =>
        kind == SubscriberKind.Field || level == CaseLevel.Public;
}
