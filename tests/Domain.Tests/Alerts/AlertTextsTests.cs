using EarlyWarning.Domain.Alerts;
using EarlyWarning.Domain.Alerts.Texts;
using Xunit;

namespace EarlyWarning.Domain.Tests.Alerts;

[Trait("Category", "Interop")]
public sealed class AlertTextsTests
{
    public static TheoryData<string> Languages() => [.. AlertLanguage.All];

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_language_has_every_key_and_no_other(string language)
    {
        var table = AlertTexts.For(language);

        Assert.Equal(AlertTextKey.All.Order(StringComparer.Ordinal), table.Keys.Order(StringComparer.Ordinal));
        Assert.All(table.Values, t => Assert.False(string.IsNullOrWhiteSpace(t.Template)));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_template_uses_the_same_placeholders_as_english(string language)
    {
        foreach (var key in AlertTextKey.All)
        {
            var english = AlertTemplate.Parse(AlertTexts.For(AlertLanguage.English)[key].Template).Uses.Order(StringComparer.Ordinal);
            var here = AlertTemplate.Parse(AlertTexts.For(language)[key].Template).Uses.Order(StringComparer.Ordinal);

            Assert.True(english.SequenceEqual(here), $"{language} {key}: [{string.Join(", ", here)}], English [{string.Join(", ", english)}]");
        }
    }

    [Fact]
    public void A_cancel_template_has_no_place_for_the_child()
    {
        foreach (var language in AlertLanguage.All)
        {
            foreach (var key in new[] { AlertTextKey.Headline(AlertKind.Cancel), AlertTextKey.Form(AlertForm.ShortText, AlertKind.Cancel), AlertTextKey.Form(AlertForm.LongText, AlertKind.Cancel) })
            {
                Assert.Empty(AlertTemplate.Parse(AlertTexts.For(language)[key].Template).Uses);
            }
        }
    }

    [Fact]
    public void Every_romani_text_is_marked_for_a_native_speakers_review()
    {
        Assert.All(AlertTexts.For(AlertLanguage.Romani), t => Assert.True(t.Value.NeedsReview, t.Key));
        Assert.Equal("VEŽBA", AlertWording.ExerciseMark(AlertLanguage.Romani));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_form_fits_its_limit_with_only_its_required_text_an_ellipsis_for_a_name_and_the_exercise_mark(string language)
    {
        // What Render falls back to for input too long for anything else: the guarantee that it fits.
        var texts = AlertTexts.For(language);
        foreach (var form in Enum.GetValues<AlertForm>())
        {
            foreach (var kind in Enum.GetValues<AlertKind>())
            {
                var template = AlertTemplate.Parse(texts[AlertTextKey.Form(form, kind)].Template);
                var bare = template.Render(new Dictionary<string, string?> { ["name"] = DisplayText.Ellipsis }, int.MaxValue);
                var length = DisplayText.Length(AlertForms.ExercisePrefix(form, texts) + bare);

                Assert.True(length <= AlertForms.MaxLength(form), $"{language} {form} {kind}: {length}");
            }
        }
    }

    [Fact]
    public void A_malformed_template_is_refused()
    {
        Assert.Throws<FormatException>(() => AlertTemplate.Parse("Missing [1|{name}"));
        Assert.Throws<FormatException>(() => AlertTemplate.Parse("{name} and {name}"));
        Assert.Throws<FormatException>(() => AlertTemplate.Parse("{nmae}"));
    }
}
