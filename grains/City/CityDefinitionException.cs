namespace TangerangLive.Grains.City;

/// <summary>A city definition that cannot be used; <see cref="Errors"/> names each problem.</summary>
public sealed class CityDefinitionException : Exception
{
    /// <summary>Creates the exception from a list of problems, each naming its field.</summary>
    public CityDefinitionException(IReadOnlyList<string> errors)
        : base("Invalid city definition: " + string.Join("; ", errors))
    {
        Errors = errors;
    }

    /// <summary>Creates the exception for one problem.</summary>
    public CityDefinitionException(string message, Exception innerException)
        : base("Invalid city definition: " + message, innerException)
    {
        Errors = [message];
    }

    /// <summary>Creates the exception for one problem.</summary>
    public CityDefinitionException(string message)
        : this([message])
    {
    }

    /// <summary>Creates an exception with no specific field.</summary>
    public CityDefinitionException()
        : this("unknown error")
    {
    }

    /// <summary>Each problem, prefixed with the JSON path of the field at fault.</summary>
    public IReadOnlyList<string> Errors { get; }
}
