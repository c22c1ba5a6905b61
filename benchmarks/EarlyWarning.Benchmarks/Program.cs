using BenchmarkDotNet.Running;
using EarlyWarning.Benchmarks.Compare;

// `compare` runs EarlyWarning's side of benchmarks/compare.sh; anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "compare")
{
    return await CompareProgram.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
