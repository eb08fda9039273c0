using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using PlanBot.Chat;
using PlanBot.Plans;

namespace PlanBot.Storage;

/// <summary>Stores a <see cref="ChatAddress"/> as one text column, "channel:id".</summary>
public sealed class ChatAddressConverter() : ValueConverter<ChatAddress, string>(a => ChatAddress.Stored(a), s => ChatAddress.Parse(s));
