using BenchmarkDotNet.Running;
using McpOtelAgent.Benchmarks;

// "sweep [N ...]" times whole sweeps over real idle processes against psutil; anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "sweep")
{
    return SweepRunner.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
