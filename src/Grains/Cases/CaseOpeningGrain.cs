using EarlyWarning.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EarlyWarning.Grains.Cases;

/// <inheritdoc cref="ICaseOpeningGrain" />
public sealed class CaseOpeningGrain(
    [PersistentState("case-opening", StorageNames.Default)] IPersistentState<CaseOpeningState> state,
    [FromKeyedServices(Clock.Key)] TimeProvider clock,
    IOptions<CaseOptions> options,
    IOptions<RetentionOptions> retention) : Grain, ICaseOpeningGrain, IRemindable
{
    /// <summary>
    /// The reminder that erases the key once its lifetime is over: its answer holds the child's
    /// details, which must not outlive the case's retention in a record nobody reads again.
    /// </summary>
    public const string ForgetReminder = "forget-key";

    private CaseOpeningState S => state.State;

    /// <inheritdoc />
    public async Task<CaseOpeningResult> Open(string fingerprint, string caseId, CaseOpening opening)
    {
        ArgumentException.ThrowIfNullOrEmpty(fingerprint);
        ArgumentException.ThrowIfNullOrEmpty(caseId);
        ArgumentNullException.ThrowIfNull(opening);
        var now = clock.GetUtcNow();

        // A key past its lifetime is forgotten: it may open a new case.
        if (S.Fingerprint is not null && S.Answer is not null && now - S.ClaimedAt > options.Value.IdempotencyKeyLifetime)
        {
            state.State = new CaseOpeningState();
        }

        if (S.Fingerprint is not null && S.Fingerprint != fingerprint)
        {
            return new CaseOpeningResult(CaseOpeningOutcome.KeyReused, null);
        }

        if (S.Answer is { } answer)
        {
            return new CaseOpeningResult(CaseOpeningOutcome.Replayed, answer);
        }

        // The claim is stored before the case is opened, so a retry after a failure in between
        // opens the same case id (opening an open case returns it) rather than a second one.
        var replay = S.CaseId is not null;
        if (!replay)
        {
            S.Fingerprint = fingerprint;
            S.CaseId = caseId;
            S.ClaimedAt = now;
            await state.WriteStateAsync();
        }

        // Before the answer is stored: a failure here fails this call, and its retry registers again.
        var period = retention.Value.CheckPeriod;
        await this.RegisterOrUpdateReminder(ForgetReminder, period, period);
        S.Answer = await GrainFactory.GetGrain<ICaseGrain>(S.CaseId!).Open(opening);
        await state.WriteStateAsync();
        return new CaseOpeningResult(replay ? CaseOpeningOutcome.Replayed : CaseOpeningOutcome.Opened, S.Answer);
    }

    /// <summary>Every retention check: a key past its lifetime (on the domain clock) is erased from storage, and the reminder goes.</summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ForgetReminder || (S.Fingerprint is not null && clock.GetUtcNow() - S.ClaimedAt <= options.Value.IdempotencyKeyLifetime))
        {
            return;
        }

        if (state.RecordExists)
        {
            await state.ClearStateAsync();
        }

        if (await this.GetReminder(ForgetReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }
}
