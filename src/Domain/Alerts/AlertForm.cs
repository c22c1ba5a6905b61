namespace EarlyWarning.Domain.Alerts;

/// <summary>
/// The two lengths an alert is written in, as WEA and EU-Alert carry them: the short form for
/// cell broadcast and push notifications, the long one for CAP <c>description</c> and the pages.
/// </summary>
public enum AlertForm
{
    /// <summary>At most <see cref="AlertForms.ShortMaxLength"/> characters as users see them.</summary>
    ShortText,

    /// <summary>At most <see cref="AlertForms.LongMaxLength"/> characters as users see them.</summary>
    LongText,
}
