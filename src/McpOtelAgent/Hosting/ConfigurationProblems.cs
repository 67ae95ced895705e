using System.Text.Json;
using Microsoft.Extensions.Options;

namespace McpOtelAgent.Hosting;

/// <summary>Turns what configuration loading and options validation throw into the lines a user reads.</summary>
internal static class ConfigurationProblems
{
    /// <summary>The problems in <paramref name="exception"/>, or null when it is not a configuration problem.</summary>
    public static IReadOnlyList<string>? From(Exception exception) => exception switch
    {
        OptionsValidationException validation => validation.Failures.ToArray(),
        AggregateException aggregate when aggregate.InnerExceptions.All(e => From(e) is not null) =>
            aggregate.InnerExceptions.SelectMany(e => From(e)!).ToArray(),
        FileNotFoundException missing => [$"configuration file not found: {missing.FileName ?? missing.Message}"],
        // The provider wraps the parser's reason (the line of bad JSON; "A duplicate key 'Agent:Servers:a' was found.",
        // for ids that differ only in case too): it is the part that says what to fix.
        InvalidDataException or JsonException or FormatException =>
            [$"configuration file is not valid JSON: {exception.Message}{(exception.InnerException is { } inner ? " " + inner.Message : string.Empty)}"],
        // The binder names the key and the expected type ("Failed to convert configuration value at 'Agent:...'").
        InvalidOperationException when exception.Message.Contains("configuration", StringComparison.OrdinalIgnoreCase) =>
            [exception.Message],
        _ => null,
    };

    public static void Write(TextWriter writer, IReadOnlyList<string> problems)
    {
        writer.WriteLine($"Invalid configuration ({problems.Count} problem{(problems.Count == 1 ? string.Empty : "s")}):");
        foreach (var problem in problems)
        {
            writer.WriteLine($"  - {problem}");
        }
    }
}
