dofile("officers.lua")
local counter = 0
request = function()
  counter = counter + 1
  local o = officers[(counter % #officers) + 1]
  local lat = o[3] + (math.random() - 0.5) * 0.0001
  local lon = o[4] + (math.random() - 0.5) * 0.0001
  local body = string.format('{"lat":%.6f,"lon":%.6f,"deviceTime":"%s","accuracy":20}', lat, lon, os.date("!%Y-%m-%dT%H:%M:%SZ"))
  return wrk.format("POST", "/api/me/heartbeat", {["Content-Type"]="application/json", ["Authorization"]="Bearer " .. o[2]}, body)
end
done = function(summary, latency, requests)
  io.write(string.format("errors: connect %d read %d write %d status %d timeout %d\n", summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.status, summary.errors.timeout))
end
