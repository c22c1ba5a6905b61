using EarlyWarning.Domain.Cases;
using EarlyWarning.Grains.Photos;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EarlyWarning.Grains.Cases;

/// <summary>
/// Retention, apart from the rest of the case's life: a resolved case registers the
/// <see cref="RetentionReminder"/>, which erases the reporters' contacts and later everything
/// personal as <see cref="RetentionSchedule"/> says, on the domain clock; once nothing is left
/// the reminder goes.
/// </summary>
public sealed partial class CaseGrain
{
    /// <summary>The reminder that purges a resolved case's personal data on schedule (see <see cref="RetentionOptions"/>).</summary>
    public const string RetentionReminder = "retention";

    private RetentionOptions Retention => ServiceProvider.GetRequiredService<IOptions<RetentionOptions>>().Value;

    /// <inheritdoc />
    public async Task ApplyRetention()
    {
        if (!IsOpen)
        {
            return;
        }

        var due = RetentionSchedule.Due(CasePurge.ResolvedAt(S), Now, Retention.ReporterContact, Retention.ResolvedCase);
        var changed = due switch
        {
            RetentionStep.Everything => await PurgeEverything(),
            RetentionStep.ReporterContacts => CasePurge.EraseContacts(S, Now),
            _ => false,
        };

        if (changed)
        {
            try
            {
                // Sealed pages hold sightings and timeline entries too: they are rewritten, not left behind.
                await _journal!.Rewrite(S);
                await Save();
                await _journal.ClearUncounted(S);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Erased in memory only: the next check must start from what storage still holds.
                DeactivateOnIdle();
                throw;
            }

            await UpdateDirectory();
            await Published();
            CaseLog.RetentionApplied(logger, CaseId, due);
        }

        if (CasePurge.Done(S))
        {
            // The case list's line (the child's name) goes before the reminder that would retry it.
            if (_directoryOwed)
            {
                await UpdateDirectory();
            }

            // Again at each check until it went through: the reminder stays while this fails.
            await _journal!.ClearUncounted(S);
            await Forget(RetentionReminder);
        }
    }

    /// <summary>The photo goes before the state that names it is stored: a failure in between leaves the purge to the next tick.</summary>
    private async Task<bool> PurgeEverything()
    {
        if (CasePurge.Done(S))
        {
            return false;
        }

        foreach (var photo in S.ReplacedPhotos.Concat(S.UploadedPhotos))
        {
            await GrainFactory.GetGrain<IPhotoGrain>(photo).Delete();
        }

        if (CasePurge.PhotoId(S) is { } photoId)
        {
            await GrainFactory.GetGrain<IPhotoGrain>(photoId).Delete();
        }

        return CasePurge.EraseAll(S, Now);
    }

    /// <summary>
    /// Deletes the photos the child's photo replaced. One whose delete fails stays listed, for the
    /// wake-up, the next photo or at the latest the purge; the list is stored with the next write
    /// (a photo deleted twice is no harm).
    /// </summary>
    private async Task DeleteReplacedPhotos()
    {
        foreach (var replaced in S.ReplacedPhotos.ToArray())
        {
            try
            {
                await GrainFactory.GetGrain<IPhotoGrain>(replaced).Delete();
                S.ReplacedPhotos.Remove(replaced);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                CaseLog.ReplacedPhotoNotDeleted(logger, ex, CaseId);
            }
        }
    }

    /// <summary>
    /// Registers the retention reminder once for a resolved case not yet purged; never re-registers
    /// one already there, which would push its next tick away on every activation. False when the
    /// registration failed: the caller then keeps the wake-up reminder, whose next tick tries again
    /// (with neither, nothing would ever wake the case to purge it).
    /// </summary>
    private async Task<bool> KeepForRetention()
    {
        if (!IsOpen || S.Status != CaseStatus.Resolved || CasePurge.Done(S))
        {
            return true;
        }

        try
        {
            if (await this.GetReminder(RetentionReminder) is null)
            {
                var period = Retention.CheckPeriod;
                await this.RegisterOrUpdateReminder(RetentionReminder, period, period);
            }

            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            CaseLog.RetentionNotRegistered(logger, ex, CaseId);
            return false;
        }
    }

    private async Task Forget(string reminderName)
    {
        if (await this.GetReminder(reminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }
}
