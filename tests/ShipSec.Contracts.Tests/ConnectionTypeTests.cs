using NUnit.Framework;
using ShipSec.Contracts.Components;

namespace ShipSec.Contracts.Tests;

public class ConnectionTypeTests
{
    private static readonly ConnectionType TextList = ConnectionType.ListOf(ConnectionType.Text);
    private static readonly ConnectionType Finding = ConnectionType.Contract("finding");

    private static IEnumerable<TestCaseData> Compatible()
    {
        yield return new TestCaseData(ConnectionType.Text, ConnectionType.Text).SetName("text feeds text");
        yield return new TestCaseData(ConnectionType.Any, ConnectionType.Number).SetName("any feeds a number");
        yield return new TestCaseData(Finding, ConnectionType.Any).SetName("a contract feeds any");
        yield return new TestCaseData(TextList, ConnectionType.Json).SetName("a list feeds json");
        yield return new TestCaseData(ConnectionType.Json, TextList).SetName("json feeds a list");
        yield return new TestCaseData(ConnectionType.Number, ConnectionType.Text).SetName("number feeds text");
        yield return new TestCaseData(ConnectionType.Boolean, ConnectionType.Text).SetName("boolean feeds text");
        yield return new TestCaseData(TextList, TextList).SetName("list of text feeds list of text");
        yield return new TestCaseData(ConnectionType.ListOf(ConnectionType.Number), TextList).SetName("list of numbers feeds list of text");
        yield return new TestCaseData(ConnectionType.ListOf(Finding), ConnectionType.ListOf(ConnectionType.Any)).SetName("list of contracts feeds list of any");
        yield return new TestCaseData(Finding, ConnectionType.Contract("finding")).SetName("a contract feeds the same contract");
        yield return new TestCaseData(ConnectionType.MapOf(ConnectionType.Text), ConnectionType.MapOf(ConnectionType.Text)).SetName("map feeds map of the same element");
        yield return new TestCaseData(new ConnectionType { Kind = "list" }, TextList).SetName("list without element type feeds any list");
    }

    private static IEnumerable<TestCaseData> Incompatible()
    {
        yield return new TestCaseData(ConnectionType.Text, ConnectionType.Number).SetName("text does not feed number");
        yield return new TestCaseData(ConnectionType.Text, ConnectionType.Boolean).SetName("text does not feed boolean");
        yield return new TestCaseData(ConnectionType.Secret, ConnectionType.Text).SetName("secret does not feed text");
        yield return new TestCaseData(ConnectionType.Text, ConnectionType.Secret).SetName("text does not feed secret");
        yield return new TestCaseData(ConnectionType.File, ConnectionType.Text).SetName("file does not feed text");
        yield return new TestCaseData(ConnectionType.Text, TextList).SetName("text does not feed a list");
        yield return new TestCaseData(TextList, ConnectionType.Text).SetName("a list does not feed text");
        yield return new TestCaseData(TextList, ConnectionType.ListOf(ConnectionType.Number)).SetName("list of text does not feed list of numbers");
        yield return new TestCaseData(TextList, ConnectionType.MapOf(ConnectionType.Text)).SetName("a list does not feed a map");
        yield return new TestCaseData(Finding, ConnectionType.Contract("port")).SetName("a contract does not feed another contract");
        yield return new TestCaseData(ConnectionType.Text, Finding).SetName("text does not feed a contract");
    }

    [TestCaseSource(nameof(Compatible))]
    public void Compatible_types_can_be_connected(ConnectionType source, ConnectionType target)
    {
        Assert.That(source.CanFeed(target), Is.True);
    }

    [TestCaseSource(nameof(Incompatible))]
    public void Incompatible_types_cannot_be_connected(ConnectionType source, ConnectionType target)
    {
        Assert.That(source.CanFeed(target), Is.False);
    }

    [Test]
    public void Types_print_the_way_validation_messages_show_them()
    {
        Assert.That(new[] { ConnectionType.Text, ConnectionType.ListOf(Finding), ConnectionType.MapOf(ConnectionType.Any), ConnectionType.Any }
            .Select(t => t.ToString()), Is.EqualTo(new[] { "text", "list<finding>", "map<any>", "any" }));
    }
}
