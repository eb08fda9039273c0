using PlanBot.Plans;

namespace PlanBot.Tests.Plans;

/// <summary>The rules of <see cref="PlanTask"/>'s own change methods, each checked with the history row it appends.</summary>
public sealed class PlanTaskChangesTests
{
    private static readonly DateTime Now = new(2024, 6, 17, 2, 0, 0, DateTimeKind.Utc);
    private static readonly Member Lead = new() { Id = 1, Name = "投资科负责人" };
    private static readonly Member Deputy = new() { Id = 2, Name = "产业科负责人" };
    private static readonly Member Clerk = new() { Id = 3, Name = "综合科负责人" };

    private static PlanTask Task() => new()
    {
        Id = 7,
        Code = "K-01",
        Title = "挖掘固投潜力",
        StartDate = new DateOnly(2024, 1, 1),
        Deadline = new DateOnly(2024, 12, 31),
        IsDefaultSchedule = true,
    };

    [Fact]
    public void Progress_on_a_done_task_reopens_it_and_says_so_in_the_history()
    {
        var task = Task();
        task.RecordProgress(new ProgressInput(ProgressKind.Done), Lead.Id, UpdateChannel.Command, Now);

        var entry = task.RecordProgress(new ProgressInput(ProgressKind.Percent, 80, Note: "补充验收"), Lead.Id, UpdateChannel.Reply, Now.AddHours(1));

        Assert.Equal(PlanTaskStatus.Open, task.Status);
        Assert.Null(task.DoneAtUtc);
        Assert.Equal(80, task.ProgressPercent);
        Assert.Equal([UpdateKind.Done, UpdateKind.Reopened, UpdateKind.Progress], task.History.Select(h => h.Kind));
        Assert.Same(task.History[^1], entry);
        Assert.Equal((80, "补充验收", UpdateChannel.Reply, 1), (entry.Percent!.Value, entry.Note!, entry.Channel, entry.MemberId!.Value));
        Assert.Equal(Now.AddHours(1), task.LastUpdateAtUtc);
    }

    [Fact]
    public void Done_and_100_percent_claim_the_task_finished_and_less_does_not()
    {
        Assert.True(PlanTask.ClaimsFinished(new ProgressInput(ProgressKind.Done)));
        Assert.True(PlanTask.ClaimsFinished(new ProgressInput(ProgressKind.Percent, 100)));
        Assert.True(PlanTask.ClaimsFinished(new ProgressInput(ProgressKind.Value, 100, 10000m)));
        Assert.False(PlanTask.ClaimsFinished(new ProgressInput(ProgressKind.Percent, 99)));
        Assert.False(PlanTask.ClaimsFinished(new ProgressInput(ProgressKind.Note, Note: "完成验收准备")));
    }

    [Fact]
    public void A_request_to_close_shows_100_percent_and_waits_and_a_confirmation_makes_it_done()
    {
        var task = Task();
        task.RecordProgress(new ProgressInput(ProgressKind.Percent, 60), Lead.Id, UpdateChannel.Command, Now);

        var request = task.RequestCloseOut(new ProgressInput(ProgressKind.Done, Note: "已验收"), Lead.Id, UpdateChannel.Command, Now.AddHours(1));

        Assert.Equal((PlanTaskStatus.CloseRequested, 100, (DateTime?)null), (task.Status, task.ProgressPercent, task.DoneAtUtc));
        Assert.Equal((UpdateKind.CloseOutRequested, 100, "已验收", 1), (request.Kind, request.Percent!.Value, request.Note!, request.MemberId!.Value));
        Assert.Equal(Now.AddHours(1), task.LastUpdateAtUtc);
        Assert.Same(request, task.PendingCloseOut());
        Assert.Equal(CloseOutRefusal.AlreadyRequested, task.CloseOutRequestRefusal());

        var closed = task.ConfirmCloseOut(Clerk.Id, UpdateChannel.Button, Now.AddHours(2));

        Assert.Equal((PlanTaskStatus.Done, 100, Now.AddHours(2)), (task.Status, task.ProgressPercent, task.DoneAtUtc!.Value));
        Assert.Equal((UpdateKind.ClosedOut, 3), (closed.Kind, closed.MemberId!.Value));
        Assert.Equal([UpdateKind.Progress, UpdateKind.CloseOutRequested, UpdateKind.ClosedOut], task.History.Select(h => h.Kind));
        Assert.Equal(CloseOutRefusal.AlreadyDone, task.CloseOutRequestRefusal());
        Assert.Equal(CloseOutRefusal.NotRequested, task.CloseOutDecisionRefusal(Clerk.Id));
        Assert.Throws<InvalidOperationException>(() => task.ConfirmCloseOut(Clerk.Id, UpdateChannel.Button, Now.AddHours(3)));
        Assert.Equal(3, task.History.Count);
    }

