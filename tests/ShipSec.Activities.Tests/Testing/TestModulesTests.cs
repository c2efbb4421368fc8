using ShipSec.Activities.Testing;
using ShipSec.Activities.Tests.Support;
using ShipSec.Modules;

namespace ShipSec.Activities.Tests.Testing;

public class SleepModuleTests
{
    [Test]
    public async Task Sleep_outputs_the_duration_it_slept()
    {
        var context = TestModuleContext.For(new SleepModule(), parameters: new { durationMs = 20 });

        var result = await context.Run();

        Assert.That(result.Output<long>("sleptMs"), Is.EqualTo(20));
    }

    [Test]
    public async Task Sleep_stops_when_cancelled()
    {
        using var cancel = new CancellationTokenSource();
        var context = TestModuleContext.For(new SleepModule(), parameters: new { durationMs = 600_000 }, cancellationToken: cancel.Token);

        var sleeping = context.Run();
        cancel.Cancel();

        await Assert.ThatAsync(() => sleeping, Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public void Sleep_defaults_to_one_second()
    {
        var parameter = new SleepModule().Descriptor.Parameters.Single(p => p.Id == "durationMs");

        Assert.That(parameter.Default!.Value.GetDouble(), Is.EqualTo(1000));
    }
}

public class FailModuleTests
{
    [Test]
    public async Task Fail_without_failAttempts_fails_every_attempt_with_a_non_retryable_validation_error()
    {
        foreach (var attempt in new[] { 1, 2, 5 })
        {
            var context = TestModuleContext.For(new FailModule(), attempt: attempt);

            var error = await Assert.ThrowsAsync<ModuleException>(() => context.Run());

            Assert.That(error!.ErrorType, Is.EqualTo("ValidationError"));
            Assert.That(error.Retryable, Is.False);
        }
    }

    [Test]
    public async Task Fail_with_retryable_throws_a_retryable_service_error()
    {
        var context = TestModuleContext.For(new FailModule(), parameters: new { retryable = true });

        var error = await Assert.ThrowsAsync<ModuleException>(() => context.Run());

        Assert.That(error!.ErrorType, Is.EqualTo("ServiceError"));
        Assert.That(error.Retryable, Is.True);
    }

    [Test]
    public async Task Fail_with_failAttempts_fails_only_the_first_attempts_then_outputs_the_attempt()
    {
        var module = new FailModule();

        await Assert.ThrowsAsync<ModuleException>(() => TestModuleContext.For(module, parameters: new { retryable = true, failAttempts = 2 }, attempt: 1).Run());
        await Assert.ThrowsAsync<ModuleException>(() => TestModuleContext.For(module, parameters: new { retryable = true, failAttempts = 2 }, attempt: 2).Run());
        var result = await TestModuleContext.For(module, parameters: new { retryable = true, failAttempts = 2 }, attempt: 3).Run();

        Assert.That(result.Output<int>("attempt"), Is.EqualTo(3));
    }
}

public class ProgressModuleTests
{
    [Test]
    public async Task Progress_emits_exactly_steps_progress_events_and_log_lines()
    {
        var context = TestModuleContext.For(new ProgressModule(), parameters: new { steps = 7 });

        var result = await context.Run();

        Assert.That(result.Output<int>("steps"), Is.EqualTo(7));
        Assert.That(context.ProgressReports.Select(p => (p.Current, p.Total)), Is.EqualTo(Enumerable.Range(1, 7).Select(i => ((long?)i, (long?)7))));
        Assert.That(context.Logs, Has.Count.EqualTo(7));
    }

    [Test]
    public async Task Progress_defaults_to_ten_steps()
    {
        var context = TestModuleContext.For(new ProgressModule());

        await context.Run();

        Assert.That(context.ProgressReports, Has.Count.EqualTo(10));
        Assert.That(context.ProgressReports[^1].Message, Is.EqualTo("step 10/10"));
    }

    [Test]
    public async Task Progress_stops_when_cancelled()
    {
        using var cancel = new CancellationTokenSource();
        var context = TestModuleContext.For(new ProgressModule(), parameters: new { steps = 1000, delayMs = 60_000 }, cancellationToken: cancel.Token);

        var running = context.Run();
        cancel.Cancel();

        await Assert.ThatAsync(() => running, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(context.ProgressReports.Count, Is.LessThan(1000));
    }
}
