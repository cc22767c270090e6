// Settings of the wall display. The zones are the map: leave tileUrl empty when there is no network.
export const config = Object.freeze({
  tileUrl: '',
  tileAttribution: '',
  feedLimit: 80,
  queuePageSize: 30,
  mapReportsPageSize: 200,
  refreshDebounceMs: 1500,
  zonesRefreshMs: 30000,
  listsRefreshMs: 20000,
  closedReportLingerMs: 60000,
  timeZone: 'Asia/Jakarta',
});
