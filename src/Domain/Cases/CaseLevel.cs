namespace EarlyWarning.Domain.Cases;

/// <summary>Who a case alerts: field teams only, or the public as well.</summary>
public enum CaseLevel
{
    /// <summary>Field teams only.</summary>
    Internal,

    /// <summary>Field teams and public subscribers.</summary>
    Public,
}
