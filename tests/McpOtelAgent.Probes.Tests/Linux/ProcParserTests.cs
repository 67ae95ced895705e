using System.Text;
using McpOtelAgent.Probes.Linux;

namespace McpOtelAgent.Probes.Tests.Linux;

public sealed class ProcParserTests
{
    [Fact]
    public void StatParse_CapturedPython_ReadsEveryField()
    {
        var content = Fixture("14356", "stat");

        Assert.True(StatParser.TryParse(content, out var stat, out var error), error);

        Assert.Equal(14356, stat.Pid);
        Assert.Equal("python3", Encoding.UTF8.GetString(content[stat.Comm]));
        Assert.Equal('S', stat.StateLetter);
        Assert.Equal(14351, stat.ParentPid);
        Assert.Equal(1205UL, stat.MinorFaults);
        Assert.Equal(0UL, stat.MajorFaults);
        Assert.Equal(1UL, stat.UserTicks);
        Assert.Equal(0UL, stat.SystemTicks);
        Assert.Equal(0, stat.Nice);
        Assert.Equal(1, stat.ThreadCount);
        Assert.Equal(89266UL, stat.StartTimeTicks);
        Assert.Equal(14561280UL, stat.VirtualMemoryBytes);
        Assert.Equal(2400UL, stat.ResidentPages);
    }

    [Fact]
    public void StatParse_HostileComm_CutsBetweenFirstAndLastParenthesis()
    {
        var content = Fixture("1001", "stat");

        Assert.True(StatParser.TryParse(content, out var stat, out _));

        Assert.Equal("(a b ) ( c d) ", Encoding.UTF8.GetString(content[stat.Comm]));
        Assert.Equal('S', stat.StateLetter);
        Assert.Equal(14351, stat.ParentPid);
    }

    [Theory]
    [InlineData("2", 'S', 0)]
    [InlineData("14357", 'Z', 14356)]
    public void StatParse_KernelThreadAndZombie_ReadStateAndParent(string pid, char state, int parent)
    {
        Assert.True(StatParser.TryParse(Fixture(pid, "stat"), out var stat, out _));

        Assert.Equal(state, stat.StateLetter);
        Assert.Equal(parent, stat.ParentPid);
        Assert.Equal(0UL, stat.ResidentPages);
    }

    [Fact]
    public void StatParse_MalformedFixture_NamesTheField()
    {
        Assert.False(StatParser.TryParse(Fixture("1005", "stat"), out _, out var error));

        Assert.Equal("field 14 is not a number", error);
    }

    [Theory]
    [InlineData("", "no (comm) field")]
    [InlineData("12 python3 S 1", "no (comm) field")]
    [InlineData("12 )x( S 1", "no (comm) field")]
    [InlineData("x (a) S 1", "field 1 (pid) is not a pid")]
    [InlineData("12 (a) S 1 2 3", "ends before field 7")]
    [InlineData("12 (a) SS 1 2 3", "field 3 is not a number")]
    public void StatParse_Garbage_FailsWithReason(string content, string expected)
    {
        Assert.False(StatParser.TryParse(Encoding.UTF8.GetBytes(content), out _, out var error));
        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData('R', "Running")]
    [InlineData('S', "Sleeping")]
    [InlineData('D', "DiskSleep")]
    [InlineData('T', "Stopped")]
    [InlineData('t', "TracingStop")]
    [InlineData('Z', "Zombie")]
    [InlineData('X', "Dead")]
    [InlineData('I', "Idle")]
    [InlineData('?', "Unknown")]
    public void StatToState_Letter_MapsAsPsutil(char letter, string expected) =>
        Assert.Equal(expected, StatParser.ToState(letter).ToString());

    [Fact]
    public void StatmParse_Captured_ReadsPages()
    {
        Assert.True(StatmParser.TryParse(Fixture("14356", "statm"), out var statm, out _));
        Assert.Equal(new StatmFields(3555, 2400, 1440), statm);
    }

    [Fact]
    public void StatmParse_MalformedFixture_Fails()
    {
        Assert.False(StatmParser.TryParse(Fixture("1006", "statm"), out _, out var error));
        Assert.NotNull(error);
    }

    [Theory]
    [InlineData("14356", 0u, 2UL, 2UL)]
    [InlineData("2", 0u, 61UL, 0UL)]
    [InlineData("14357", 0u, 1UL, 0UL)]
    public void StatusParse_Captured_ReadsUidAndContextSwitches(string pid, uint uid, ulong voluntary, ulong involuntary)
    {
        Assert.True(StatusParser.TryParse(Fixture(pid, "status"), out var status, out _));
        Assert.Equal(new StatusFields(uid, voluntary, involuntary), status);
    }

    [Fact]
    public void StatusParse_WithoutUid_Fails()
    {
        Assert.False(StatusParser.TryParse("Name:\tx\nvoluntary_ctxt_switches:\t1\nnonvoluntary_ctxt_switches:\t1\n"u8, out _, out var error));
        Assert.Equal("no numeric Uid line", error);
    }

