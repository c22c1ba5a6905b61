using EarlyWarning.Domain.Partners;
using EarlyWarning.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EarlyWarning.Grains.Partners;

/// <inheritdoc cref="IPartnerGrain" />
public sealed class PartnerGrain(
    [PersistentState("partner", StorageNames.Default)] IPersistentState<PartnerState> state,
    [FromKeyedServices(Clock.Key)] TimeProvider clock,
    IPartnerTransport transport,
    IOptions<PartnerOptions> options,
    ILogger<PartnerGrain> logger) : Grain, IPartnerGrain, IRemindable
{
    /// <summary>Wakes the grain after a restart while its outbox holds anything; the timer does the precise waits.</summary>
    internal const string OutboxReminder = "partner-outbox";

    // A timer may fire a little before the instant it was set for.
    private static readonly TimeSpan Early = TimeSpan.FromMilliseconds(50);

    private IGrainTimer? _timer;

    private PartnerState S => state.State;

    private string PartnerId => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Schedule();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task Register(PartnerRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        if (S.Registration is not null)
        {
            return;
        }

        S.Registration = registration;
        await state.WriteStateAsync();
    }

    /// <inheritdoc />
    public async Task<bool> Remove()
    {
        if (S.Registration is null)
        {
            return false;
        }

        _timer?.Dispose();
        await state.ClearStateAsync();
        await Sleep();
        return true;
    }

    /// <inheritdoc />
    public Task<PartnerProfile?> GetProfile() => Task.FromResult(S.Registration?.Profile);

    /// <inheritdoc />
    public async Task<bool> Offer(PartnerMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (S.Registration is null || (S.Offered.TryGetValue(message.CaseId, out var last) && last >= message.Rank))
        {
            return false;
        }

        S.Offered[message.CaseId] = message.Rank;
        S.Pending.RemoveAll(p => p.Message.CaseId == message.CaseId);
        S.Pending.Add(new PendingDelivery("d-" + Guid.NewGuid().ToString("N"), message, 0, clock.GetUtcNow()));
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Not stored: memory must not say "offered", or the sweep's next offer would be refused
            // and the message never sent. The next call reloads what storage holds.
            DeactivateOnIdle();
            throw;
        }

        await KeepAwake();
        Schedule();
        return true;
    }

    /// <inheritdoc />
    public Task<DeliveryAttempt[]?> GetDeliveries() =>
        Task.FromResult(S.Registration is null ? null : Enumerable.Reverse(S.Attempts).ToArray());

    /// <inheritdoc />
    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        reminderName == OutboxReminder ? DeliverDue() : Task.CompletedTask;

    /// <summary>Sends every message now due, once each, in the order queued; then waits for the next.</summary>
    private async Task DeliverDue()
    {
        var registration = S.Registration;
        var now = clock.GetUtcNow();
        var due = S.Pending.Where(p => p.NextAttemptAt <= now + Early).ToList();
        foreach (var pending in due)
        {
            if (registration is null)
            {
                break;
            }

            var at = clock.GetUtcNow();
            PartnerAnswer answer;
            try
            {
                answer = await transport.Send(registration, pending.DeliveryId, pending.Message.Body, at, CancellationToken.None);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Whatever went wrong is this attempt's failure; the outbox and its timer carry on.
                answer = new PartnerAnswer(null, ex.Message);
            }

            Record(pending, pending.Attempts + 1, at, answer);
        }

        if (due.Count > 0 && S.Registration is not null)
        {
            await state.WriteStateAsync();
        }

        if (S.Pending.Count == 0)
        {
            await Sleep();
        }

        Schedule();
    }

    /// <summary>Keeps the attempt; the message leaves the outbox when accepted or when its next attempt would come after it expires.</summary>
    private void Record(PendingDelivery pending, int attempt, DateTimeOffset at, PartnerAnswer answer)
    {
        var o = options.Value;
        var message = pending.Message;
        DateTimeOffset? next = answer.Accepted ? null : at + RetryBackoff.After(attempt, o.FirstRetryDelay, o.MaxRetryDelay);
        if (next > message.Expires)
        {
            next = null;
            PartnerLog.Expired(logger, PartnerId, message.MessageId, pending.DeliveryId, attempt);
        }
        else if (answer.Accepted)
        {
            PartnerLog.Delivered(logger, PartnerId, message.MessageId, pending.DeliveryId, attempt);
        }
        else
        {
            PartnerLog.Failed(logger, PartnerId, message.MessageId, pending.DeliveryId, attempt, answer.StatusCode, answer.Error);
        }

        S.Attempts.Add(new DeliveryAttempt(pending.DeliveryId, message.MessageId, message.CaseId, message.MsgType, attempt, at, answer.StatusCode, answer.Error, next));
        if (S.Attempts.Count > o.AttemptsKept)
        {
            S.Attempts.RemoveRange(0, S.Attempts.Count - o.AttemptsKept);
        }

        var index = S.Pending.FindIndex(p => p.DeliveryId == pending.DeliveryId);
        if (index < 0)
        {
            return;
        }

        if (next is { } nextAt)
        {
            S.Pending[index] = pending with { Attempts = attempt, NextAttemptAt = nextAt };
        }
        else
        {
            S.Pending.RemoveAt(index);
        }
    }

    /// <summary>One timer for the earliest next attempt (none when the outbox is empty).</summary>
    private void Schedule()
    {
        _timer?.Dispose();
        _timer = null;
        if (S.Pending.Count == 0)
        {
            return;
        }

        var wait = S.Pending.Min(p => p.NextAttemptAt) - clock.GetUtcNow();
        _timer = this.RegisterGrainTimer(
            _ => DeliverDue(),
            new GrainTimerCreationOptions(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    /// <summary>A stored reminder outlives this activation and this process; a failing reminder store must not fail the offer.</summary>
    private async Task KeepAwake()
    {
        try
        {
            await this.RegisterOrUpdateReminder(OutboxReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            PartnerLog.ReminderNotRegistered(logger, ex, PartnerId);
        }
    }

    private async Task Sleep()
    {
        if (await this.GetReminder(OutboxReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }
}
