using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Xml;
using Microsoft.AspNetCore.Http;

namespace TangerangLive.Api.Open311;

/// <summary>The two formats of the spec, chosen by the path's suffix.</summary>
public enum Open311Format
{
    Xml,
    Json,
}

/// <summary>
/// An Open311 answer as XML (declaration with utf-8, no namespace, the root wrapper) or JSON (the root
/// dropped: list answers are top-level arrays), with the status code.
/// </summary>
public sealed class Open311Result(Open311Document document, Open311Format format, int statusCode = StatusCodes.Status200OK) : IResult
{
    public const string XmlContentType = "text/xml; charset=utf-8";
    public const string JsonContentType = "application/json; charset=utf-8";

    public Open311Document Document => document;

    public int StatusCode => statusCode;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = statusCode;
        httpContext.Response.ContentType = format == Open311Format.Json ? JsonContentType : XmlContentType;
        var bytes = format == Open311Format.Json ? ToJson(document) : ToXml(document);
        httpContext.Response.ContentLength = bytes.Length;
        await httpContext.Response.Body.WriteAsync(bytes, httpContext.RequestAborted);
    }

    public static byte[] ToJson(Open311Document document)
    {
        using var buffer = new MemoryStream();
        // Relaxed escaping: Indonesian text and apostrophes stay readable; the answer is JSON, never embedded in HTML.
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            WriteJson(writer, document.Body);
        }

        return buffer.ToArray();
    }

    public static byte[] ToXml(Open311Document document)
    {
        using var buffer = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false };
        using (var writer = XmlWriter.Create(buffer, settings))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement(document.Root);
            WriteXmlContent(writer, document.Body);
            writer.WriteEndElement();
            writer.WriteEndDocument();
        }

        return buffer.ToArray();
    }

    private static void WriteJson(Utf8JsonWriter writer, Open311Node node)
    {
        switch (node)
        {
            case Open311Text { Value: null }:
                writer.WriteNullValue();
                break;
            case Open311Text text:
                writer.WriteStringValue(text.Value);
                break;
            case Open311Number number:
                writer.WriteNumberValue(number.Value);
                break;
            case Open311Bool flag:
                writer.WriteBooleanValue(flag.Value);
                break;
            case Open311Object obj:
                writer.WriteStartObject();
                foreach (var (name, value) in obj.Fields)
                {
                    writer.WritePropertyName(name);
                    WriteJson(writer, value);
                }

                writer.WriteEndObject();
                break;
            case Open311List list:
                writer.WriteStartArray();
                foreach (var item in list.Items)
                {
                    WriteJson(writer, item);
                }

                writer.WriteEndArray();
                break;
        }
    }

    private static void WriteXmlContent(XmlWriter writer, Open311Node node)
    {
        switch (node)
        {
            case Open311Text text:
                writer.WriteString(text.Value ?? string.Empty);
                break;
            case Open311Number number:
                writer.WriteString(number.Value.ToString("R", CultureInfo.InvariantCulture));
                break;
            case Open311Bool flag:
                writer.WriteString(flag.Value ? "true" : "false");
                break;
            case Open311Object obj:
                foreach (var (name, value) in obj.Fields)
                {
                    writer.WriteStartElement(name);
                    WriteXmlContent(writer, value);
                    writer.WriteEndElement();
                }

                break;
            case Open311List list:
                foreach (var item in list.Items)
                {
                    writer.WriteStartElement(list.ItemName);
                    WriteXmlContent(writer, item);
                    writer.WriteEndElement();
                }

                break;
        }
    }
}
