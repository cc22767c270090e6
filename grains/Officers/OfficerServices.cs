using Microsoft.Extensions.Options;
using TangerangLive.Grains.Attendance;
using TangerangLive.Grains.Dispatch;
using TangerangLive.Grains.Live;

namespace TangerangLive.Grains.Officers;

/// <summary>
/// The services an officer grain uses, held once: seven references in each of 100,000 officer grains were 5.6 MB
/// (48 B more per officer than one reference to this holder; silo gcdump, session 9). They are the silo's singletons,
/// so every grain of a silo gets the same holder; a process with several silos (tests) gets one per set of services.
/// </summary>
public sealed class OfficerServices
{
    private static OfficerServices? _last;

    private OfficerServices(CityModel city, DomainClock clock, ILiveEventSink live, IAttendanceStore attendance, IOfficerDirectory directory, IPositionLog positions, IOptions<DispatchTimingOptions> timing) =>
        (City, Clock, Live, Attendance, Directory, Positions, Timing) = (city, clock, live, attendance, directory, positions, timing);

    public CityModel City { get; }

    public DomainClock Clock { get; }

    public ILiveEventSink Live { get; }

    public IAttendanceStore Attendance { get; }

    public IOfficerDirectory Directory { get; }

    public IPositionLog Positions { get; }

    public IOptions<DispatchTimingOptions> Timing { get; }

    /// <summary>The holder of these services: the last one made when it holds the same instances, a new one otherwise.</summary>
    public static OfficerServices Of(CityModel city, DomainClock clock, ILiveEventSink live, IAttendanceStore attendance, IOfficerDirectory directory, IPositionLog positions, IOptions<DispatchTimingOptions> timing)
    {
        var last = Volatile.Read(ref _last);
        if (last is not null && ReferenceEquals(last.City, city) && ReferenceEquals(last.Clock, clock) && ReferenceEquals(last.Live, live)
            && ReferenceEquals(last.Attendance, attendance) && ReferenceEquals(last.Directory, directory) && ReferenceEquals(last.Positions, positions)
            && ReferenceEquals(last.Timing, timing))
        {
            return last;
        }

        var made = new OfficerServices(city, clock, live, attendance, directory, positions, timing);
        Volatile.Write(ref _last, made);
        return made;
    }
}
