using ShipSec.Runtime.Hosting;

namespace ShipSec.Runtime.Orchestration;

/// <summary>Wakes this process's <see cref="TimerSweeper"/> after a commit that set or moved a run's next timer, so it plans its next wake from the new time.</summary>
public sealed class TimerSignal : WakeSignal;