    [Fact]
    public void Sending_a_request_back_reopens_the_task_at_its_earlier_progress_and_value_with_the_reason()
    {
        var task = Task();
        task.TargetValue = 10000m;
        task.RecordProgress(new ProgressInput(ProgressKind.Value, 52, 5200m), Lead.Id, UpdateChannel.Command, Now);
        task.RequestCloseOut(new ProgressInput(ProgressKind.Value, 100, 10000m), Lead.Id, UpdateChannel.Reply, Now.AddHours(1));
        Assert.Equal((100, 10000m), (task.ProgressPercent, task.CurrentValue!.Value));

        var returned = task.ReturnCloseOut(" 验收材料不全 ", Clerk.Id, UpdateChannel.Reply, Now.AddHours(2));

        Assert.Equal((PlanTaskStatus.Open, 52, 5200m), (task.Status, task.ProgressPercent, task.CurrentValue!.Value));
        Assert.Equal((UpdateKind.CloseOutReturned, "验收材料不全", 52, 5200m), (returned.Kind, returned.Note!, returned.Percent!.Value, returned.Value!.Value));
        Assert.Null(task.PendingCloseOut());
        Assert.Equal(CloseOutRefusal.None, task.CloseOutRequestRefusal());
        Assert.Throws<InvalidOperationException>(() => task.ReturnCloseOut("再退一次", Clerk.Id, UpdateChannel.Reply, Now.AddHours(3)));
    }

    [Fact]
    public void A_task_never_given_progress_is_sent_back_to_0_percent_and_a_reason_is_required()
    {
        var task = Task();
        task.RequestCloseOut(new ProgressInput(ProgressKind.Done), Lead.Id, UpdateChannel.Command, Now);

        Assert.Throws<ArgumentException>(() => task.ReturnCloseOut(" \u2067 ", Clerk.Id, UpdateChannel.Cli, Now));
        Assert.Equal(PlanTaskStatus.CloseRequested, task.Status);

        task.ReturnCloseOut("尚未验收", null, UpdateChannel.Cli, Now.AddHours(1));
        Assert.Equal((PlanTaskStatus.Open, 0), (task.Status, task.ProgressPercent));
    }

    [Fact]
    public void Owners_and_whoever_asked_do_not_decide_a_close_out()
    {
        var task = Task();
        task.OwnerId = Lead.Id;
        task.CoOwners.Add(new TaskCoOwner { TaskId = task.Id, MemberId = Deputy.Id });
        task.RequestCloseOut(new ProgressInput(ProgressKind.Done), Clerk.Id, UpdateChannel.Command, Now);

        Assert.Equal(CloseOutRefusal.OwnTask, task.CloseOutDecisionRefusal(Lead.Id));
        Assert.Equal(CloseOutRefusal.OwnTask, task.CloseOutDecisionRefusal(Deputy.Id));
        Assert.Equal(CloseOutRefusal.OwnTask, task.CloseOutDecisionRefusal(Clerk.Id));
        Assert.Equal(CloseOutRefusal.None, task.CloseOutDecisionRefusal(99));
        Assert.Equal(CloseOutRefusal.None, task.CloseOutDecisionRefusal(null));
        Assert.Throws<InvalidOperationException>(() => task.ConfirmCloseOut(Lead.Id, UpdateChannel.Button, Now));
        Assert.Equal(PlanTaskStatus.CloseRequested, task.Status);
    }

    [Fact]
    public void Progress_or_a_blocker_while_awaiting_close_out_withdraws_the_request()
    {
        var task = Task();
        task.RequestCloseOut(new ProgressInput(ProgressKind.Done), Lead.Id, UpdateChannel.Command, Now);
        task.RecordProgress(new ProgressInput(ProgressKind.Note, Note: "验收定于下周"), Lead.Id, UpdateChannel.Reply, Now);
        Assert.Equal(PlanTaskStatus.CloseRequested, task.Status);

        task.RecordProgress(new ProgressInput(ProgressKind.Percent, 90, Note: "还差验收"), Lead.Id, UpdateChannel.Reply, Now.AddHours(1));

        Assert.Equal((PlanTaskStatus.Open, 90), (task.Status, task.ProgressPercent));
        Assert.Equal(CloseOutRefusal.NotRequested, task.CloseOutDecisionRefusal(Clerk.Id));

        task.RequestCloseOut(new ProgressInput(ProgressKind.Percent, 100), Lead.Id, UpdateChannel.Command, Now.AddHours(2));
        task.Block("验收专家未到位", Lead.Id, UpdateChannel.Command, Now.AddHours(3));
        Assert.Equal(PlanTaskStatus.Blocked, task.Status);
        Assert.Null(task.PendingCloseOut());
    }

