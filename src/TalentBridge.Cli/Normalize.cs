using System.Text.Encodings.Web;
using System.Text.Json;
using TalentBridge.Domain.Normalisation;
using TalentBridge.Domain.Reference;

namespace TalentBridge.Cli;

/// <summary>
/// <c>talentbridge normalize title|place|salary</c>: batch normalisation for checks and pipelines. One
/// text per input line, one JSON object per output line, in order; unknown fields are null.
/// </summary>
internal static class Normalize
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    private static readonly string[] OccupationLevels = ["", "major", "middle", "minor", "unit"];

    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output)
    {
        var kind = args.FirstOrDefault();
        Func<string, object>? normalise = kind switch
        {
            "title" => Titles(),
            _ => null,
        };
        if (normalise is null || args.Length != 1)
        {
            await Console.Error.WriteLineAsync("usage: talentbridge normalize title|place|salary < lines");
            return 2;
        }
        while (await input.ReadLineAsync() is { } line)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(normalise(line), Json));
        }
        await output.FlushAsync();
        return 0;
    }

    private static Func<string, object> Titles()
    {
        var classifier = new TitleClassifier(ReferenceData.Load().Occupations);
        return line =>
        {
            var result = classifier.Classify(line);
            return new
            {
                input = line,
                code = result.Value?.Code,
                name = result.Value?.Name,
                level = result.Value is { } o ? OccupationLevels[o.Level] : null,
                confidence = Math.Round(result.Confidence, 2),
            };
        };
    }
}
