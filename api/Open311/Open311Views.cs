using TangerangLive.Grains;

namespace TangerangLive.Api.Open311;

/// <summary>Reports as the spec shapes a request, with the extensions when asked for. Contact data never appears.</summary>
public static class Open311Views
{
    public static Open311Document Requests(
        IEnumerable<Open311Row> rows, CityModel city, ILookup<string, Open311Event>? events = null, IReadOnlyDictionary<string, Dictionary<string, string[]>>? attributes = null) =>
        new("service_requests", Open311Node.List("request", rows.Select(r => Request(r, city, events, attributes))));

    public static Open311Node Request(
        Open311Row row, CityModel city, ILookup<string, Open311Event>? events, IReadOnlyDictionary<string, Dictionary<string, string[]>>? attributes)
    {
        var category = city.Definition.FindCategory(row.Category);
        var zone = city.Map.Get(row.ZoneCode);
        var fields = new List<(string, Open311Node)>
        {
            ("service_request_id", Open311Node.Text(row.Id)),
            ("status", Open311Node.Text(Open311Status.OpenOrClosed(row.Status))),
            ("status_notes", Open311Node.Text(Open311Status.Notes(row))),
            ("service_name", Open311Node.Text(category?.Name ?? row.Category)),
            ("service_code", Open311Node.Text(row.Category)),
            ("description", Open311Node.Text(row.Description)),
            ("agency_responsible", Open311Node.Text(city.Definition.FindAgency(row.Agency)?.FullName ?? row.Agency)),
            ("service_notice", Open311Node.Text(null)),
            ("requested_datetime", Open311Node.Text(Open311Request.Date(row.SubmittedAt, city))),
            ("updated_datetime", Open311Node.Text(Open311Request.Date(row.UpdatedAt, city))),
            ("expected_datetime", Open311Node.Text(Open311Request.Date(row.SlaDueAt, city))),
            ("address", Open311Node.Text(row.AddressString ?? (zone is null ? null : $"Kelurahan {zone.Name}, Kecamatan {zone.Kecamatan}"))),
            ("address_id", Open311Node.Text(row.ZoneCode)),
            ("zipcode", Open311Node.Text(null)),
            ("lat", Open311Node.Number(row.Lat)),
            ("long", Open311Node.Number(row.Lon)),
            ("media_url", Open311Node.Text(row.MediaUrl)),
        };
        if (events is not null)
        {
            fields.Add(("extended_attributes", Open311Node.Object(
                ("channel", Open311Node.Text(row.Channel)),
                ("photos", Open311Node.List("photo", row.MediaUrl is null ? [] : [Open311Node.Object(("media_url", Open311Node.Text(row.MediaUrl)))])),
                ("duplicate", Open311Node.Bool(row.DuplicateOf is not null)),
                ("parent_service_request_id", Open311Node.Text(row.DuplicateOf)))));
            fields.Add(("notes", Open311Node.List("note", events[row.Id].Select(e => Open311Node.Object(
                ("datetime", Open311Node.Text(Open311Request.Date(e.At, city))),
                ("type", Open311Node.Text(e.Kind)),
                ("description", Open311Node.Text(Open311Status.Describe(e))))))));
            var values = attributes?.GetValueOrDefault(row.Id) ?? [];
            fields.Add(("attributes", Open311Node.List("attribute", values.SelectMany(a => a.Value.Select(v => Open311Node.Object(
                ("code", Open311Node.Text(a.Key)),
                ("value", Open311Node.Text(v))))))));
        }

        return new Open311Object(fields);
    }

    /// <summary>FixMyStreet's update feed.</summary>
    public static Open311Document Updates(IEnumerable<Open311Event> events, CityModel city) =>
        new("service_requests_updates", Open311Node.List("request_update", events.Select(e => Open311Node.Object(
            ("update_id", Open311Node.Text($"{e.ReportId}-{e.Seq}")),
            ("service_request_id", Open311Node.Text(e.ReportId)),
            ("status", Open311Node.Text(Open311Status.FixMyStreetStatus(e.Kind))),
            ("updated_datetime", Open311Node.Text(Open311Request.Date(e.At, city))),
            ("description", Open311Node.Text(Open311Status.Describe(e))),
            ("media_url", Open311Node.Text(null))))));
}
