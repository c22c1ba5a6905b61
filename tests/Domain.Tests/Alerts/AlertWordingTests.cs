using EarlyWarning.Domain.Alerts;
using Xunit;

namespace EarlyWarning.Domain.Tests.Alerts;

public sealed class AlertWordingTests
{
    private const string ChildName = "Elena";

    public static TheoryData<string, AlertKind> EveryLanguageAndKind()
    {
        var data = new TheoryData<string, AlertKind>();
        foreach (var language in AlertLanguage.All)
        {
            foreach (var kind in Enum.GetValues<AlertKind>())
            {
                data.Add(language, kind);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryLanguageAndKind))]
    public void Every_language_and_kind_has_a_headline_and_a_text(string language, AlertKind kind)
    {
        var (headline, text) = AlertWording.For(kind, language, ChildName, 7);

        Assert.False(string.IsNullOrWhiteSpace(headline));
        Assert.False(string.IsNullOrWhiteSpace(text));
    }

    [Theory]
    [InlineData(AlertLanguage.Macedonian)]
    [InlineData(AlertLanguage.Albanian)]
    [InlineData(AlertLanguage.English)]
    [InlineData(AlertLanguage.Romani)]
    public void New_names_the_child_and_cancel_carries_no_name_even_when_given_one(string language)
    {
        var (newHeadline, _) = AlertWording.For(AlertKind.New, language, ChildName, 7);
        var (cancelHeadline, cancelText) = AlertWording.For(AlertKind.Cancel, language, ChildName, 7);

        Assert.Contains("Elena (7)", newHeadline, StringComparison.Ordinal);
        Assert.DoesNotContain(ChildName, cancelHeadline, StringComparison.Ordinal);
        Assert.DoesNotContain(ChildName, cancelText, StringComparison.Ordinal);
    }

    [Theory]
    [Trait("Category", "Safeguarding")]
    [InlineData(AlertLanguage.Macedonian, "ВЕЖБА")]
    [InlineData(AlertLanguage.Albanian, "USHTRIM")]
    [InlineData(AlertLanguage.English, "EXERCISE")]
    [InlineData(AlertLanguage.Romani, "VEŽBA")]
    public void An_exercise_alert_carries_the_exercise_mark_in_the_recipients_language_in_headline_and_text(string language, string mark)
    {
        foreach (var kind in Enum.GetValues<AlertKind>())
        {
            var (headline, text) = AlertWording.For(kind, language, ChildName, 7, exercise: true);
            var (realHeadline, realText) = AlertWording.For(kind, language, ChildName, 7);

            Assert.StartsWith(mark, headline, StringComparison.Ordinal);
            Assert.StartsWith(mark, text, StringComparison.Ordinal);
            Assert.EndsWith(realHeadline, headline, StringComparison.Ordinal);
            Assert.EndsWith(realText, text, StringComparison.Ordinal);
            Assert.DoesNotContain(mark, realHeadline + realText, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Languages_differ_and_an_unknown_one_falls_back_to_english()
    {
        var headlines = AlertLanguage.All.Select(l => AlertWording.For(AlertKind.New, l, ChildName, null).Headline).ToList();

        Assert.Equal(headlines.Count, headlines.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(AlertWording.For(AlertKind.Update, AlertLanguage.English, ChildName, null), AlertWording.For(AlertKind.Update, "de", ChildName, null));
    }
}
