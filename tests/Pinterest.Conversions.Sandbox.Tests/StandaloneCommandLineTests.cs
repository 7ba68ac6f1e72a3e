using Microsoft.Extensions.Configuration;
using Pinterest.Conversions.Sandbox.Hosting;
using Xunit;

namespace Pinterest.Conversions.Sandbox.Tests;

/// <summary>The standalone host's command line (shared by Program.cs and the pinterest-sandbox tool).</summary>
public sealed class StandaloneCommandLineTests
{
    [Theory]
    [InlineData(new[] { "--port", "5081" }, "--urls=http://127.0.0.1:5081")]
    [InlineData(new[] { "--port=0" }, "--urls=http://127.0.0.1:0")]
    [InlineData(new[] { "--urls", "http://0.0.0.0:5080" }, "--urls=http://0.0.0.0:5080")]
    [InlineData(new[] { "--Sandbox:AdAccountId", "549755885175" }, "--Sandbox:AdAccountId=549755885175")]
    [InlineData(new[] { "--sandbox:adaccountid=549755885175" }, "--Sandbox:AdAccountId=549755885175")]
    [InlineData(new[] { "--Logging:LogLevel:Default=Warning" }, "--Logging:LogLevel:Default=Warning")]
    public void Known_options_become_configuration(string[] args, string expected)
    {
        var commandLine = StandaloneCommandLine.Parse(args);

        Assert.Null(commandLine.Error);
        Assert.False(commandLine.ShowHelp);
        Assert.Equal([expected], commandLine.ConfigurationArguments);
    }

    [Fact]
    public void Every_sandbox_option_of_the_command_line_reaches_the_sandbox_options()
    {
        // Lower case on purpose: configuration keys are case-insensitive, and the parser gives the canonical spelling.
        var commandLine = StandaloneCommandLine.Parse(
        [
            "--sandbox:accesstoken=pina_secret", "--Sandbox:AdAccountId", "549755885175", "--Sandbox:AdvertiserDefinedEvents=wishlist, quote_request",
            "--Sandbox:FutureEventTimeTolerance=00:05:00", "--Sandbox:MaxEventAge=7.00:00:00", "--Sandbox:RecentEventCapacity=7",
            "--Sandbox:AllowRemoteAdministration=true",
        ]);
        Assert.Null(commandLine.Error);

        var configuration = new ConfigurationBuilder().AddCommandLine([.. commandLine.ConfigurationArguments]).Build();
        var options = new PinterestSandboxOptions();
        SandboxConfiguration.Bind(configuration.GetSection(SandboxConfiguration.Section), options);

        Assert.Equal("pina_secret", options.AccessToken);
        Assert.Equal("549755885175", options.AdAccountId);
        Assert.Equal(new[] { "wishlist", "quote_request" }, options.AdvertiserDefinedEvents);
        Assert.Equal(TimeSpan.FromMinutes(5), options.FutureEventTimeTolerance);
        Assert.Equal(TimeSpan.FromDays(7), options.MaxEventAge);
        Assert.Equal(7, options.RecentEventCapacity);
        Assert.True(options.AllowRemoteAdministration);
        // Each option of the list is one the command line knows and its help names.
        var help = StandaloneCommandLine.Help("pinterest-sandbox");
        foreach (var setting in SandboxConfiguration.Settings)
            Assert.Contains($"--Sandbox:{setting.Key} {setting.Value}  ", help);
    }

    [Fact]
    public void No_option_leaves_the_address_to_the_host_default()
    {
        var commandLine = StandaloneCommandLine.Parse([]);

        Assert.Null(commandLine.Error);
        Assert.Empty(commandLine.ConfigurationArguments);
    }

    [Theory]
    [InlineData(new[] { "--prot", "5080" }, "unknown option '--prot'")]
    [InlineData(new[] { "--Sandbox:AcessToken=pina_secret" }, "unknown option '--Sandbox:AcessToken'")]
    [InlineData(new[] { "5080" }, "unknown option '5080'")]
    [InlineData(new[] { "--port" }, "--port needs a value")]
    [InlineData(new[] { "--port", "http://127.0.0.1:5080" }, "--port must be a number from 0 to 65535")]
    [InlineData(new[] { "--port", "65536" }, "--port must be a number from 0 to 65535")]
    [InlineData(new[] { "--port", "-1" }, "--port must be a number from 0 to 65535")]
    [InlineData(new[] { "--port", "5080", "--urls", "http://127.0.0.1:5081" }, "--port and --urls cannot be used together")]
    public void A_wrong_command_line_is_an_error_that_names_the_option_not_its_value(string[] args, string expected)
    {
        var commandLine = StandaloneCommandLine.Parse(args);

        Assert.Equal(expected, commandLine.Error);
        Assert.DoesNotContain("pina_secret", commandLine.Error);
        Assert.Empty(commandLine.ConfigurationArguments);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("-?")]
    public void Help_wins_over_everything_else(string help)
    {
        Assert.True(StandaloneCommandLine.Parse([help]).ShowHelp);

        var commandLine = StandaloneCommandLine.Parse(["--prot", "1", help]);
        Assert.True(commandLine.ShowHelp);
        Assert.Null(commandLine.Error);
    }

    [Fact]
    public void Help_names_the_command_and_every_option()
    {
        var help = StandaloneCommandLine.Help("pinterest-sandbox");

        Assert.Contains("Usage: pinterest-sandbox [options]", help);
        foreach (var option in new[]
                 {
                     "--port <port>", "--urls <urls>", "--Sandbox:AccessToken", "--Sandbox:AdAccountId", "--Sandbox:AdvertiserDefinedEvents",
                     "--Sandbox:FutureEventTimeTolerance", "--Sandbox:MaxEventAge", "--Sandbox:RecentEventCapacity",
                     "--Sandbox:AllowRemoteAdministration", "--Logging:<key>", "--help",
                 })
        {
            Assert.Contains(option, help);
        }
        Assert.Contains("http://127.0.0.1:5080, loopback only", help);
    }
}
