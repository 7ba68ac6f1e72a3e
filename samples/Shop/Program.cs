using Pinterest.Conversions.Samples.Shop;

if (args.Contains("--demo"))
    return await ShopDemo.RunAsync(Console.Out, shoppers: 300);

WebApplication app;
try
{
    app = ShopApp.Build(args);
}
catch (MissingCredentialsException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
await app.StartAsync();
var mode = app.Services.GetRequiredService<ShopMode>();
var url = app.Urls.First().TrimEnd('/');
Console.WriteLine($"Shop:      {url}/");
if (mode.UsesSandbox)
{
    Console.WriteLine($"Sandbox:   {url}{ShopMode.SandboxPrefix}/sandbox          (dashboard)");
    Console.WriteLine($"Report:    {url}{ShopMode.SandboxPrefix}/sandbox/report   (JSON)");
}
else
{
    Console.WriteLine("Sending events to Pinterest" + (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Pinterest.Conversions.Hosting.PinterestConversionsOptions>>().Value.Test ? " in test mode." : "."));
}
if (app.Environment.IsDevelopment())
    Console.WriteLine($"Outbox:    {url}{ShopMode.OutboxPath}           (pending and parked events, redrive, purge)");
Console.WriteLine("Press Ctrl+C to stop.");
await app.WaitForShutdownAsync();
return 0;
