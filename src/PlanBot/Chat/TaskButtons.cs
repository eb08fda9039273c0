using PlanBot.Chat.Buttons;
using PlanBot.Outbox;
using PlanBot.Plans;

namespace PlanBot.Chat;

/// <summary>The signed action buttons of task cards and reminders.</summary>
public sealed class TaskButtons(CallbackSigner signer) : ITaskButtons
{
    public IReadOnlyList<IReadOnlyList<Button>> ForTask(int taskId, string language) => ForTask(taskId, null, language);

    /// <summary>A card's buttons: the percent and done buttons carry the task's version, so a stale card is recognised.</summary>
    public IReadOnlyList<IReadOnlyList<Button>> ForTask(PlanTask task, string language) => ForTask(task.Id, task.Version, language);

    /// <summary>The one button of the "reopen?" question asked when a percent is pressed on a done task.</summary>
    public IReadOnlyList<IReadOnlyList<Button>> ForReopen(PlanTask task, int percent, string language) =>
        [[Make(Texts.TextSet.For(language).Format("button.reopen", percent), new(CallbackVerb.Reopen, task.Id, percent, Version: task.Version))]];

    public IReadOnlyList<Button> CompactRow(int taskId, string taskCode, string language) =>
    [
        Make($"{taskCode} 50%", new(CallbackVerb.Percent, taskId, 50)),
        Make($"{taskCode} ✅", new(CallbackVerb.Done, taskId)),
        Make($"{taskCode} ⚠️", new(CallbackVerb.Blocked, taskId)),
        Make($"{taskCode} ⏰", new(CallbackVerb.Extend, taskId)),
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

    private IReadOnlyList<IReadOnlyList<Button>> ForTask(int taskId, int? version, string language)
    {
        var t = Texts.TextSet.For(language);
        return
        [
            [Percent(taskId, 25, version), Percent(taskId, 50, version), Percent(taskId, 75, version)],
            [
                Make(t["button.done"], new(CallbackVerb.Done, taskId, Version: version)),
                Make(t["button.blocked"], new(CallbackVerb.Blocked, taskId)),
                Make(t["button.extend"], new(CallbackVerb.Extend, taskId)),
            ],
        ];
    }

    private Button Percent(int taskId, int percent, int? version) =>
        Make($"{percent}%", new(CallbackVerb.Percent, taskId, percent, Version: version));

    private Button Make(string label, CallbackAction action) => new(label, signer.Sign(action.ToPayload()));
}