    [Fact]
    public void Asking_to_close_a_done_or_waiting_task_or_with_less_than_finished_is_refused()
    {
        var task = Task();
        Assert.Throws<InvalidOperationException>(() => task.RequestCloseOut(new ProgressInput(ProgressKind.Percent, 80), Lead.Id, UpdateChannel.Command, Now));
        task.RequestCloseOut(new ProgressInput(ProgressKind.Done), Lead.Id, UpdateChannel.Command, Now);
        Assert.Throws<InvalidOperationException>(() => task.RequestCloseOut(new ProgressInput(ProgressKind.Done), Lead.Id, UpdateChannel.Command, Now));
        Assert.Single(task.History);
    }

    [Fact]
    public void A_value_sets_the_value_and_ends_a_blocker_while_a_note_changes_neither()
    {
        var task = Task();
        task.Block("资金未到位", Lead.Id, UpdateChannel.Command, Now);
        Assert.Equal((PlanTaskStatus.Blocked, "资金未到位"), (task.Status, task.BlockedReason));

        task.RecordProgress(new ProgressInput(ProgressKind.Note, Note: "已协调财政"), Lead.Id, UpdateChannel.Reply, Now);
        Assert.Equal(PlanTaskStatus.Blocked, task.Status);

        var entry = task.RecordProgress(new ProgressInput(ProgressKind.Value, 52, 5200m), Lead.Id, UpdateChannel.Command, Now);
        Assert.Equal((PlanTaskStatus.Open, (string?)null, 5200m, 52), (task.Status, task.BlockedReason, task.CurrentValue!.Value, task.ProgressPercent));
        Assert.Equal((UpdateKind.Progress, 5200m), (entry.Kind, entry.Value!.Value));
        Assert.Equal([UpdateKind.Blocked, UpdateKind.Note, UpdateKind.Progress], task.History.Select(h => h.Kind));
    }

    [Fact]
    public void Moving_the_deadline_twice_keeps_the_first_one_and_confirms_the_schedule()
    {
        var task = Task();

        var first = task.MoveDeadline(new DateOnly(2025, 1, 31), memberId: null, UpdateChannel.Cli, Now);
        task.MoveDeadline(new DateOnly(2025, 2, 28), memberId: null, UpdateChannel.Import, Now);

        Assert.Equal((new DateOnly(2025, 2, 28), new DateOnly(2024, 12, 31)), (task.Deadline, task.OriginalDeadline!.Value));
        Assert.False(task.IsDefaultSchedule);
        Assert.Equal(("2024-12-31 → 2025-01-31", new DateOnly(2025, 1, 31)), (first!.Note!, first.Deadline!.Value));
        Assert.Null(task.MoveDeadline(new DateOnly(2025, 2, 28), memberId: null, UpdateChannel.Cli, Now));
        Assert.Equal(2, task.History.Count);
    }

    [Fact]
    public void An_approved_extension_moves_the_deadline_once_and_a_decided_request_cannot_be_decided_again()
    {
        var task = Task();
        var request = task.RequestExtension(new DateOnly(2025, 3, 31), "征迁延期", Lead.Id, UpdateChannel.Button, Now);
        Assert.Equal((ExtensionStatus.Pending, new DateOnly(2024, 12, 31)), (request.Status, task.Deadline));

        var decision = task.DecideExtension(request, approve: true, Deputy.Id, UpdateChannel.Button, Now.AddDays(1));

        Assert.Equal((new DateOnly(2025, 3, 31), new DateOnly(2024, 12, 31)), (task.Deadline, task.OriginalDeadline!.Value));
        Assert.Equal((ExtensionStatus.Approved, 2, Now.AddDays(1)), (request.Status, request.DecidedById!.Value, request.DecidedAtUtc!.Value));
        Assert.Equal((UpdateKind.ExtensionApproved, 2), (decision.Kind, decision.MemberId!.Value));
        Assert.True(task.IsDefaultSchedule); // a supervisor's decision is not an admin confirming the seed's schedule
        Assert.Throws<InvalidOperationException>(() => task.DecideExtension(request, approve: false, Deputy.Id, UpdateChannel.Button, Now));
        Assert.Equal([UpdateKind.ExtensionRequested, UpdateKind.ExtensionApproved], task.History.Select(h => h.Kind));
    }

