using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

// Always pass --filter (e.g. --filter '*'): without it BenchmarkSwitcher waits for input.
var config = DefaultConfig.Instance.AddJob(Job.ShortRun.WithId("short"));
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
