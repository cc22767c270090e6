// Settings of the page itself. City facts (agencies, colours, time zone, tiles) come from /api/live/city.
export const config = Object.freeze({
  feedLimit: 60,
  queuePageSize: 200,
  mapReportsPageSize: 200,
  refreshDebounceMs: 500,
  zonesRefreshMs: 30000,
  listsRefreshMs: 20000,
  closedReportLingerMs: 60000,
  wallRotateMs: 20000,
});
