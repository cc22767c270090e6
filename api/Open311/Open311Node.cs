namespace TangerangLive.Api.Open311;

/// <summary>
/// One value of an Open311 answer, written the same way to XML and JSON: text (an id, a date, a name),
/// a number, a boolean, an object of named fields, or a list whose XML items carry one element name.
/// </summary>
public abstract record Open311Node
{
    public static Open311Node Text(string? value) => new Open311Text(value);

    public static Open311Node Number(double value) => new Open311Number(value);

    public static Open311Node Bool(bool value) => new Open311Bool(value);

    public static Open311Object Object(params (string Name, Open311Node Value)[] fields) => new(fields);

    public static Open311List List(string itemName, IEnumerable<Open311Node> items) => new(itemName, items.ToList());
}

/// <summary>Text; null is written as an empty element (XML) or null (JSON).</summary>
public sealed record Open311Text(string? Value) : Open311Node;

public sealed record Open311Number(double Value) : Open311Node;

public sealed record Open311Bool(bool Value) : Open311Node;

/// <summary>Named fields in the order the spec lists them.</summary>
public sealed record Open311Object(IReadOnlyList<(string Name, Open311Node Value)> Fields) : Open311Node;

/// <summary>A container: a JSON array, or in XML one <see cref="ItemName"/> element per item.</summary>
public sealed record Open311List(string ItemName, IReadOnlyList<Open311Node> Items) : Open311Node;

/// <summary>A whole answer: the XML root element's name and its content (JSON drops the root).</summary>
public sealed record Open311Document(string Root, Open311Node Body);
