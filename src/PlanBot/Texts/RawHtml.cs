namespace PlanBot.Texts;

/// <summary>
/// HTML that is already safe to send (a text made by <see cref="TextSet.Format"/>, or markup written in code): the one
/// explicit way to pass an argument through <see cref="TextSet.Format"/> without escaping it.
/// </summary>
public readonly record struct RawHtml(string Value)
{
    public override string ToString() => Value;
}
