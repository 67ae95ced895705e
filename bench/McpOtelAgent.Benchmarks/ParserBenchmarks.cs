using System.Text;
using BenchmarkDotNet.Attributes;
using McpOtelAgent.Probes.Linux;

namespace McpOtelAgent.Benchmarks;

/// <summary>
/// The /proc parsers on files captured from this machine (tests/McpOtelAgent.Probes.Tests/Fixtures/proc/14356).
/// Run: <c>dotnet run -c Release --project bench/McpOtelAgent.Benchmarks -- --filter '*ParserBenchmarks*'</c>.
/// </summary>
[MemoryDiagnoser]
public class ParserBenchmarks
{
    private readonly byte[] _stat = Encoding.UTF8.GetBytes("14356 (python3) S 14351 14304 3954 0 -1 4194304 1205 0 0 0 1 0 0 0 20 0 1 0 89266 14561280 2400 18446744073709551615 4321280 7148169 140726984274992 0 0 0 0 16781312 2 1 0 0 17 1 0 0 0 0 0 9723336 11027064 301998080 140726984280246 140726984280528 140726984280528 140726984282087 0\n");
    private readonly byte[] _statm = Encoding.UTF8.GetBytes("3555 2400 1440 691 0 1290 0\n");
    private readonly byte[] _status = Encoding.UTF8.GetBytes("Name:\tpython3\nUmask:\t0022\nState:\tS (sleeping)\nTgid:\t14356\nNgid:\t0\nPid:\t14356\nPPid:\t14351\nTracerPid:\t0\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nFDSize:\t256\nGroups:\t \nNStgid:\t14356\nNSpid:\t14356\nNSpgid:\t14304\nNSsid:\t3954\nKthread:\t0\nVmPeak:\t   14228 kB\nVmSize:\t   14220 kB\nVmLck:\t       0 kB\nVmPin:\t       0 kB\nVmHWM:\t    9600 kB\nVmRSS:\t    9600 kB\nRssAnon:\t    3840 kB\nRssFile:\t    5760 kB\nRssShmem:\t       0 kB\nVmData:\t    5028 kB\nVmStk:\t     132 kB\nVmExe:\t    2764 kB\nVmLib:\t    2180 kB\nVmPTE:\t      60 kB\nVmSwap:\t       0 kB\nHugetlbPages:\t       0 kB\nCoreDumping:\t0\nTHP_enabled:\t1\nuntag_mask:\t0xffffffffffffffff\nThreads:\t1\nSigQ:\t1/96365\nSigPnd:\t0000000000000000\nShdPnd:\t0000000000000000\nSigBlk:\t0000000000000000\nSigIgn:\t0000000001001000\nSigCgt:\t0000000000000002\nCapInh:\t0000000000000000\nCapPrm:\t000001fffeffffff\nCapEff:\t000001fffeffffff\nCapBnd:\t000001fffeffffff\nCapAmb:\t0000000000000000\nNoNewPrivs:\t0\nSeccomp:\t0\nSeccomp_filters:\t0\nSpeculation_Store_Bypass:\tvulnerable\nSpeculationIndirectBranch:\talways enabled\nCpus_allowed:\t3\nCpus_allowed_list:\t0-1\nMems_allowed:\t00000000,00000000,00000000,00000000,00000000,00000000,00000000,00000000,00000000,00000000,00000000,00000000,00000000,00000000,00000000,00000000,00000000,00000000,00000000,00000000,00000000,00000000,00000000,00000000,00000000,00000000,00000000,00000000,00000000,00000000,00000000,00000001\nMems_allowed_list:\t0\nvoluntary_ctxt_switches:\t2\nnonvoluntary_ctxt_switches:\t2\n");
    private readonly byte[] _io = Encoding.UTF8.GetBytes("rchar: 377374\nwchar: 6\nsyscr: 59\nsyscw: 2\nread_bytes: 0\nwrite_bytes: 0\ncancelled_write_bytes: 0\n");
    private readonly byte[] _limits = Encoding.UTF8.GetBytes("Limit                     Soft Limit           Hard Limit           Units     \nMax cpu time              unlimited            unlimited            seconds   \nMax file size             unlimited            unlimited            bytes     \nMax data size             unlimited            unlimited            bytes     \nMax stack size            8388608              unlimited            bytes     \nMax core file size        0                    unlimited            bytes     \nMax resident set          unlimited            unlimited            bytes     \nMax processes             96365                96365                processes \nMax open files            20000                20000                files     \nMax locked memory         8388608              8388608              bytes     \nMax address space         unlimited            unlimited            bytes     \nMax file locks            unlimited            unlimited            locks     \nMax pending signals       96365                96365                signals   \nMax msgqueue size         819200               819200               bytes     \nMax nice priority         0                    0                    \nMax realtime priority     0                    0                    \nMax realtime timeout      unlimited            unlimited            us        \n");
    private readonly byte[] _cmdline = Encoding.UTF8.GetBytes("/usr/bin/python3\0-c\0\nimport os, socket, sys, time\nf = open(\"/etc/passwd\")\ns = socket.socket(socket.AF_INET, socket.SOCK_STREAM); s.bind((\"127.0.0.1\", 0)); s.listen()\npid = os.fork()\nif pid == 0:\n    os._exit(0)\ntime.sleep(0.3)\nprint(pid, flush=True)\nsys.stdin.read()\n\0--fixture arg\0");
    private readonly byte[] _tcpLine = Encoding.UTF8.GetBytes("   2: 0100007F:A3E5 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 68199 1 000000001a728583 100 0 0 10 0                     ");

    [Benchmark]
    public ulong Stat() => StatParser.TryParse(_stat, out var stat, out _) ? stat.StartTimeTicks : 0;

    [Benchmark]
    public ulong Statm() => StatmParser.TryParse(_statm, out var statm, out _) ? statm.ResidentPages : 0;

    [Benchmark]
    public ulong Status() => StatusParser.TryParse(_status, out var status, out _) ? status.VoluntaryContextSwitches : 0;

    [Benchmark]
    public ulong Io() => IoParser.TryParse(_io, out var io, out _) ? io.ReadChars : 0;

    [Benchmark]
    public ulong? Limits() => LimitsParser.TryParseOpenFilesSoftLimit(_limits, out var soft, out _) ? soft : 0;

    /// <summary>Parsing allocates the strings; the probe's per-process cache skips this while cmdline is unchanged.</summary>
    [Benchmark]
    public int Cmdline() => CmdlineParser.Parse(_cmdline).Length;

    [Benchmark]
    public ulong NetTableLine() => NetTableParser.TryParseInode(_tcpLine, out var inode) ? inode : 0;
}
