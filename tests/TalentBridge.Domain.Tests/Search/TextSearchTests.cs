using TalentBridge.Domain.Normalisation;
using TalentBridge.Domain.Reference;
using TalentBridge.Domain.Search;

namespace TalentBridge.Domain.Tests.Search;

public sealed class TextSearchTests
{
    private static readonly ReferenceData Reference = ReferenceData.Load();
    private static readonly TextSearch Search = new(Segmenter.Load(), Reference);
    private static readonly OccupationNames Names = new(Reference.Occupations);

    [Fact]
    public void A_query_word_brings_its_occupation_synonyms_and_region()
    {
        var words = Search.Parse("丽水市  厨师");
        Assert.Equal(["丽水市", "厨师"], words.Select(w => w.Term));
        Assert.Contains("3311", words[0].RegionCodes);
        Assert.Contains("4-03-02-01", words[1].OccupationCodes);
        Assert.Empty(Search.Parse("% ，"));
    }

    [Fact]
    public void Document_terms_include_dictionary_words_inside_longer_words_with_the_best_weight()
    {
        var terms = new Dictionary<string, int>(StringComparer.Ordinal);
        Search.AddTerms(terms, "熟悉数控车床编程，JAVA", 1);
        Search.AddTerms(terms, "车床", 4);
        Assert.Equal(4, terms["车床"]);
        Assert.Equal(1, terms["数控车床"]);
        Assert.True(terms.ContainsKey("java"));
        Assert.False(terms.ContainsKey("，"));
    }

    [Fact]
    public void A_name_is_found_by_surname_and_given_name()
    {
        var terms = new Dictionary<string, int>(StringComparer.Ordinal);
        // 李白 is one word of the dictionary; the surname and given name are terms of the name all the same.
        Search.AddName(terms, "李白", 4);
        Assert.True(terms.ContainsKey("李") && terms.ContainsKey("白") && terms.ContainsKey("李白"), string.Join('/', terms.Keys));
        Assert.Equal(["云兰"], Search.Parse("云兰").Select(w => w.Term));
        // Runs of single characters in any text are joined the same way.
        var text = new Dictionary<string, int>(StringComparer.Ordinal);
        Search.AddTerms(text, "联系人云兰女士", 1);
        Assert.True(text.ContainsKey("云兰"), string.Join('/', text.Keys));
    }

    [Theory]
    [InlineData("养老护理员", "4-10-01-05")]
    [InlineData("4-10-01-05 养老护理员", "4-10-01-05")]
    [InlineData("4100105", "4-10-01-05")]
    [InlineData("厨师长", "4-03-02-01")]
    public void An_occupation_is_found_by_code_name_alias_or_both(string typed, string code) =>
        Assert.Equal(code, Names.Resolve(typed).Found?.Code);

    [Fact]
    public void A_name_two_occupations_share_is_ambiguous_until_the_code_is_given()
    {
        // The catalogue has such names (修鞋工 …); the test takes whichever come first.
        var shared = OccupationNames.Detailed(Reference.Occupations).GroupBy(o => o.Name).First(g => g.Count() > 1);
        var match = Names.Resolve(shared.Key);
        Assert.True(match.Ambiguous);
        Assert.Null(match.Found);
        Assert.Equal(shared.Select(o => o.Code).Order(), match.Candidates.Select(o => o.Code).Order());
        Assert.Equal(shared.Last().Code, Names.Resolve($"{shared.Last().Code} {shared.Key}").Found?.Code);
    }

    [Fact]
    public void A_vague_occupation_names_none_and_suggests_some() =>
        Assert.Contains(Names.Resolve("护理").Candidates, o => o.Code == "4-10-01-05");
}
