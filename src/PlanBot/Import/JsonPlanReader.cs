using System.Globalization;
using System.Text.Json;

namespace PlanBot.Import;

/// <summary>Reads the JSON plan layout of seeds/plan-2024.json into a <see cref="RawPlan"/>.</summary>
public static class JsonPlanReader
{
    private static readonly Dictionary<string, string> _jsonNames = new()
    {
        [PlanColumns.LeadUnit] = "leadUnit",
        [PlanColumns.CoOwners] = "coOwners",
        [PlanColumns.StartDate] = "startDate",
        [PlanColumns.TargetValue] = "target.value",
        [PlanColumns.TargetUnit] = "target.unit",
        [PlanColumns.TargetLabel] = "target.label",
    };

    public static RawPlan? Read(string path, ImportErrors errors)
    {
        JsonDocument document;
        try
        {
            using var stream = File.OpenRead(path);
            document = JsonDocument.Parse(stream, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            errors.AddForFile(ImportErrors.NotFound(path));
            return null;
        }
        catch (JsonException e)
        {
            errors.Add($"line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}", "not valid JSON");
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                errors.AddForFile("the file must hold one JSON object with year, organisation and tasks");
                return null;
            }

            int? year = null;
            if (!root.TryGetProperty("year", out var yearElement) || yearElement.ValueKind != JsonValueKind.Number || !yearElement.TryGetInt32(out var y) || y is < 2000 or > 2100)
            {
                errors.Add("field year", "a year such as 2024 is required");
            }
            else
            {
                year = y;
            }

            var organisation = Text(root, "organisation");
            if (organisation is null)
            {
                errors.Add("field organisation", "required");
            }

            var tasks = new List<RawTask>();
            if (!root.TryGetProperty("tasks", out var taskArray) || taskArray.ValueKind != JsonValueKind.Array || taskArray.GetArrayLength() == 0)
            {
                errors.Add("field tasks", "a non-empty array of tasks is required");
            }
            else
            {
                var index = 0;
                foreach (var task in taskArray.EnumerateArray())
                {
                    tasks.Add(ReadTask(task, index++, errors));
                }
            }

            return new RawPlan(errors.File, year, organisation, Text(root, "source"), tasks);
        }
    }

    private static RawTask ReadTask(JsonElement task, int index, ImportErrors errors)
    {
        var code = task.ValueKind == JsonValueKind.Object ? Text(task, "code") : null;
        var at = new RecordRef(code is null ? $"tasks[{index}]" : $"tasks[{index}] ({code})", "field",
            column => _jsonNames.GetValueOrDefault(column, column));
        if (task.ValueKind != JsonValueKind.Object)
        {
            errors.Add(at.Record, "a task must be a JSON object");
            return new RawTask(at);
        }

        var target = task.TryGetProperty("target", out var t) && t.ValueKind == JsonValueKind.Object ? t : (JsonElement?)null;
        return new RawTask(at)
        {
            Code = code,
            List = Text(task, "list"),
            Section = Text(task, "section"),
            Item = Text(task, "item"),
            Title = Text(task, "title"),
            Detail = Text(task, "detail"),
            LeadUnit = Text(task, "leadUnit"),
            Owner = Text(task, "owner"),
            CoOwners = Strings(task, "coOwners"),
            StartDate = Text(task, "startDate"),
            Deadline = Text(task, "deadline"),
            Milestones = Milestones(task),
            TargetValue = target is { } v1 ? Text(v1, "value") : null,
            TargetUnit = target is { } v2 ? Text(v2, "unit") : null,
            TargetLabel = target is { } v3 ? Text(v3, "label") : null,
            Defaults = Text(task, "defaults"),
        };
    }

    private static List<RawMilestone> Milestones(JsonElement task) =>
        task.TryGetProperty("milestones", out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray()
                .Select(m => m.ValueKind == JsonValueKind.Object
                    ? new RawMilestone(Text(m, "date"), Text(m, "title"), Text(m, "percent"))
                    : new RawMilestone(null, null, null))
                .ToList()
            : [];

    private static List<string> Strings(JsonElement element, string name) =>
        element.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray().Select(ValueText).OfType<string>().ToList()
            : TabularPlanReader.SplitNames(Text(element, name)).ToList();

    /// <summary>A property as text whatever its JSON type, so a wrong type is reported by the validator like a wrong value.</summary>
    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? ValueText(value) : null;

    private static string? ValueText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => Plans.PlainText.Clean(value.GetString()!).Trim() is { Length: > 0 } text ? text : null,
        // A number beyond decimal (1e400) is kept as written, for the validator to refuse like any bad value.
        JsonValueKind.Number => value.TryGetDecimal(out var number) ? number.ToString(CultureInfo.InvariantCulture) : value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => value.GetRawText(),
    };
}
