using PlanBot.Chat.Buttons;
using PlanBot.Outbox;
using PlanBot.Plans;

namespace PlanBot.Chat;

/// <summary>The signed action buttons of task cards and reminders.</summary>
public sealed class TaskButtons(CallbackSigner signer) : ITaskButtons
{
    public IReadOnlyList<IReadOnlyList<Button>> ForTask(PlanTask task, string language)
    {
        var t = Texts.TextSet.For(language);
        return
        [
            [Percent(task, 25), Percent(task, 50), Percent(task, 75)],
            [
                Make(t["button.done"], new(CallbackVerb.Done, task.Id, Version: task.Version)),
                Make(t["button.blocked"], new(CallbackVerb.Blocked, task.Id)),
                Make(t["button.extend"], new(CallbackVerb.Extend, task.Id)),
            ],
        ];
    }

    /// <summary>
    /// The one button of the "reopen?" question asked when a percent is pressed on a done task ("withdraw?" on a task
    /// awaiting close-out).
    /// </summary>
    public IReadOnlyList<IReadOnlyList<Button>> ForReopen(PlanTask task, int percent, string language)
    {
        var key = task.Status == PlanTaskStatus.CloseRequested ? "button.withdrawCloseOut" : "button.reopen";
        return [[Make(Texts.TextSet.For(language).Format(key, percent), new(CallbackVerb.Reopen, task.Id, percent, Version: task.Version))]];
    }

    public IReadOnlyList<Button> CompactRow(PlanTask task, string language) =>
    [
        Make($"{task.Code} 50%", new(CallbackVerb.Percent, task.Id, 50, Version: task.Version)),
        Make($"{task.Code} ✅", new(CallbackVerb.Done, task.Id, Version: task.Version)),
        Make($"{task.Code} ⚠️", new(CallbackVerb.Blocked, task.Id)),
        Make($"{task.Code} ⏰", new(CallbackVerb.Extend, task.Id)),
    ];

    /// <summary>Approve / refuse for a supervisor deciding an extension request, shown with the task's deadline <paramref name="shown"/>.</summary>
    public IReadOnlyList<IReadOnlyList<Button>> ForExtension(int taskId, DateOnly requested, DateOnly shown, string language)
    {
        var t = Texts.TextSet.For(language);
        return
        [
            [
                Make(t["button.approve"], new(CallbackVerb.Approve, taskId, Deadline: requested, Shown: shown)),
                Make(t["button.refuse"], new(CallbackVerb.Refuse, taskId, Deadline: requested, Shown: shown)),
            ],
        ];
    }

    public IReadOnlyList<IReadOnlyList<Button>> ForNotice(Supervision.Notice notice, string language)
    {
        var t = Texts.TextSet.For(language);
        return !notice.IsOpen
            ? []
            : [[
                .. notice.IsSigned ? Array.Empty<Button>() : [Make(t["button.signNotice"], new(CallbackVerb.SignNotice, 0, Notice: notice.Ref))],
                Make(t["button.replyNotice"], new(CallbackVerb.ReplyNotice, 0, Notice: notice.Ref)),
            ]];
    }

    /// <summary>销号 / 退回 for a supervisor deciding the task's <paramref name="request"/>-th request to close.</summary>
    public IReadOnlyList<IReadOnlyList<Button>> ForCloseOut(int taskId, int request, string language)
    {
        var t = Texts.TextSet.For(language);
        return
        [
            [
                Make(t["button.closeOut"], new(CallbackVerb.CloseOut, taskId, Request: request)),
                Make(t["button.returnCloseOut"], new(CallbackVerb.ReturnCloseOut, taskId, Request: request)),
            ],
        ];
    }

    private Button Percent(PlanTask task, int percent) =>
        Make($"{percent}%", new(CallbackVerb.Percent, task.Id, percent, Version: task.Version));

    private Button Make(string label, CallbackAction action) => new(label, signer.Sign(action.ToPayload()));
}
