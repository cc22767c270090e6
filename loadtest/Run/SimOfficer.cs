using Microsoft.AspNetCore.SignalR.Client;
using TangerangLive.Grains.City;
using TangerangLive.LoadTest.Core;

namespace TangerangLive.LoadTest.Run;

/// <summary>
/// One simulated field officer and their phone: identity, where they are and where they go, what the
/// engine last accepted from them, and their current work. Kept small (one of 100,000); state
/// changes happen under <see cref="Gate"/>.
/// </summary>
internal sealed class SimOfficer(int index, string officerId, string agency, bool usesOsmAnd, bool motorbike, ulong random)
{
    public const double WalkingSpeed = 1.4;
    public const double MotorbikeSpeed = 10;

    public int Index { get; } = index;
    public string OfficerId { get; } = officerId;
    public string Agency { get; } = agency;
    public bool UsesOsmAnd { get; } = usesOsmAnd;
    public double Speed { get; } = motorbike ? MotorbikeSpeed : WalkingSpeed;
    public Lock Gate { get; } = new();

    public string? TrackingDeviceId { get; set; }
    public string? Token { get; set; }
    public HubConnection? Hub { get; set; }

    /// <summary>The officer's own random stream (see <see cref="SimRandom"/>).</summary>
    public ulong Random = random;

    /// <summary>The next number of the officer's random stream, safe from any thread.</summary>
    public double Draw()
    {
        lock (Gate)
        {
            return SimRandom.NextDouble(ref Random);
        }
    }

    public double Lat { get; private set; }
    public double Lon { get; private set; }
    public double DestinationLat { get; private set; }
    public double DestinationLon { get; private set; }
    public double Battery { get; private set; } = 100;
    private long _movedAt;

    /// <summary>The position the engine last accepted, and when (monotonic; 0 before the first).</summary>
    public double AckLat { get; private set; }
    public double AckLon { get; private set; }
    public long AckAt { get; private set; }

    public OfficerPhase Phase { get; private set; }
    public string? Held { get; private set; }

    /// <summary>When the phone last went off the network (monotonic; 0 = never).</summary>
    public long DroppedAt { get; private set; }

    public void Place(double lat, double lon, double battery)
    {
        (Lat, Lon, DestinationLat, DestinationLon, Battery) = (lat, lon, lat, lon, battery);
        _movedAt = MonotonicClock.Now;
    }

    /// <summary>Moves towards the destination at the officer's speed for the time since the last move; true when arrived.</summary>
    public bool Move(long now)
    {
        var seconds = MonotonicClock.Between(_movedAt, now).TotalSeconds;
        _movedAt = now;
        Battery = Math.Max(5, Battery - (seconds * 0.002));
        var remaining = Geodesy.HaversineMetres(Lat, Lon, DestinationLat, DestinationLon);
        var step = Speed * Math.Max(0, seconds);
        if (remaining <= step || remaining < 1)
        {
            (Lat, Lon) = (DestinationLat, DestinationLon);
            return true;
        }

        var t = step / remaining;
        Lat += (DestinationLat - Lat) * t;
        Lon += (DestinationLon - Lon) * t;
        return false;
    }

    public void Head(double lat, double lon) => (DestinationLat, DestinationLon) = (lat, lon);

    public void Accepted(double lat, double lon, long at) => (AckLat, AckLon, AckAt) = (lat, lon, at);

    public void StartShift()
    {
        lock (Gate)
        {
            Phase = OfficerPhase.Available;
        }
    }

    public void EndShift()
    {
        lock (Gate)
        {
            Phase = OfficerPhase.OffDuty;
            Held = null;
        }
    }

    /// <summary>Takes an offer (the phase stays dropped out while the phone is off the network).</summary>
    public void TakeOffer(string complaintId)
    {
        lock (Gate)
        {
            Held = complaintId;
            if (Phase != OfficerPhase.DroppedOut)
            {
                Phase = OfficerPhase.Holding;
            }
        }
    }

    /// <summary>Frees the officer from the report if it is still the one held.</summary>
    public bool Release(string complaintId)
    {
        lock (Gate)
        {
            if (Held != complaintId)
            {
                return false;
            }

            Held = null;
            if (Phase == OfficerPhase.Holding)
            {
                Phase = OfficerPhase.Available;
            }

            return true;
        }
    }

    /// <summary>Goes off the network if free; false when holding a report or off duty.</summary>
    public bool TryDropOut()
    {
        lock (Gate)
        {
            if (Phase != OfficerPhase.Available)
            {
                return false;
            }

            Phase = OfficerPhase.DroppedOut;
            DroppedAt = MonotonicClock.Now;
            return true;
        }
    }

    public void Return()
    {
        lock (Gate)
        {
            if (Phase == OfficerPhase.DroppedOut)
            {
                Phase = Held is null ? OfficerPhase.Available : OfficerPhase.Holding;
                }
        }
    }
}
