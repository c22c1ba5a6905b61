using EarlyWarning.Domain.Alerts;
using Xunit;

namespace EarlyWarning.Domain.Tests.Alerts;

public sealed class AlertLedgerTests
{
    private readonly HashSet<string> _persisted = new(StringComparer.Ordinal);

    [Fact]
    public void First_alert_is_new_and_every_later_one_an_update()
    {
        var ledger = new AlertLedger(_persisted);

        Assert.Equal(AlertKind.New, ledger.Next("ana"));
        Assert.Equal(AlertKind.Update, ledger.Next("ana"));
        Assert.Equal(AlertKind.Update, ledger.Next("ana"));
        Assert.Equal(AlertKind.New, ledger.Next("besa"));
        Assert.True(ledger.HasAlerted("ana"));
        Assert.False(ledger.HasAlerted("cvetan"));
    }

    [Fact]
    public void Released_subscriber_leaves_the_ledger_and_an_adopted_one_never_gets_a_second_new()
    {
        var left = new AlertLedger(_persisted);
        var joined = new AlertLedger(new HashSet<string>(StringComparer.Ordinal));
        left.Next("ana");

        Assert.True(left.Release("ana"));
        Assert.False(left.Release("ana"));
        Assert.False(left.HasAlerted("ana"));

        joined.Adopt("ana");
        Assert.Equal(AlertKind.Update, joined.Next("ana"));
    }

    [Fact]
    public void Close_for_cancel_owes_everyone_alerted_exactly_once_and_empties_the_ledger()
    {
        var ledger = new AlertLedger(_persisted);
        ledger.Next("ana");
        ledger.Next("ana");
        ledger.Adopt("besa");

        var owed = ledger.CloseForCancel();

        Assert.Equal(["ana", "besa"], owed.Order(StringComparer.Ordinal));
        Assert.Empty(ledger.Alerted);
        Assert.Empty(ledger.CloseForCancel());
    }

    [Fact]
    public void Ledger_writes_through_to_the_set_its_owner_persists()
    {
        var ledger = new AlertLedger(_persisted);

        ledger.Next("ana");
        ledger.Adopt("besa");
        Assert.Equal(["ana", "besa"], _persisted.Order(StringComparer.Ordinal));

        ledger.Release("ana");
        Assert.Equal(["besa"], ledger.Alerted);
        Assert.Equal(["besa"], _persisted);
    }
}
