using CsCheck;
using EarlyWarning.Domain.Alerts;
using EarlyWarning.Domain.Alerts.Texts;
using Xunit;

namespace EarlyWarning.Domain.Tests.Alerts;

[Trait("Category", "Interop")]
public sealed class AlertFormsTests
{
    // Worst cases in each script: long multi-part names, long place names, long descriptions.
    private static readonly string[] Names =
    [
        "Александра-Магдалена Христијана Стефановска-Трајковска Петрушевска Јовановска Велјаноска Костадиновска",
        "Ëndërrimë Çlirimtare Xhevdetë Shqiponjë-Bardhëçeliku Gjergjikolëzëra Mërgimtarëvetë Përparimtarëçka",
        "Šukrija Čerimovska-Žaklina Šaban Ćamilovski Džemailova Šerifovska Čaušević-Žabarkova Ramadanovskijiova",
        "Mary-Elizabeth Anastasia Alexandra Konstantinidou-Papadopoulou Wolfeschlegelsteinhausenbergerdorff",
        "Ana",
        new string('ж', 200),
    ];

    private static readonly string[] Places =
    [
        "Ohrid",
        "Македонски Брод, Општина Македонски Брод, Југозападен плански регион",
        "Qendra e Komunës së Çairit, Shkup, Rajoni i Shkupit, pranë Çarshisë së Vjetër",
        "Šuto Orizari, Skopje, e Romengi themutni foro ani Evropa",
    ];

    private const string LongDescription =
        "Crvena jakna, sini pantoloni, bela patike; ima mala luznica na levata veѓa. Zboruva makedonski, albanski i romski. " +
        "Последен пат виден во близина на автобуската станица, носи розов ранец со жолти ѕвезди и црна капа. Çanta e kuqe, këpucë të bardha. " +
        "Lake bala, kali jakna thaj lolo kapelo; phirelas karing o parko paše i škola, vakerel romanes thaj makedonski.";

    public static TheoryData<string, AlertForm> LanguagesAndForms()
    {
        var data = new TheoryData<string, AlertForm>();
        foreach (var language in AlertLanguage.All)
        {
            foreach (var form in Enum.GetValues<AlertForm>())
            {
                data.Add(language, form);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LanguagesAndForms))]
    public void Every_kind_age_name_and_place_fits_the_limit_in_whole_words(string language, AlertForm form)
    {
        foreach (var kind in Enum.GetValues<AlertKind>())
        {
            foreach (var exercise in new[] { false, true })
            {
                foreach (var name in Names)
                {
                    foreach (var place in Places)
                    {
                        for (var age = 0; age <= 17; age++)
                        {
                            var facts = new AlertFacts(kind, name, age, place, LongDescription, exercise);
                            AssertFits(form, facts, language);
                        }
                    }
                }
            }
        }
    }

    [Fact]
    public void Generated_names_places_and_descriptions_always_fit_in_whole_words()
    {
        // Letters of every script the pilot writes, a combining diaeresis, and punctuation names carry.
        var letter = Gen.Char["абвгдѓежзѕијклљмнњопрстќуфхцчџшАБВЖЏЌЃëçËÇabcdezčšžćđČŠŽxhqEFGHIJKLMNOPQRSTUVWXYZ-'.,\u0308"];
        var word = Gen.String[letter, 1, 30];
        var words = word.Array[1, 15].Select(w => string.Join(' ', w));
        var gen = Gen.Select(words, Gen.Int[0, 17], words, words.Array[1, 5].Select(d => string.Join(" ", d)), Gen.Int[0, 2], Gen.Bool, Gen.Int[0, AlertLanguage.All.Count - 1]);

        gen.Sample(s =>
        {
            var (name, age, place, description, kind, exercise, which) = s;
            var language = AlertLanguage.All[which];
            var facts = new AlertFacts((AlertKind)kind, name, age, place, description, exercise);
            AssertFits(AlertForm.ShortText, facts, language);
            AssertFits(AlertForm.LongText, facts, language);
        }, iter: 2_000);
    }

    [Theory]
    [InlineData(AlertLanguage.Macedonian, "Исчезнато дете: Elena (7), последно видено кај Охрид. Го видовте? Јавете се на 192.")]
    [InlineData(AlertLanguage.Albanian, "Fëmijë i zhdukur: Elena (7), parë së fundi pranë Ohrid. E patë? Telefononi 192.")]
    [InlineData(AlertLanguage.English, "Missing child: Elena (7), last seen near Ohrid. Seen the child? Call 192.")]
    [InlineData(AlertLanguage.Romani, "Našardo čhavo: Elena (7), palutno dikhlo paše Ohrid. Dikhljen le? Akharen 192.")]
    public void A_short_name_and_place_are_given_whole(string language, string expected)
    {
        var place = language == AlertLanguage.Macedonian ? "Охрид" : "Ohrid";

        Assert.Equal(expected, AlertForms.ShortText(new AlertFacts(AlertKind.New, "Elena", 7, place), language));
    }

