namespace PlanBot.Reports.Circular;

/// <summary>A paragraph of the circular's body: plain text, a heading (一、 in 黑体), or a paragraph with a run-in lead ((一) in 楷体).</summary>
public sealed record CircularParagraph(CircularParagraphKind Kind, string Text, string Lead = "");

public enum CircularParagraphKind
{
    Body,
    Heading,
}

/// <summary>What the monthly 通报 says, free of layout: <see cref="CircularDocument"/> sets it after GB/T 9704-2012.</summary>
/// <param name="Header">发文机关标志, printed in red.</param>
/// <param name="Number">发文字号, e.g. 督查〔2024〕11号.</param>
/// <param name="Recipients">主送机关 with its colon.</param>
/// <param name="AppendixNote">附件说明 under the body.</param>
/// <param name="TableRows">The appendix table, one row per task, in <see cref="TableHeaders"/>' order.</param>
public sealed record CircularContent(
    string Header,
    string Number,
    string Title,
    string Recipients,
    IReadOnlyList<CircularParagraph> Body,
    string AppendixNote,
    string Issuer,
    string Date,
    string AppendixLabel,
    string TableTitle,
    IReadOnlyList<string> TableHeaders,
    IReadOnlyList<IReadOnlyList<string>> TableRows);
