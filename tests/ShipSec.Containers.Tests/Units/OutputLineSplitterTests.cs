using System.Text;
using ShipSec.Modules.Containers;
using ShipSec.Runtime.Containers;

namespace ShipSec.Containers.Tests.Units;

public class OutputLineSplitterTests
{
    [Test]
    public void A_line_split_across_reads_arrives_whole()
    {
        var splitter = new OutputLineSplitter(ContainerStream.Stdout, 64);
        var lines = new List<ContainerLine>();

        splitter.Push("Disco"u8, lines);
        splitter.Push("vered open port 80/tcp\nnext"u8, lines);
        splitter.Push(" line\n"u8, lines);

        Assert.That(lines.Select(l => l.Text), Is.EqualTo(new[] { "Discovered open port 80/tcp", "next line" }));
    }

    [Test]
    public void Carriage_returns_before_newlines_are_dropped_and_empty_lines_kept()
    {
        var splitter = new OutputLineSplitter(ContainerStream.Stderr, 64);
        var lines = new List<ContainerLine>();

        splitter.Push("one\r\n\r\ntwo\n"u8, lines);

        Assert.That(lines, Is.EqualTo(new[]
        {
            new ContainerLine(ContainerStream.Stderr, "one"),
            new ContainerLine(ContainerStream.Stderr, ""),
            new ContainerLine(ContainerStream.Stderr, "two"),
        }));
    }

    [Test]
    public void A_lone_carriage_return_ends_a_line_like_a_redrawn_progress_bar_and_a_split_crlf_ends_only_one()
    {
        var splitter = new OutputLineSplitter(ContainerStream.Stderr, 64);
        var lines = new List<ContainerLine>();

        splitter.Push(":: Progress: [1/4]\r:: Progress: [4/4]\r"u8, lines);
        splitter.Push("\ndone\n"u8, lines);

        Assert.That(lines.Select(l => l.Text), Is.EqualTo(new[] { ":: Progress: [1/4]", ":: Progress: [4/4]", "done" }));
    }

    [Test]
    public void A_line_longer_than_the_limit_is_cut_once_and_its_remainder_skipped()
    {
        var splitter = new OutputLineSplitter(ContainerStream.Stdout, 8);
        var lines = new List<ContainerLine>();

        splitter.Push(Encoding.UTF8.GetBytes("abcdefghijkl"), lines);
        splitter.Push(Encoding.UTF8.GetBytes("mnop\nshort\n"), lines);

        Assert.That(lines, Is.EqualTo(new[]
        {
            new ContainerLine(ContainerStream.Stdout, "abcdefgh", Truncated: true),
            new ContainerLine(ContainerStream.Stdout, "short"),
        }));
    }

    [Test]
    public void A_last_line_without_newline_arrives_on_flush()
    {
        var splitter = new OutputLineSplitter(ContainerStream.Stdout, 64);
        var lines = new List<ContainerLine>();

        splitter.Push("done"u8, lines);
        Assert.That(lines, Is.Empty);
        splitter.Flush(lines);

        Assert.That(lines.Single().Text, Is.EqualTo("done"));
    }

    [Test]
    public void Multibyte_characters_split_between_reads_decode_intact()
    {
        var splitter = new OutputLineSplitter(ContainerStream.Stdout, 64);
        var lines = new List<ContainerLine>();
        var bytes = Encoding.UTF8.GetBytes("zürich → ok\n");

        splitter.Push(bytes.AsSpan(0, 2), lines);
        splitter.Push(bytes.AsSpan(2), lines);

        Assert.That(lines.Single().Text, Is.EqualTo("zürich → ok"));
    }
}
