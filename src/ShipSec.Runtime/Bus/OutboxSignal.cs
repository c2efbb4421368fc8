using ShipSec.Runtime.Hosting;

namespace ShipSec.Runtime.Bus;

/// <summary>Wakes this process's <see cref="OutboxRelay"/> after a commit that added outbox messages, so they leave at once instead of at the next poll.</summary>
public sealed class OutboxSignal : WakeSignal;
