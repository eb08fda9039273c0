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
