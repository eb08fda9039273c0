using System.Globalization;

namespace PlanBot.Plans;

/// <summary>
/// Every change of a task after it was created, each with its rule, each appending one row to the append-only
/// <see cref="PlanTask.History"/> and returning it. Chat, the CLI and the import call these; nothing else sets the
/// fields they own. Never saves: the caller's unit of work does. <paramref name="memberId"/> arguments are null for
/// the system (an import, the CLI without a member).
/// </summary>
public sealed partial class PlanTask
{
    /// <summary>A percent, a value toward the target, done, or a note.</summary>
    public ProgressUpdate RecordProgress(ProgressInput input, int? memberId, UpdateChannel channel, DateTime nowUtc)
    {
        var update = NewEntry(UpdateKind.Note, memberId, channel, nowUtc, input.Note);
        switch (input.Kind)
        {
            case ProgressKind.Done:
                Status = PlanTaskStatus.Done;
                ProgressPercent = 100;
                BlockedReason = null;
                DoneAtUtc = nowUtc;
                update.Kind = UpdateKind.Done;
                update.Percent = 100;
                break;
            case ProgressKind.Percent or ProgressKind.Value:
                // Progress means work goes on: a blocker is over, a task marked done by mistake is open again, and a
                // request to close it (待销号) is withdrawn: the owner no longer says it is finished.
                if (Status == PlanTaskStatus.Done)
                {
                    Append(NewEntry(UpdateKind.Reopened, memberId, channel, nowUtc, null));
                }

                Status = PlanTaskStatus.Open;
                BlockedReason = null;
                DoneAtUtc = null;
                ProgressPercent = input.Percent;
                update.Kind = UpdateKind.Progress;
                update.Percent = input.Percent;
                if (input.Kind == ProgressKind.Value)
                {
                    CurrentValue = input.Value;
                    update.Value = input.Value;
                }
                else if (HasTarget)
                {
                    // A percent (a button, "60%") on a task with a target moves the value with it, so the two agree.
                    CurrentValue = Math.Round(TargetValue!.Value * input.Percent / 100m, 2, MidpointRounding.AwayFromZero);
                    update.Value = CurrentValue;
                }

                break;
        }

        LastUpdateAtUtc = nowUtc;
        return Append(update);
    }

    /// <summary>
    /// Whether <paramref name="input"/> says the task is finished: done, or progress that reaches 100 %. Where close-outs
    /// are reviewed (<see cref="CloseOutOptions.RequireReview"/>) such an input is a request to close
    /// (<see cref="RequestCloseOut"/>), not progress.
    /// </summary>
    public static bool ClaimsFinished(ProgressInput input) =>
        input.Kind == ProgressKind.Done || (input.Kind is ProgressKind.Percent or ProgressKind.Value && input.Percent >= 100);

    /// <summary>Why the owner cannot ask to close the task now, or <see cref="CloseOutRefusal.None"/>.</summary>
    public CloseOutRefusal CloseOutRequestRefusal() => Status switch
    {
        PlanTaskStatus.Done => CloseOutRefusal.AlreadyDone,
        PlanTaskStatus.CloseRequested => CloseOutRefusal.AlreadyRequested,
        _ => CloseOutRefusal.None,
    };

    /// <summary>
    /// 申请销号: the owner reports the task finished (done, or 100 %, <see cref="ClaimsFinished"/>) and asks a supervisor
    /// to close it. Progress shows 100 % while it waits (待销号); the task is not done until <see cref="ConfirmCloseOut"/>.
    /// A value toward the target moves the value, a percent on a task with a target moves the value to the target, as
    /// progress does. Only when <see cref="CloseOutRequestRefusal"/> is <see cref="CloseOutRefusal.None"/>.
    /// </summary>
    public ProgressUpdate RequestCloseOut(ProgressInput input, int? memberId, UpdateChannel channel, DateTime nowUtc)
    {
        if (!ClaimsFinished(input) || CloseOutRequestRefusal() is var refusal and not CloseOutRefusal.None)
        {
            throw new InvalidOperationException($"Task {Code} ({Status}) cannot be asked to close with {input.Kind} {input.Percent}.");
        }

        var entry = NewEntry(UpdateKind.CloseOutRequested, memberId, channel, nowUtc, input.Note);
        entry.Percent = 100;
        if (input.Kind == ProgressKind.Value)
        {
            CurrentValue = input.Value;
            entry.Value = input.Value;
        }
        else if (input.Kind == ProgressKind.Percent && HasTarget)
        {
            CurrentValue = TargetValue;
            entry.Value = TargetValue;
        }

        Status = PlanTaskStatus.CloseRequested;
        ProgressPercent = 100;
        BlockedReason = null;
        DoneAtUtc = null;
        LastUpdateAtUtc = nowUtc;
        return Append(entry);
    }

