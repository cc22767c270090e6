using TangerangLive.Grains;
using TangerangLive.Grains.City;

namespace TangerangLive.Api.Open311;

/// <summary>
/// The city's categories as Open311 services: the agency that takes a category is its group, its name's
/// words its keywords. A category with attributes has metadata=true and a service definition.
/// </summary>
public static class Open311Services
{
    private static readonly HashSet<string> Stopwords = new(StringComparer.OrdinalIgnoreCase) { "or", "and", "the", "of" };

    public static Open311Document List(CityModel city) =>
        new("services", Open311Node.List("service", city.Definition.Categories.Select(c => Service(city, c))));

    public static string Group(CityModel city, CategoryDefinition category) =>
        city.Definition.FindAgency(category.Agency)?.FullName ?? category.Agency;

    public static string Keywords(CategoryDefinition category) =>
        string.Join(',', category.Name
            .Split([' ', '(', ')', ',', '/'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.ToLowerInvariant())
            .Where(w => !Stopwords.Contains(w))
            .Prepend(category.Code)
            .Distinct(StringComparer.Ordinal));

    /// <summary>services/{code}: the category's attributes in the spec's shape, order counting from 1 in the city's order.</summary>
    public static Open311Document Definition(CategoryDefinition category) =>
        new("service_definition", Open311Node.Object(
            ("service_code", Open311Node.Text(category.Code)),
            ("attributes", Open311Node.List("attribute", category.AttributeList.Select((a, i) => Open311Node.Object(
                ("variable", Open311Node.Bool(true)),
                ("code", Open311Node.Text(a.Code)),
                ("datatype", Open311Node.Text(a.Datatype)),
                ("required", Open311Node.Bool(a.Required)),
                ("datatype_description", Open311Node.Text(a.DatatypeDescription)),
                ("order", Open311Node.Number(i + 1)),
                ("description", Open311Node.Text(a.Description)),
                ("values", Open311Node.List("value", (a.Values ?? []).Select(v => Open311Node.Object(
                    ("key", Open311Node.Text(v.Key)),
                    ("name", Open311Node.Text(v.Name))))))))))));

    private static Open311Node Service(CityModel city, CategoryDefinition category) => Open311Node.Object(
        ("service_code", Open311Node.Text(category.Code)),
        ("service_name", Open311Node.Text(category.Name)),
        ("description", Open311Node.Text(Description(city, category))),
        ("metadata", Open311Node.Bool(category.AttributeList.Count > 0)),
        ("type", Open311Node.Text("realtime")),
        ("keywords", Open311Node.Text(Keywords(category))),
        ("group", Open311Node.Text(Group(city, category))));

    private static string Description(CityModel city, CategoryDefinition category)
    {
        var agency = city.Definition.FindAgency(category.Agency);
        var dispatch = agency?.Dispatches == false ? "handled by phone, without field dispatch" : "dispatched to the nearest field officer";
        return $"{category.Name}: {agency?.FullName ?? category.Agency}, {dispatch}; target {Hours(category.Sla)}.";
    }

    private static string Hours(TimeSpan sla) =>
        sla.TotalHours >= 1 ? $"{sla.TotalHours:0.#} h" : $"{sla.TotalMinutes:0} min";
}
