using EarlyWarning.Domain.Cases;

namespace EarlyWarning.Domain.Subscribers;

/// <summary>Which subscribers a case may alert at its level, before any geometry.</summary>
public static class Eligibility
{
    /// <summary>Field teams see every case; the public only <see cref="CaseLevel.Public"/> ones.</summary>
    public static bool MayReceive(SubscriberKind kind, CaseLevel level) =>
        kind == SubscriberKind.Field || level == CaseLevel.Public;

    /// <summary>
    /// As <see cref="MayReceive(SubscriberKind, CaseLevel)"/>, and an exercise reaches only those
    /// who opted in to exercises: a drill must never alarm anyone who did not ask for drills.
    /// </summary>
    public static bool MayReceive(SubscriberKind kind, CaseLevel level, bool exercise, bool optedInToExercises) =>
        MayReceive(kind, level) && (!exercise || optedInToExercises);
}
