using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

// The delivery harness measures whole runs (wall time, several threads, a disk): `-- delivery [enqueue|reliability|all] [runs]`.
if (args.Length > 0 && args[0] == "delivery") return await Pinterest.Conversions.Benchmarks.Delivery.DeliveryHarness.RunAsync(args);

// Always pass --filter (e.g. --filter '*'): without it BenchmarkSwitcher waits for input.
var config = DefaultConfig.Instance.AddJob(Job.ShortRun.WithId("short"));
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
return 0;