    [Fact]
    public void The_place_is_dropped_before_the_age_and_the_age_before_the_name_is_shortened()
    {
        // " Ana" is shorter than " (12)": a name that just loses its age still fits whole.
        const string place = "Qendra e Komunës së Çairit";
        var name = "Marija";
        while (AlertForms.ShortText(new AlertFacts(AlertKind.New, name + " Ana", 12), AlertLanguage.English).Contains("(12)", StringComparison.Ordinal))
        {
            name += " Ana";
        }

        var withoutPlace = AlertForms.ShortText(new AlertFacts(AlertKind.New, name, 12, place), AlertLanguage.English);
        var withoutAge = AlertForms.ShortText(new AlertFacts(AlertKind.New, name + " Ana", 12, place), AlertLanguage.English);
        var shortened = AlertForms.ShortText(new AlertFacts(AlertKind.New, name + " Ana Ana Ana Ana Ana", 12, place), AlertLanguage.English);

        Assert.Equal($"Missing child: {name} (12). Seen the child? Call 192.", withoutPlace);
        Assert.Equal($"Missing child: {name} Ana. Seen the child? Call 192.", withoutAge);
        Assert.StartsWith($"Missing child: {name}", shortened, StringComparison.Ordinal);
        Assert.EndsWith(" Ana… Seen the child? Call 192.", shortened, StringComparison.Ordinal);
        Assert.True(DisplayText.Length(shortened) <= AlertForms.ShortMaxLength);
    }

    [Fact]
    public void A_long_description_is_shortened_at_a_word_boundary_before_anything_else_is_dropped()
    {
        var text = AlertForms.LongText(new AlertFacts(AlertKind.New, "Elena", 7, "Ohrid", LongDescription), AlertLanguage.English);

        Assert.StartsWith("Missing child: Elena, aged 7, last seen near Ohrid. Crvena jakna", text, StringComparison.Ordinal);
        Assert.Contains("… Please keep watch.", text, StringComparison.Ordinal);
        Assert.True(DisplayText.Length(text) >= AlertForms.LongMaxLength - 15, $"the room is used: {DisplayText.Length(text)}");
    }

    [Fact]
    public void A_cancel_names_no_child_whatever_it_is_given()
    {
        foreach (var language in AlertLanguage.All)
        {
            foreach (var form in Enum.GetValues<AlertForm>())
            {
                var text = AlertForms.For(form, new AlertFacts(AlertKind.Cancel, "Elena", 7, "Ohrid", "red jacket"), language);

                Assert.DoesNotContain("Elena", text, StringComparison.Ordinal);
                Assert.DoesNotContain("Ohrid", text, StringComparison.Ordinal);
                Assert.DoesNotContain("jacket", text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Characters_are_counted_as_readers_see_them_and_white_space_is_one_space()
    {
        var decomposed = "Gje\u0308rgj Ç" + "e\u0308";

        Assert.Equal(11, decomposed.Length);
        Assert.Equal(9, DisplayText.Length(decomposed));
        Assert.Equal(decomposed, DisplayText.Clean($" {decomposed}\n"));
        Assert.Equal("a b c", DisplayText.Clean(" a\n\tb   c "));
        Assert.Equal("Ana Marija…", DisplayText.ShortenAtWord("Ana Marija, Petrovska", 12));
        Assert.Equal(DisplayText.Ellipsis, DisplayText.ShortenAtWord("Wolfeschlegelsteinhausenberger", 10));
    }

    private static void AssertFits(AlertForm form, AlertFacts facts, string language)
    {
        var text = AlertForms.For(form, facts, language);
        var length = DisplayText.Length(text);
        Assert.True(length <= AlertForms.MaxLength(form), $"{language} {form} {facts.Kind}: {length} > {AlertForms.MaxLength(form)}: {text}");

        var allowed = Words(AlertTexts.For(language).Values.SelectMany(t => AlertTemplate.Parse(t.Template).OwnText))
            .Concat(Words([facts.ChildName, facts.Place, facts.Description, facts.ChildAge?.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var word in Words([text]))
        {
            Assert.True(allowed.Contains(word), $"'{word}' is not a whole word of the input or the template: {text}");
        }

        if (facts.Exercise)
        {
            Assert.StartsWith(AlertWording.ExerciseMark(language), text, StringComparison.Ordinal);
        }
    }

    /// <summary>Words as a reader reads them: composed, without the punctuation around them.</summary>
    private static IEnumerable<string> Words(IEnumerable<string?> texts) =>
        texts.Select(DisplayText.Clean).OfType<string>()
            .SelectMany(t => t.Split(' '))
            .Select(w => w.Trim('.', ',', ';', ':', '?', '!', '(', ')', '…', '-', '\'', '–', '—'))
            .Where(w => w.Length > 0);
}
