namespace EarlyWarning.Domain.Alerts.Texts;

/// <summary>The keys every language's table holds (a test checks each language has every one).</summary>
public static class AlertTextKey
{
    /// <summary>The exercise mark: "ВЕЖБА", "USHTRIM", "EXERCISE", "VEŽBA".</summary>
    public const string ExerciseMark = "exercise.mark";

    /// <summary>The sentence after the mark in a long form: this is an exercise, not a real case.</summary>
    public const string ExerciseNote = "exercise.note";

    /// <summary>Every key, in a fixed order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        .. Enum.GetValues<AlertKind>().Select(Headline),
        .. Enum.GetValues<AlertKind>().Select(k => Form(AlertForm.ShortText, k)),
        .. Enum.GetValues<AlertKind>().Select(k => Form(AlertForm.LongText, k)),
        ExerciseMark,
        ExerciseNote,
    ];

    /// <summary>The headline of <paramref name="kind"/>: <c>headline.new</c>, …</summary>
    public static string Headline(AlertKind kind) => kind switch
    {
        AlertKind.New => "headline.new",
        AlertKind.Update => "headline.update",
        _ => "headline.cancel",
    };

    /// <summary>The short or long form of <paramref name="kind"/>: <c>short.new</c>, <c>long.cancel</c>, …</summary>
    public static string Form(AlertForm form, AlertKind kind) => (form, kind) switch
    {
        (AlertForm.ShortText, AlertKind.New) => "short.new",
        (AlertForm.ShortText, AlertKind.Update) => "short.update",
        (AlertForm.ShortText, _) => "short.cancel",
        (_, AlertKind.New) => "long.new",
        (_, AlertKind.Update) => "long.update",
        _ => "long.cancel",
    };
}
