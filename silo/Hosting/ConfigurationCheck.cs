using System.ComponentModel.DataAnnotations;

namespace TangerangLive.Silo.Hosting;

/// <summary>Validates an options object before the host starts, with a message that names each problem.</summary>
public static class ConfigurationCheck
{
    public static T BindAndValidate<T>(IConfiguration configuration, string section)
        where T : class, new()
    {
        var options = new T();
        try
        {
            configuration.GetSection(section).Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidConfigurationException($"Configuration section '{section}' is invalid: {ex.InnerException?.Message ?? ex.Message}", ex);
        }

        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            var problems = results.Select(r => $"{section}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}");
            throw new InvalidConfigurationException($"Configuration is invalid:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", problems));
        }

        return options;
    }
}

/// <summary>The configuration cannot run; the message says what is wrong.</summary>
public sealed class InvalidConfigurationException : Exception
{
    public InvalidConfigurationException(string message)
        : base(message)
    {
    }

    public InvalidConfigurationException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public InvalidConfigurationException()
    {
    }
}
