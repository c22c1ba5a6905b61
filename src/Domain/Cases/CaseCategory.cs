namespace EarlyWarning.Domain.Cases;

/// <summary>
/// What kind of disappearance a case is, as the control room assesses it. Internal: never in a
/// public payload (a category such as suspected trafficking can itself harm the child).
/// </summary>
public enum CaseCategory
{
    /// <summary>Not assessed yet: what a case opened without a category is.</summary>
    Unspecified,

    /// <summary>The child left of their own accord.</summary>
    Runaway,

    /// <summary>Taken by a parent or relative.</summary>
    FamilyAbduction,

    /// <summary>Taken by someone outside the family.</summary>
    StrangerAbduction,

    /// <summary>Lost, or hurt and unable to come back.</summary>
    LostOrInjured,

    /// <summary>Trafficking or exploitation is suspected: a found child is referred, not only closed.</summary>
    SuspectedTrafficking,

    /// <summary>Lured through contact online.</summary>
    OnlineGrooming,

    /// <summary>A child on the move without a parent or guardian.</summary>
    UnaccompaniedMigrant,
}
