using System.Security.Cryptography;
using System.Text;
using TalentBridge.Domain.Accounts;

namespace TalentBridge.Domain.Tests.Accounts;

public sealed class RegistrationTests
{
    [Theory]
    [InlineData("13800138000", ContactKind.Phone, "13800138000", "138****8000")]
    [InlineData(" +86 138-0013-8000 ", ContactKind.Phone, "13800138000", "138****8000")]
    [InlineData("Zhang.San@Example.COM", ContactKind.Email, "zhang.san@example.com", "z***@example.com")]
    public void A_phone_number_or_address_has_one_stored_form(string typed, ContactKind kind, string value, string masked)
    {
        var contact = ContactIdentifier.Parse(typed)!;
        Assert.Equal((kind, value, masked), (contact.Kind, contact.Value, contact.Masked));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1380013800")]
    [InlineData("12800138000")]
    [InlineData("138a0138000")]
    [InlineData("zhang@localhost")]
    [InlineData("zhang san@example.com")]
    [InlineData("@example.com")]
    public void Anything_else_is_no_identifier(string typed) => Assert.Null(ContactIdentifier.Parse(typed));

    [Fact]
    public void A_phone_number_and_an_address_never_share_a_hash_input()
    {
        Assert.NotEqual(ContactIdentifier.Parse("13800138000")!.HashInput, ContactIdentifier.Parse("13800138000@example.com")!.HashInput);
    }

    [Fact]
    public void Registration_names_every_broken_rule_by_field()
    {
        var errors = Registration.Validate("138", "", "abcdefgh", "2020-01").ToDictionary();
        Assert.Equal(["identifier", "displayName", "password", "consent"], errors.Keys);
        Assert.Equal(["must contain a letter and a digit"], errors["password"]);
        Assert.True(Registration.Validate("a@b.cn", "张三", "abc12345", Registration.PrivacyNoticeVersion).IsValid);
        Assert.Equal(["must be at least 8 characters"], Registration.CheckPassword("a1", new ValidationErrors()).ToDictionary()["password"]);
    }

    [Fact]
    public void A_sealed_contact_opens_only_under_its_key_and_unaltered()
    {
        var protector = new ContactProtector(Encoding.UTF8.GetBytes("a-deployment-secret-of-length"));
        var sealed1 = protector.Seal("13800138000");
        Assert.NotEqual(sealed1, protector.Seal("13800138000"));
        Assert.DoesNotContain("13800138000", sealed1, StringComparison.Ordinal);
        Assert.Equal("13800138000", protector.Unseal(sealed1));
        var other = new ContactProtector(Encoding.UTF8.GetBytes("another-deployment-secret"));
        Assert.ThrowsAny<CryptographicException>(() => other.Unseal(sealed1));
        var box = Convert.FromBase64String(sealed1[3..]);
        box[^1] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => protector.Unseal("v1:" + Convert.ToBase64String(box)));
    }
}
