// pinterest-sandbox: the standalone sandbox, installed as a .NET tool. Same host, same options (--help).
using Pinterest.Conversions.Sandbox.Hosting;

return await StandaloneHost.RunAsync(args, "pinterest-sandbox", Console.Out, Console.Error);
