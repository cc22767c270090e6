using Orleans;

namespace TangerangLive.Grains.City;

/// <summary>
/// A question a category asks of every report (Open311's service definition attribute): its code, the question,
/// the kind of answer (<see cref="Datatypes"/>), whether it must be answered, and for a list the allowed answers.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record CategoryAttribute(
    [property: Id(0)] string Code,
    [property: Id(1)] string Description,
    [property: Id(2)] string Datatype,
    [property: Id(3)] bool Required,
    [property: Id(4)] string? DatatypeDescription = null,
    [property: Id(5)] IReadOnlyList<AttributeValue>? Values = null)
{
    public const string String = "string";
    public const string Number = "number";
    public const string Datetime = "datetime";
    public const string Text = "text";
    public const string SingleValueList = "singlevaluelist";
    public const string MultiValueList = "multivaluelist";

    /// <summary>Open311's datatypes, the only ones a city may use.</summary>
    public static IReadOnlyList<string> Datatypes { get; } = [String, Number, Datetime, Text, SingleValueList, MultiValueList];

    /// <summary>True for the datatypes whose answers are keys of <see cref="Values"/>.</summary>
    public bool IsList => Datatype is SingleValueList or MultiValueList;
}

/// <summary>One allowed answer of a list attribute: the key a client sends and the name a person reads.</summary>
[GenerateSerializer, Immutable]
public sealed record AttributeValue(
    [property: Id(0)] string Key,
    [property: Id(1)] string Name);
