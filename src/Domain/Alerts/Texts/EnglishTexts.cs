namespace EarlyWarning.Domain.Alerts.Texts;

/// <summary>English alert texts; also what an unsupported language gets.</summary>
internal static class EnglishTexts
{
    public static IReadOnlyDictionary<string, AlertText> All { get; } = new Dictionary<string, AlertText>(StringComparer.Ordinal)
    {
        ["headline.new"] = new("Missing child: {name}[1| ({age})]"),
        ["headline.update"] = new("Update: missing child {name}[1| ({age})]"),
        ["headline.cancel"] = new("Alert withdrawn"),
        ["short.new"] = new("Missing child: {name}[2| ({age})][1|, last seen near {place}]. Seen the child? Call 192."),
        ["short.update"] = new("Update, missing child: {name}[2| ({age})][1|, now near {place}]. Seen the child? Call 192."),
        ["short.cancel"] = new("Alert withdrawn: the case is closed. Thank you for your help."),
        ["long.new"] = new("Missing child: {name}[3|, aged {age}][2|, last seen near {place}].[1| {description}.] Please keep watch. If you see the child, call 192 or report it in the app."),
        ["long.update"] = new("Update on the missing child {name}[3|, aged {age}]: the search zone has changed[2| and is now near {place}].[1| {description}.] If you see the child, call 192 or report it in the app."),
        ["long.cancel"] = new("Alert withdrawn. The case is closed and the search has ended. Thank you for your help. Please stop sharing the appeal."),
        ["exercise.mark"] = new("EXERCISE"),
        ["exercise.note"] = new("This is an exercise, not a real case."),
    };
}
