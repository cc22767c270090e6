namespace TangerangLive.LoadTest.Core;

/// <summary>
/// One arrival of an open-loop stream: its sequence number (0, 1, 2, ...) and the
/// <see cref="MonotonicClock"/> timestamp it was meant to be sent at. Latency is measured from
/// <see cref="IntendedAt"/>, not from the moment the send actually started, so a server that
/// stalls the client cannot hide its stall (no coordinated omission).
/// </summary>
public readonly record struct Arrival(long Index, long IntendedAt);
