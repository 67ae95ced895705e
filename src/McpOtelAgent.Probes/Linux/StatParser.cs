namespace McpOtelAgent.Probes.Linux;

/// <summary>
/// Parses <c>/proc/[pid]/stat</c> (man 5 proc). <c>comm</c> may hold spaces and parentheses, so it is cut between the
/// first <c>(</c> and the last <c>)</c>, as procfs and psutil do; the numbered fields follow the last <c>)</c>.
/// </summary>
internal static class StatParser
{
    /// <summary>The last field read: 24, rss.</summary>
    private const int LastField = 24;

    public static bool TryParse(ReadOnlySpan<byte> content, out StatFields fields, out string? error)
    {
        fields = default;
        var open = content.IndexOf((byte)'(');
        var close = content.LastIndexOf((byte)')');
        if (open < 0 || close < open)
        {
            error = "no (comm) field";
            return false;
        }

        if (!ProcText.TryParseInt64(ProcText.Trim(content[..open]), out var pid) || pid <= 0 || pid > int.MaxValue)
        {
            error = "field 1 (pid) is not a pid";
            return false;
        }

        var state = '\0';
        long ppid = 0, nice = 0, threads = 0, cutime = 0, cstime = 0;
        ulong minflt = 0, majflt = 0, utime = 0, stime = 0, start = 0, vsize = 0, rss = 0;
        var rest = content[(close + 1)..];
        var number = 3;
        for (; number <= LastField; number++)
        {
            if (!ProcText.NextField(ref rest, out var field))
            {
                error = $"ends before field {number}";
                return false;
            }

            var ok = number switch
            {
                3 => TryState(field, out state),
                4 => ProcText.TryParseInt64(field, out ppid),
                10 => ProcText.TryParseUInt64(field, out minflt),
                12 => ProcText.TryParseUInt64(field, out majflt),
                14 => ProcText.TryParseUInt64(field, out utime),
                15 => ProcText.TryParseUInt64(field, out stime),
                16 => ProcText.TryParseInt64(field, out cutime),
                17 => ProcText.TryParseInt64(field, out cstime),
                19 => ProcText.TryParseInt64(field, out nice),
                20 => ProcText.TryParseInt64(field, out threads),
                22 => ProcText.TryParseUInt64(field, out start),
                23 => ProcText.TryParseUInt64(field, out vsize),
                24 => ProcText.TryParseUInt64(field, out rss),
                _ => true,
            };
            if (!ok)
            {
                error = $"field {number} is not a number";
                return false;
            }
        }

        // cutime/cstime are signed in the kernel ABI (man 5 proc) but never negative in practice; clamp, do not wrap.
        fields = new StatFields(
            (int)pid,
            new Range(open + 1, close),
            state,
            (int)ppid,
            minflt,
            majflt,
            utime,
            stime,
            (ulong)Math.Max(cutime, 0),
            (ulong)Math.Max(cstime, 0),
            (int)nice,
            (int)threads,
            start,
            vsize,
            rss);
        error = null;
        return true;
    }

    public static ProcessState ToState(char letter) => letter switch
    {
        'R' => ProcessState.Running,
        'S' => ProcessState.Sleeping,
        'D' => ProcessState.DiskSleep,
        'T' => ProcessState.Stopped,
        't' => ProcessState.TracingStop,
        'Z' => ProcessState.Zombie,
        'X' or 'x' => ProcessState.Dead,
        'K' => ProcessState.WakeKill,
        'W' => ProcessState.Waking,
        'I' => ProcessState.Idle,
        'P' => ProcessState.Parked,
        _ => ProcessState.Unknown,
    };

    private static bool TryState(ReadOnlySpan<byte> field, out char state)
    {
        state = field.Length == 1 ? (char)field[0] : '\0';
        return field.Length == 1;
    }
}
