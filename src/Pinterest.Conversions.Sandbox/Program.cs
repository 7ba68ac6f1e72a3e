// Standalone sandbox host. The endpoint, validation and dashboard arrive with the sending issue.
var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/", () => "Pinterest.Conversions sandbox");
app.Run();
