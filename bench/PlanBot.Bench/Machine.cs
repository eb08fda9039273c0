using System.Runtime.InteropServices;

namespace PlanBotBench;

/// <summary>What the figures were measured on: cores, memory, CPU model and runtime.</summary>
public static class Machine
{
    public static string Describe()
    {
        var cpu = ReadField("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();
        var memory = ReadField("/proc/meminfo", "MemTotal") ?? "?";
        return $"machine: {Environment.ProcessorCount} cores, {cpu}, MemTotal {memory}, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}";
    }

    /// <summary>A process's peak resident set (VmHWM) or current one (VmRSS) in MB, from /proc.</summary>
    public static double ProcMegabytes(string field, int? pid = null)
    {
        var text = ReadField($"/proc/{(pid is { } p ? p.ToString(System.Globalization.CultureInfo.InvariantCulture) : "self")}/status", field);
        var kilobytes = text is null ? 0 : double.Parse(text.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], System.Globalization.CultureInfo.InvariantCulture);
        return kilobytes / 1024;
    }

    /// <summary>
    /// A process's private memory in MB: the pages no other process shares (Private_Clean + Private_Dirty of
    /// /proc/PID/smaps_rollup), i.e. what it costs beyond the shared framework files.
    /// </summary>
    public static double PrivateMegabytes(int pid)
    {
        var path = $"/proc/{pid.ToString(System.Globalization.CultureInfo.InvariantCulture)}/smaps_rollup";
        double Field(string name) => ReadField(path, name) is { } text
            ? double.Parse(text.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], System.Globalization.CultureInfo.InvariantCulture) / 1024
            : 0;
        return Field("Private_Clean") + Field("Private_Dirty");
    }

    /// <summary>The 1-minute load average (other work on the machine), from /proc/loadavg.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static string? ReadField(string path, string name)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        foreach (var line in File.ReadLines(path))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[..colon].Trim() == name)
            {
                return line[(colon + 1)..].Trim();
            }
        }

        return null;
    }
}
