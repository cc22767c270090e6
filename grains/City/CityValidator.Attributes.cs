namespace TangerangLive.Grains.City;

/// <summary>The checks of a category's attributes (its Open311 service definition).</summary>
public static partial class CityValidator
{
    private static void ValidateAttributes(List<string> errors, string path, IReadOnlyList<CategoryAttribute> attributes)
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < attributes.Count; i++)
        {
            var a = attributes[i];
            var at = $"{path}[{i}]";
            if (a is null)
            {
                errors.Add($"{at}: is null");
                continue;
            }

            if (string.IsNullOrEmpty(a.Code) || a.Code.Length > 64 || !a.Code.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '_' or '-' or '.'))
            {
                errors.Add($"{at}.code: 1-64 letters, digits, '_', '-' or '.' (got '{a.Code}')");
            }
            else if (!codes.Add(a.Code))
            {
                errors.Add($"{at}.code: duplicate attribute code '{a.Code}'");
            }

            Required(errors, at + ".description", a.Description);
            if (!CategoryAttribute.Datatypes.Contains(a.Datatype))
            {
                errors.Add($"{at}.datatype: must be one of {string.Join(", ", CategoryAttribute.Datatypes)} (got '{a.Datatype}')");
            }
            else if (a.IsList != (a.Values is { Count: > 0 }))
            {
                errors.Add(a.IsList ? $"{at}.values: a {a.Datatype} needs at least one value" : $"{at}.values: only a list datatype has values");
            }
            else if (a.Values is { } values)
            {
                var keys = new HashSet<string>(StringComparer.Ordinal);
                for (var j = 0; j < values.Count; j++)
                {
                    if (values[j] is not { Key.Length: > 0, Name.Length: > 0 } value)
                    {
                        errors.Add($"{at}.values[{j}]: key and name are required");
                    }
                    else if (!keys.Add(value.Key))
                    {
                        errors.Add($"{at}.values[{j}].key: duplicate key '{value.Key}'");
                    }
                }
            }
        }
    }
}
