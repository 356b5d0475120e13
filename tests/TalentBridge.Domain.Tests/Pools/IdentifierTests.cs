namespace TalentBridge.Domain.Tests.Pools;

public sealed class IdentifierTests
{
    [Theory]
    [InlineData("91350100M000100Y43")]
    [InlineData("91110000802100433B")]
    [InlineData("91330000142916567N")]
    public void Published_credit_codes_pass_their_check_character(string code)
    {
        Assert.Null(Uscc.Check(code));
        Assert.Equal(code[17], Uscc.CheckCharacter(code.AsSpan(0, 17)));
    }

    [Theory]
    [InlineData("91350100M000100Y44", "check character must be '3'")]
    [InlineData("91350100M000100Y4", "must be 18 characters")]
    [InlineData("91350100M000I00Y43", "character 13 'I' is not allowed")]
    [InlineData("91350100m000100Y43", "character 9 'm' is not allowed")]
    [InlineData("", "is required")]
    [InlineData(null, "is required")]
    public void A_bad_credit_code_names_the_rule_it_breaks(string? code, string rule) =>
        Assert.Contains(rule, Uscc.Check(code), StringComparison.Ordinal);

    [Fact]
    public void A_check_value_of_31_becomes_zero()
    {
        // Search a 17-character prefix whose weighted sum is a multiple of 31: its check character is '0'.
        var found = Enumerable.Range(0, 31 * 31).Select(i => $"9133110000000{Uscc.Alphabet[i / 31]}{Uscc.Alphabet[i % 31]}00")
            .First(p => Uscc.CheckCharacter(p) == '0');
        Assert.Null(Uscc.Check(found + "0"));
    }

    [Fact]
    public void The_standard_example_resident_id_is_valid_and_a_changed_digit_is_not()
    {
        Assert.Null(ResidentId.Check("11010519491231002X"));
        Assert.Null(ResidentId.Check("11010519491231002x"));
        Assert.Contains("check character must be 'X'", ResidentId.Check("110105194912310021"), StringComparison.Ordinal);
        Assert.Contains("character 3 must be a digit", ResidentId.Check("11A10519491231002X"), StringComparison.Ordinal);
        Assert.Contains("18 characters", ResidentId.Check("1101051949123100"), StringComparison.Ordinal);
    }

    [Fact]
    public void Contact_values_are_masked_and_hashed_alike_whatever_their_formatting()
    {
        var protector = new ContactProtector("a-test-key-of-sixteen-bytes"u8.ToArray());
        Assert.Equal(protector.Hash("13800138000"), protector.Hash("138 0013-8000"));
        Assert.Equal(protector.Hash("13800138000"), protector.Hash("+86 138 0013 8000"));
        Assert.NotEqual(protector.Hash("13800138000"), protector.Hash("13800138001"));
        Assert.NotEqual(protector.Hash("13800138000"), new ContactProtector("another-key-sixteen-bytes"u8.ToArray()).Hash("13800138000"));
        Assert.DoesNotContain("13800138000", protector.Hash("13800138000"), StringComparison.Ordinal);
        Assert.Equal("138****8000", ContactProtector.MaskPhone("138 0013 8000"));
        Assert.Equal("1101**********002X", ContactProtector.MaskResidentId("11010519491231002x"));
        Assert.True(ContactProtector.IsMobilePhone("13800138000"));
        Assert.False(ContactProtector.IsMobilePhone("12800138000"));
        Assert.False(ContactProtector.IsMobilePhone("0578-2123456"));
    }

    [Fact]
    public void A_short_hashing_key_is_refused() =>
        Assert.Throws<ArgumentException>(() => new ContactProtector("short"u8.ToArray()));
}
