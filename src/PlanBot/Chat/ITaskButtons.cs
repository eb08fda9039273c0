using PlanBot.Outbox;
using PlanBot.Plans;

namespace PlanBot.Chat;

/// <summary>
/// The action buttons every task card and reminder carries (25% · 50% · 75% · ✅ 完成 · ⚠️ 遇到困难 · ⏰ 申请延期),
/// with callback data a forged button cannot pass. The percent and done buttons carry the task's
/// <see cref="PlanTask.Version"/>, so a press on an older card or reminder is recognised as stale.
/// </summary>
public interface ITaskButtons
{
    /// <summary>The button rows for one task, labelled in <paramref name="language"/> ("zh" or "en").</summary>
    IReadOnlyList<IReadOnlyList<Button>> ForTask(PlanTask task, string language);

    /// <summary>One compact row for a task inside a message about several tasks (its code on each button).</summary>
    IReadOnlyList<Button> CompactRow(PlanTask task, string language);

    /// <summary>签收 (until signed for) and 反馈 (until replied to) for a 提示单 or 督办单; none once it is replied to.</summary>
    IReadOnlyList<IReadOnlyList<Button>> ForNotice(Supervision.Notice notice, string language);
}
