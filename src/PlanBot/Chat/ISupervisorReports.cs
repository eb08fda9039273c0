using PlanBot.Plans;
using PlanBot.Storage;

namespace PlanBot.Chat;

/// <summary>
/// The supervisors' digest and monthly overdue report on demand (/digest, /report). Implemented by the reports feature;
/// like every handler it changes tracked entities only and never saves.
/// </summary>
public interface ISupervisorReports
{
    Task<ChatResponse> DigestAsync(Member member, InboundMessage message, PlanBotDbContext db, CancellationToken ct);

    /// <param name="month">The month asked for; null → the implementation's default (the last complete month).</param>
    Task<ChatResponse> ReportAsync(Member member, InboundMessage message, YearMonth? month, PlanBotDbContext db, CancellationToken ct);
}

/// <summary>Runs the reminder scan now (/remind). Implemented by the scheduling feature.</summary>
public interface IReminderTrigger
{
    Task<ReminderRun> RunNowAsync(CancellationToken ct);
}

/// <summary>What a reminder scan queued: reminders and escalations, in one message per person (so fewer messages).</summary>
public sealed record ReminderRun(int Reminders, int People);
