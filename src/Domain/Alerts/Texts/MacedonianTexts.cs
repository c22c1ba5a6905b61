namespace EarlyWarning.Domain.Alerts.Texts;

/// <summary>Macedonian alert texts (Cyrillic).</summary>
internal static class MacedonianTexts
{
    public static IReadOnlyDictionary<string, AlertText> All { get; } = new Dictionary<string, AlertText>(StringComparer.Ordinal)
    {
        ["headline.new"] = new("Исчезнато дете: {name}[1| ({age})]"),
        ["headline.update"] = new("Ажурирање: исчезнато дете {name}[1| ({age})]"),
        ["headline.cancel"] = new("Предупредувањето е повлечено"),
        ["short.new"] = new("Исчезнато дете: {name}[2| ({age})][1|, последно видено кај {place}]. Го видовте? Јавете се на 192."),
        ["short.update"] = new("Ажурирање, исчезнато дете: {name}[2| ({age})][1|, сега кај {place}]. Јавете се на 192."),
        ["short.cancel"] = new("Предупредувањето е повлечено: случајот е затворен. Ви благодариме за помошта."),
        ["long.new"] = new("Исчезнато дете: {name}[3|, возраст {age}][2|, последно видено кај {place}].[1| {description}.] Ве молиме внимавајте. Ако го видите детето, јавете се на 192 или пријавете во апликацијата."),
        ["long.update"] = new("Ажурирање за исчезнатото дете {name}[3|, возраст {age}]: зоната на пребарување е променета[2| и сега е кај {place}].[1| {description}.] Ако го видите детето, јавете се на 192 или пријавете во апликацијата."),
        ["long.cancel"] = new("Предупредувањето е повлечено. Случајот е затворен и пребарувањето заврши. Ви благодариме за помошта. Ве молиме не споделувајте го повеќе апелот."),
        ["exercise.mark"] = new("ВЕЖБА"),
        ["exercise.note"] = new("Ова е вежба, не вистински случај."),
    };
}