    [Fact]
    public void IoParse_Captured_MapsToPsutilFields()
    {
        Assert.True(IoParser.TryParse(Fixture("14356", "io"), out var io, out _));
        Assert.Equal(new IoCounters(ReadCount: 59, WriteCount: 2, ReadBytes: 0, WriteBytes: 0, ReadChars: 377374, WriteChars: 6), io);
    }

    [Fact]
    public void IoParse_NonNumeric_NamesTheKey()
    {
        Assert.False(IoParser.TryParse("rchar: 1\nwchar: x\n"u8, out _, out var error));
        Assert.Equal("wchar is not a number", error);
    }

    [Theory]
    [InlineData("14356", 20000UL)]
    [InlineData("2", 1024UL)]
    public void LimitsParse_Captured_ReadsSoftOpenFiles(string pid, ulong expected)
    {
        Assert.True(LimitsParser.TryParseOpenFilesSoftLimit(Fixture(pid, "limits"), out var soft, out _));
        Assert.Equal(expected, soft);
    }

    [Fact]
    public void LimitsParse_Unlimited_GivesNull()
    {
        var content = "Limit                     Soft Limit           Hard Limit           Units     \nMax open files            unlimited            unlimited            files     \n"u8;
        Assert.True(LimitsParser.TryParseOpenFilesSoftLimit(content, out var soft, out _));
        Assert.Null(soft);
    }

    [Fact]
    public void MeminfoParse_Captured_GivesBytes()
    {
        Assert.True(MeminfoParser.TryParseMemTotal(File.ReadAllBytes(ProcFixture.PathOf("meminfo")), out var bytes, out _));
        Assert.Equal(24684084UL * 1024, bytes);
    }

    [Fact]
    public void ProcStatParse_Captured_GivesBootTime()
    {
        Assert.True(ProcStatParser.TryParseBootTime(File.ReadAllBytes(ProcFixture.PathOf("stat")), out var btime, out _));
        Assert.Equal(1795623688, btime);
    }

    [Theory]
    [InlineData("", new string[0])]
    [InlineData("a\0b c\0\0", new[] { "a", "b c", "" })]
    [InlineData("a\0b\0", new[] { "a", "b" })]
    [InlineData("chrome --type=renderer --lang", new[] { "chrome", "--type=renderer", "--lang" })]
    [InlineData("nginx: worker process\0", new[] { "nginx:", "worker", "process" })]
    [InlineData("no-terminator", new[] { "no-terminator" })]
    public void CmdlineParse_PsutilRules_SplitsAsPsutil(string data, string[] expected) =>
        Assert.Equal(expected, CmdlineParser.Parse(Encoding.UTF8.GetBytes(data)));

    [Fact]
    public void CmdlineParse_CapturedPython_KeepsArgumentsWithSpacesAndNewlines()
    {
        var arguments = CmdlineParser.Parse(Fixture("14356", "cmdline"));

        Assert.Equal(4, arguments.Length);
        Assert.Equal("/usr/bin/python3", arguments[0]);
        Assert.Equal("-c", arguments[1]);
        Assert.Contains("os.fork()\n", arguments[2], StringComparison.Ordinal);
        Assert.Equal("--fixture arg", arguments[3]);
    }

    [Theory]
    [InlineData("   2: 0100007F:A3E5 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 68199 1 000000001a728583 100 0 0 10 0", 68199UL)]
    [InlineData("  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode", 0UL)]
    [InlineData("   3: 0100007F:AA13 0100007F:9FB8 06 00000000:00000000 03:00000F5B 00000000     0        0 0 3 0000000000000000", 0UL)]
    [InlineData("", 0UL)]
    public void NetTableParse_Line_GivesInodeOrNothing(string line, ulong expected)
    {
        var ok = NetTableParser.TryParseInode(Encoding.ASCII.GetBytes(line), out var inode);

        Assert.Equal(expected != 0, ok);
        Assert.Equal(expected, inode);
    }

    [Theory]
    [InlineData("max 100000\n", null)]
    [InlineData("200000 100000\n", 2.0)]
    [InlineData("50000 100000", 0.5)]
    [InlineData("garbage", null)]
    public void CgroupParseCpuMax_Content_GivesCpus(string content, double? expected) =>
        Assert.Equal(expected, CgroupCpuQuota.ParseCpuMax(content));

    [Theory]
    [InlineData("-1\n", "100000\n", null)]
    [InlineData("150000\n", "100000\n", 1.5)]
    public void CgroupParseCfs_QuotaAndPeriod_GivesCpus(string quota, string period, double? expected) =>
        Assert.Equal(expected, CgroupCpuQuota.ParseCfs(quota, period));

    private static byte[] Fixture(string pid, string file) => File.ReadAllBytes(ProcFixture.PathOf(pid, file));
}
