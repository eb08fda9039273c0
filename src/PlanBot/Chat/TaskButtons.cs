using PlanBot.Chat.Buttons;
using PlanBot.Outbox;

namespace PlanBot.Chat;

/// <summary>The signed action buttons of task cards and reminders.</summary>
public sealed class TaskButtons(CallbackSigner signer) : ITaskButtons
{
    public IReadOnlyList<IReadOnlyList<Button>> ForTask(int taskId, string language)
    {
        var t = Texts.ChatTexts.For(language);
        return
        [
            [Make("25%", new(CallbackVerb.Percent, taskId, 25)), Make("50%", new(CallbackVerb.Percent, taskId, 50)), Make("75%", new(CallbackVerb.Percent, taskId, 75))],
            [Make(t["button.done"], new(CallbackVerb.Done, taskId)), Make(t["button.blocked"], new(CallbackVerb.Blocked, taskId)), Make(t["button.extend"], new(CallbackVerb.Extend, taskId))],
        ];
    }

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
        var t = Texts.ChatTexts.For(language);
        return
        [
            [
                Make(t["button.approve"], new(CallbackVerb.Approve, taskId, Deadline: requested, Shown: shown)),
                Make(t["button.refuse"], new(CallbackVerb.Refuse, taskId, Deadline: requested, Shown: shown)),
            ],
        ];
    }

    private Button Make(string label, CallbackAction action) => new(label, signer.Sign(action.ToPayload()));
}