    /// <summary>
    /// Why <paramref name="memberId"/> cannot decide the task's close-out now, or <see cref="CloseOutRefusal.None"/>:
    /// only a task awaiting close-out is decided, and never by one of its owners or by who asked (a supervisor who owns a
    /// task does not close it). Role checks are the caller's; null is the CLI. Needs <see cref="History"/> loaded.
    /// </summary>
    public CloseOutRefusal CloseOutDecisionRefusal(int? memberId)
    {
        if (Status != PlanTaskStatus.CloseRequested)
        {
            return CloseOutRefusal.NotRequested;
        }

        return memberId is { } id && (IsOwnedBy(id) || PendingCloseOut()?.MemberId == id) ? CloseOutRefusal.OwnTask : CloseOutRefusal.None;
    }

    /// <summary>
    /// 销号: a supervisor confirms the task finished; now it is done. Only when <see cref="CloseOutDecisionRefusal"/> is
    /// <see cref="CloseOutRefusal.None"/>. Needs <see cref="History"/> loaded.
    /// </summary>
    public ProgressUpdate ConfirmCloseOut(int? memberId, UpdateChannel channel, DateTime nowUtc)
    {
        EnsureDecidable(memberId);
        Status = PlanTaskStatus.Done;
        ProgressPercent = 100;
        DoneAtUtc = nowUtc;
        var entry = NewEntry(UpdateKind.ClosedOut, memberId, channel, nowUtc, null);
        entry.Percent = 100;
        return Append(entry);
    }

    /// <summary>
    /// 退回: a supervisor sends the request back with a reason. The task is open again with the progress it had before the
    /// request (and the value, when the request moved it): the supervisor found it not finished, so the 100 % the request
    /// showed is not kept, and the light judges the task against its schedule again. Only when
    /// <see cref="CloseOutDecisionRefusal"/> is <see cref="CloseOutRefusal.None"/>. Needs <see cref="History"/> loaded.
    /// </summary>
    public ProgressUpdate ReturnCloseOut(string reason, int? memberId, UpdateChannel channel, DateTime nowUtc)
    {
        reason = PlainText.Clean(reason).Trim();
        if (reason.Length == 0)
        {
            throw new ArgumentException("A close-out is sent back with a reason.", nameof(reason));
        }

        var request = EnsureDecidable(memberId);
        var before = History.Where(h => h != request && IsBefore(h, request)).OrderBy(h => h.AtUtc).ThenBy(h => h.Id).ToList();
        Status = PlanTaskStatus.Open;
        ProgressPercent = before.LastOrDefault(h => h.Percent is not null)?.Percent ?? 0;
        var entry = NewEntry(UpdateKind.CloseOutReturned, memberId, channel, nowUtc, reason);
        entry.Percent = ProgressPercent;
        if (request.Value is not null)
        {
            CurrentValue = before.LastOrDefault(h => h.Value is not null)?.Value;
            entry.Value = CurrentValue;
        }

        return Append(entry);
    }

    /// <summary>The request a task awaiting close-out waits on: its last 申请销号 row. Needs <see cref="History"/> loaded.</summary>
    public ProgressUpdate? PendingCloseOut() =>
        Status == PlanTaskStatus.CloseRequested
            ? History.Where(h => h.Kind == UpdateKind.CloseOutRequested).OrderBy(h => h.AtUtc).ThenBy(h => h.Id == 0 ? long.MaxValue : h.Id).LastOrDefault()
            : null;

    private ProgressUpdate EnsureDecidable(int? memberId)
    {
        if (CloseOutDecisionRefusal(memberId) is var refusal and not CloseOutRefusal.None)
        {
            throw new InvalidOperationException($"The close-out of task {Code} ({Status}) cannot be decided by member {memberId}: {refusal}.");
        }

        return PendingCloseOut() ?? throw new InvalidOperationException($"Task {Code} awaits close-out but its history has no request: load History first.");
    }

    private static bool IsBefore(ProgressUpdate a, ProgressUpdate b) =>
        a.AtUtc < b.AtUtc || (a.AtUtc == b.AtUtc && a.Id != 0 && (b.Id == 0 || a.Id < b.Id));

