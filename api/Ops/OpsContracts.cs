namespace TangerangLive.Api.Ops;

/// <summary>Give the report to a chosen officer; with preempt, even one busy with another report.</summary>
public sealed record AssignRequest(string? OfficerId, bool Preempt, string? Reason);

/// <summary>An override that only needs a reason.</summary>
public sealed record ReasonRequest(string? Reason);

public sealed record CategoryRequest(string? Category, string? Reason);

public sealed record PriorityRequest(int? Priority, string? Reason);

public sealed record DuplicateRequest(string? OriginalId, string? Reason);

public sealed record NoteRequest(string? Note);
