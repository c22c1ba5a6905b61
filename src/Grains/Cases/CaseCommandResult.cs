namespace EarlyWarning.Grains.Cases;

/// <summary>
/// The answer to a case command: the case after it, or why it was refused (then <see cref="Case"/>
/// is the case as it stands, if any).
/// </summary>
[GenerateSerializer, Immutable, Alias("ew.case-command-result")]
public sealed record CaseCommandResult(CaseSnapshot? Case, CaseRefusal Refusal);