    /// <summary>The owner reports a blocker; the task stays blocked until progress is reported again.</summary>
    public ProgressUpdate Block(string reason, int? memberId, UpdateChannel channel, DateTime nowUtc)
    {
        reason = PlainText.Clean(reason);
        Status = PlanTaskStatus.Blocked;
        BlockedReason = reason;
        DoneAtUtc = null;
        LastUpdateAtUtc = nowUtc;
        return Append(NewEntry(UpdateKind.Blocked, memberId, channel, nowUtc, reason));
    }

    /// <summary>
    /// An owner asks for a later deadline. The caller adds the returned request to the database (a task does not
    /// hold its requests); the deadline only moves when a supervisor approves it.
    /// </summary>
    public ExtensionRequest RequestExtension(DateOnly deadline, string reason, int memberId, UpdateChannel channel, DateTime nowUtc)
    {
        reason = PlainText.Clean(reason);
        LastUpdateAtUtc = nowUtc;
        var entry = NewEntry(UpdateKind.ExtensionRequested, memberId, channel, nowUtc, reason);
        entry.Deadline = deadline;
        Append(entry);
        return new ExtensionRequest
        {
            Task = this,
            TaskId = Id,
            RequestedById = memberId,
            RequestedDeadline = deadline,
            Reason = reason,
            Status = ExtensionStatus.Pending,
            CreatedAtUtc = nowUtc,
        };
    }

    /// <summary>
    /// Why approving <paramref name="request"/> now would be wrong, or <see cref="ExtensionConflict.None"/>. An approval
    /// may only move the deadline later, and only when the supervisor decided knowing the current deadline:
    /// <paramref name="shownDeadline"/> is the deadline the supervisor was shown with the request (the decision
    /// button carries it); when it is unknown (a button made before buttons carried it), any deadline change recorded
    /// in <see cref="PlanTask.History"/> after the request counts, so that history must be loaded.
    /// </summary>
    public ExtensionConflict ApprovalConflict(ExtensionRequest request, DateOnly? shownDeadline)
    {
        if (request.RequestedDeadline <= Deadline)
        {
            return ExtensionConflict.NotLater;
        }

        var changedSince = shownDeadline is { } shown
            ? shown != Deadline
            : History.Any(h => h.Kind is UpdateKind.DeadlineChanged or UpdateKind.ExtensionApproved && h.AtUtc >= request.CreatedAtUtc);
        return changedSince ? ExtensionConflict.DeadlineChangedSince : ExtensionConflict.None;
    }

    /// <summary>
    /// A supervisor decides a pending request once; approving moves the deadline (the first one is kept). An approval
    /// with an <see cref="ApprovalConflict"/> is not allowed: the caller asks that first and answers instead.
    /// </summary>
    public ProgressUpdate DecideExtension(
        ExtensionRequest request, bool approve, int memberId, UpdateChannel channel, DateTime nowUtc, DateOnly? shownDeadline = null)
    {
        if (request.TaskId != Id || request.Status != ExtensionStatus.Pending)
        {
            throw new InvalidOperationException($"Extension request {request.Id} is not a pending request of task {Code}.");
        }

        if (approve && ApprovalConflict(request, shownDeadline) is var conflict and not ExtensionConflict.None)
        {
            throw new InvalidOperationException(
                $"Extension request {request.Id} of task {Code} to {Iso(request.RequestedDeadline)} cannot be approved: {conflict} (deadline {Iso(Deadline)}).");
        }

        request.Status = approve ? ExtensionStatus.Approved : ExtensionStatus.Refused;
        request.DecidedById = memberId;
        request.DecidedAtUtc = nowUtc;
        if (approve)
        {
            SetDeadline(request.RequestedDeadline);
        }

        var entry = NewEntry(approve ? UpdateKind.ExtensionApproved : UpdateKind.ExtensionRefused, memberId, channel, nowUtc, null);
        entry.Deadline = request.RequestedDeadline;
        return Append(entry);
    }

    /// <summary>
    /// An admin (CLI) or a plan file moves the deadline; null when it is already <paramref name="deadline"/>. A deadline
    /// someone chose is a confirmed one, no longer the seed's default.
    /// </summary>
    public ProgressUpdate? MoveDeadline(DateOnly deadline, int? memberId, UpdateChannel channel, DateTime nowUtc)
    {
        if (deadline == Deadline)
        {
            return null;
        }

        var entry = NewEntry(UpdateKind.DeadlineChanged, memberId, channel, nowUtc, $"{Iso(Deadline)} → {Iso(deadline)}");
        entry.Deadline = deadline;
        SetDeadline(deadline);
        IsDefaultSchedule = false;
        return Append(entry);
    }

