using PlanBot.Outbox;

namespace PlanBot.Inbox;

/// <summary>Pulsed when updates were stored in the inbox, so the processor does not wait for its next poll.</summary>
public sealed class InboxSignal : Wakeup;
