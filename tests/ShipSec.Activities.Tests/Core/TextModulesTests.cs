using ShipSec.Activities.Core.Text;
using ShipSec.Activities.Tests.Support;
using ShipSec.Modules;

namespace ShipSec.Activities.Tests.Core;

public class TextSplitModuleTests
{
    [Test]
    public async Task Split_by_default_gives_trimmed_non_empty_lines_and_their_count()
    {
        var context = TestModuleContext.For(new TextSplitModule(), inputs: new { text = " example.com \r\n\nexample.org\n  \napi.example.com\n" });

        var result = await context.Run();

        Assert.That(result.Output<string[]>("items"), Is.EqualTo(new[] { "example.com", "example.org", "api.example.com" }));
        Assert.That(result.Output<int>("count"), Is.EqualTo(3));
    }

    [Test]
    public async Task Split_understands_an_escaped_separator_typed_in_the_designer()
    {
        var context = TestModuleContext.For(new TextSplitModule(), inputs: new { text = "a\tb\tc" }, parameters: new { separator = "\\t" });

        var result = await context.Run();

        Assert.That(result.Output<string[]>("items"), Is.EqualTo(new[] { "a", "b", "c" }));
    }

    [Test]
    public async Task Split_on_comma_keeps_spaces_and_empty_items_when_told_to()
    {
        var context = TestModuleContext.For(new TextSplitModule(), inputs: new { text = "a, b,,c" }, parameters: new { separator = ",", trim = false, removeEmpty = false });

        var result = await context.Run();

        Assert.That(result.Output<string[]>("items"), Is.EqualTo(new[] { "a", " b", "", "c" }));
        Assert.That(result.Output<int>("count"), Is.EqualTo(4));
    }

    [Test]
    public async Task Split_without_text_is_a_validation_error()
    {
        var context = TestModuleContext.For(new TextSplitModule());

        var error = await Assert.ThrowsAsync<ModuleException>(() => context.Run());

        Assert.That(error!.Kind, Is.EqualTo(ModuleErrorKind.Validation));
        Assert.That(error.Message, Does.Contain("'text'"));
    }
}

public class TextJoinModuleTests
{
    [Test]
    public async Task Join_puts_one_item_per_line_by_default()
    {
        var context = TestModuleContext.For(new TextJoinModule(), inputs: new { items = new[] { "a.example", "b.example" } });

        var result = await context.Run();

        Assert.That(result.Output<string>("text"), Is.EqualTo("a.example\nb.example"));
    }

    [Test]
    public async Task Join_writes_numbers_as_numbers_objects_as_compact_json_and_skips_nulls()
    {
        var context = TestModuleContext.For(new TextJoinModule(),
            inputs: new { items = new object?[] { "x", 42, true, null, new { port = 443 } } },
            parameters: new { separator = ", " });

        var result = await context.Run();

        Assert.That(result.Output<string>("text"), Is.EqualTo("x, 42, true, {\"port\":443}"));
    }

    [Test]
    public async Task Join_accepts_a_single_text_as_a_one_item_list()
    {
        var context = TestModuleContext.For(new TextJoinModule(), inputs: new { items = "only" });

        var result = await context.Run();

        Assert.That(result.Output<string>("text"), Is.EqualTo("only"));
    }
}
