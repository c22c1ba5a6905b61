using BenchmarkDotNet.Running;
using EarlyWarning.Benchmarks.Compare;
using EarlyWarning.Benchmarks.Push;

// `compare` runs EarlyWarning's side of benchmarks/compare.sh; `push` the Web Push fan-out (and
// `push-service` its push service, a child process; `push-crypto` the cost of each step of its encryption); anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "compare")
{
    return await CompareProgram.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "push")
{
    return await PushProgram.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "push-crypto")
{
    return await PushCryptoProgram.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "push-service")
{
    return await FakePushService.Run();
}

BenchmarkSwitcher.FromAssembly(typeof(CompareProgram).Assembly).Run(args);
return 0;
