namespace TalentBridge.Web.Tests;

/// <summary>Pages carry Chinese text as it is, and still encode what HTML needs encoded.</summary>
public sealed class PageEncodingTests(AppPerEngine apps) : IClassFixture<AppPerEngine>
{
    [Fact]
    public async Task Chinese_text_is_not_encoded_character_by_character_but_markup_characters_are()
    {
        var app = await apps.For(TestDatabases.Sqlite);
        using var client = app.Client();
        var home = await client.GetStringAsync("/");
        Assert.Contains("人才桥", home, StringComparison.Ordinal);
        Assert.DoesNotContain("&#x4EBA;", home, StringComparison.Ordinal);

        // A query echoed into the page stays inert markup.
        var search = await client.GetStringAsync("/positions?q=" + Uri.EscapeDataString("<script>厨师</script>"));
        Assert.DoesNotContain("<script>厨师", search, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;厨师&lt;/script&gt;", search, StringComparison.Ordinal);
    }
}
