using TalentBridge.Domain.Reference;

namespace TalentBridge.Domain.Tests.Reference;

public sealed class CsvTests
{
    [Fact]
    public void Quoted_fields_keep_commas_quotes_and_line_breaks()
    {
        var records = Csv.ParseRecords("a,\"b, c\",\"say \"\"hi\"\"\"\r\n1,\"two\r\nlines\",3\n");

        Assert.Equal(2, records.Count);
        Assert.Equal(["a", "b, c", "say \"hi\""], records[0]);
        Assert.Equal(["1", "two\r\nlines", "3"], records[1]);
    }

    [Fact]
    public void Empty_fields_are_kept_including_a_trailing_one()
    {
        var records = Csv.ParseRecords("x,,\"\",");

        Assert.Equal(["x", "", "", ""], Assert.Single(records));
    }

    [Fact]
    public void Byte_order_mark_and_blank_lines_are_ignored()
    {
        var records = Csv.ParseRecords("\uFEFFh1,h2\r\n\r\nv1,v2\r\n\r\n");

        Assert.Equal(2, records.Count);
        Assert.Equal(["h1", "h2"], records[0]);
        Assert.Equal(["v1", "v2"], records[1]);
    }

    [Fact]
    public void Last_record_without_line_break_is_read()
    {
        var records = Csv.ParseRecords("a,b\nc,\"d\"");

        Assert.Equal(["c", "d"], records[1]);
    }

    [Fact]
    public void Unterminated_quote_is_an_error()
    {
        Assert.Throws<FormatException>(() => Csv.ParseRecords("a,\"b\nc"));
    }

    [Fact]
    public void Text_after_a_closing_quote_is_an_error()
    {
        Assert.Throws<FormatException>(() => Csv.ParseRecords("\"a\"b,c"));
    }

    [Fact]
    public void Table_maps_header_columns_and_rejects_ragged_records()
    {
        var table = Csv.ParseTable("code,name\n33,\"浙江省\"\n", "test");

        Assert.Equal(1, table.Column("name"));
        Assert.Equal("浙江省", table.Records[0][table.Column("name")]);
        Assert.Throws<InvalidDataException>(() => table.Column("missing"));
        Assert.Throws<InvalidDataException>(() => Csv.ParseTable("a,b\n1\n", "test"));
    }
}
