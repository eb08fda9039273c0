namespace PlanBot.Storage;

/// <summary>A small piece of bot state that must survive restarts (e.g. the polling offset), by key.</summary>
public sealed class BotSetting
{
    public required string Key { get; set; }

    public required string Value { get; set; }
}