    /// <summary>
    /// Sets the owner and, when <paramref name="coOwners"/> is given, replaces the co-owners with them; the owner is
    /// never also a co-owner. Null when nothing changes. Needs <see cref="Owner"/> and the co-owners' members loaded.
    /// </summary>
    public ProgressUpdate? Assign(Member? owner, IReadOnlyCollection<Member>? coOwners, int? memberId, UpdateChannel channel, DateTime nowUtc)
    {
        var removed = CoOwners
            .Where(c => IsSame(c.Member!, owner) || (coOwners is not null && !coOwners.Any(m => IsSame(m, c.Member!))))
            .ToList();
        var added = (coOwners ?? [])
            .Where(m => !IsSame(m, owner) && !CoOwners.Any(c => IsSame(m, c.Member!)))
            .DistinctBy(m => m.Id == 0 ? (object)m : m.Id)
            .ToList();
        var ownerChanged = !IsSame(Owner, owner) && !(owner is { Id: > 0 } && OwnerId == owner.Id);
        if (!ownerChanged && removed.Count == 0 && added.Count == 0)
        {
            return null;
        }

        var note = new List<string>();
        if (ownerChanged)
        {
            note.Add($"责任人 owner: {Owner?.Name ?? "—"} → {owner?.Name ?? "—"}");
        }

        if (removed.Count + added.Count > 0)
        {
            note.Add("协办 co-owners: " + string.Join(", ", added.Select(m => "+" + m.Name).Concat(removed.Select(c => "−" + c.Member!.Name))));
        }

        // Removing a co-owner from the collection deletes its row (a co-owner cannot exist without its task).
        foreach (var gone in removed)
        {
            CoOwners.Remove(gone);
        }

        CoOwners.AddRange(added.Select(m => new TaskCoOwner { TaskId = Id, Member = m }));
        Owner = owner;
        IsDefaultSchedule = false;
        return Append(NewEntry(UpdateKind.Assigned, memberId, channel, nowUtc, string.Join("; ", note)));
    }

    private void SetDeadline(DateOnly deadline)
    {
        OriginalDeadline ??= Deadline;
        Deadline = deadline;
    }

    /// <summary>
    /// A 提示单 or 督办单 about the task was issued (<see cref="UpdateKind.NoticeIssued"/>), signed for or replied to,
    /// <paramref name="note"/> naming it. A notice does not change the task, so its card's buttons stay current (the
    /// <see cref="Version"/> is not counted up); an owner's reply is news from them, so the task is not stale after it.
    /// </summary>
    public ProgressUpdate RecordNotice(UpdateKind kind, string note, int? memberId, UpdateChannel channel, DateTime nowUtc)
    {
        if (kind is not (UpdateKind.NoticeIssued or UpdateKind.NoticeSigned or UpdateKind.NoticeReplied))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a notice entry.");
        }

        if (kind == UpdateKind.NoticeReplied)
        {
            LastUpdateAtUtc = nowUtc;
        }

        var entry = NewEntry(kind, memberId, channel, nowUtc, note);
        History.Add(entry);
        return entry;
    }

    private ProgressUpdate NewEntry(UpdateKind kind, int? memberId, UpdateChannel channel, DateTime nowUtc, string? note) =>
        new() { TaskId = Id, MemberId = memberId, AtUtc = nowUtc, Kind = kind, Channel = channel, Note = PlainText.CleanOrNull(note) };

    private ProgressUpdate Append(ProgressUpdate entry)
    {
        History.Add(entry);
        Version++;
        return entry;
    }

    /// <summary>The same member: the same tracked object, or the same stored row.</summary>
    private static bool IsSame(Member? a, Member? b) =>
        ReferenceEquals(a, b) || (a is not null && b is not null && a.Id != 0 && a.Id == b.Id);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>Why a close-out cannot be asked for or decided now.</summary>
public enum CloseOutRefusal
{
    None,

    /// <summary>Asking: the task is done already.</summary>
    AlreadyDone,

    /// <summary>Asking: the task already awaits close-out.</summary>
    AlreadyRequested,

    /// <summary>Deciding: the task does not await close-out (never asked, already decided, or withdrawn by new progress).</summary>
    NotRequested,

    /// <summary>Deciding: the member owns or co-owns the task, or asked for its close-out; someone else decides.</summary>
    OwnTask,
}

/// <summary>Why an extension request cannot be approved as it stands.</summary>
public enum ExtensionConflict
{
    None,

    /// <summary>The requested date is not after the current deadline: approving would keep or shorten it.</summary>
    NotLater,

    /// <summary>The deadline changed after the supervisor was shown the request: ask again with the current one.</summary>
    DeadlineChangedSince,
}