    [Fact]
    public void An_approval_never_shortens_the_deadline_nor_overrides_a_change_made_after_the_request_unseen()
    {
        var task = Task();
        var early = task.RequestExtension(new DateOnly(2025, 1, 31), "征迁延期", Lead.Id, UpdateChannel.Button, Now);
        task.MoveDeadline(new DateOnly(2025, 6, 30), memberId: null, UpdateChannel.Cli, Now.AddDays(1));

        Assert.Equal(ExtensionConflict.NotLater, task.ApprovalConflict(early, shownDeadline: new DateOnly(2025, 6, 30)));
        Assert.Throws<InvalidOperationException>(() => task.DecideExtension(early, approve: true, Deputy.Id, UpdateChannel.Button, Now.AddDays(2)));
        Assert.Equal((new DateOnly(2025, 6, 30), ExtensionStatus.Pending), (task.Deadline, early.Status));
        task.DecideExtension(early, approve: false, Deputy.Id, UpdateChannel.Button, Now.AddDays(2));

        var later = task.RequestExtension(new DateOnly(2025, 9, 30), "征迁延期", Lead.Id, UpdateChannel.Button, Now.AddDays(3));
        task.MoveDeadline(new DateOnly(2025, 7, 31), memberId: null, UpdateChannel.Import, Now.AddDays(4));

        // Unknown what the supervisor saw: the change after the request in the history decides; a button made with
        // the old deadline likewise; one made with the current deadline approves.
        Assert.Equal(ExtensionConflict.DeadlineChangedSince, task.ApprovalConflict(later, shownDeadline: null));
        Assert.Equal(ExtensionConflict.DeadlineChangedSince, task.ApprovalConflict(later, shownDeadline: new DateOnly(2025, 6, 30)));
        task.DecideExtension(later, approve: true, Deputy.Id, UpdateChannel.Button, Now.AddDays(5), shownDeadline: new DateOnly(2025, 7, 31));
        Assert.Equal(new DateOnly(2025, 9, 30), task.Deadline);
    }

    [Fact]
    public void A_refused_extension_leaves_the_deadline()
    {
        var task = Task();
        var request = task.RequestExtension(new DateOnly(2025, 3, 31), "征迁延期", Lead.Id, UpdateChannel.Reply, Now);

        task.DecideExtension(request, approve: false, Deputy.Id, UpdateChannel.Button, Now);

        Assert.Equal((ExtensionStatus.Refused, new DateOnly(2024, 12, 31)), (request.Status, task.Deadline));
        Assert.Null(task.OriginalDeadline);
    }

    [Fact]
    public void The_new_owner_stops_being_a_co_owner_and_the_note_names_every_change()
    {
        var task = Task();
        task.Owner = Lead;
        task.OwnerId = Lead.Id;
        task.CoOwners.Add(new TaskCoOwner { TaskId = 7, MemberId = Deputy.Id, Member = Deputy });

        var entry = task.Assign(Deputy, coOwners: null, memberId: null, UpdateChannel.Cli, Now);

        Assert.Same(Deputy, task.Owner);
        Assert.Empty(task.CoOwners);
        Assert.Equal("责任人 owner: 投资科负责人 → 产业科负责人; 协办 co-owners: −产业科负责人", entry!.Note);
        Assert.False(task.IsDefaultSchedule);
    }

    [Fact]
    public void Given_co_owners_replace_the_current_ones_and_the_same_assignment_again_changes_nothing()
    {
        var task = Task();
        task.Owner = Lead;
        task.OwnerId = Lead.Id;
        task.CoOwners.Add(new TaskCoOwner { TaskId = 7, MemberId = Deputy.Id, Member = Deputy });

        var entry = task.Assign(Lead, [Clerk], memberId: null, UpdateChannel.Import, Now);

        Assert.Equal([Clerk.Name], task.CoOwners.Select(c => c.Member!.Name));
        Assert.Equal("协办 co-owners: +综合科负责人, −产业科负责人", entry!.Note);
        Assert.Null(task.Assign(Lead, [Clerk], memberId: null, UpdateChannel.Import, Now));
        Assert.Single(task.History);
    }
}
