namespace EarlyWarning.Grains.Cases;

/// <summary>
/// The answer to a case command: the case after it, or why it was refused (then <see cref="Case"/>
/// is the case as it stands, if any). <see cref="ReplacedPhotoUrl"/>: for a new photo, the one it
/// replaced, read in the same turn, so two uploads at once each delete exactly the photo they replaced.
/// </summary>
[GenerateSerializer, Immutable, Alias("ew.case-command-result")]
public sealed record CaseCommandResult(CaseSnapshot? Case, CaseRefusal Refusal, string? ReplacedPhotoUrl = null);
