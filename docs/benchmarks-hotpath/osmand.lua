dofile("officers.lua")
local counter = 0
request = function()
  counter = counter + 1
  local o = officers[(counter % #officers) + 1]
  local lat = o[3] + (math.random() - 0.5) * 0.0001
  local lon = o[4] + (math.random() - 0.5) * 0.0001
  return wrk.format("GET", string.format("/osmand?id=dev-%s&lat=%.6f&lon=%.6f&accuracy=20", o[1], lat, lon))
end
done = function(summary, latency, requests)
  io.write(string.format("errors: connect %d read %d write %d status %d timeout %d\n", summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.status, summary.errors.timeout))
end
