-- Heartbeats that make officers cross zone boundaries: each pass over the officers moves every officer
-- 600 m east or west (towards the city centre) and back on the next pass. accuracy=500 keeps the jump
-- within the integrity checker's uncertainty, so no flag fires; a move that crosses a zone boundary
-- makes the officer leave one zone's index and join another's.
dofile("officers.lua")
local counter = 0
request = function()
  counter = counter + 1
  local o = officers[(counter % #officers) + 1]
  local pass = math.floor(counter / #officers) % 2
  local step = o[4] > 106.63 and -0.0054 or 0.0054
  local body = string.format('{"lat":%.6f,"lon":%.6f,"deviceTime":"%s","accuracy":500}', o[3], o[4] + pass * step, os.date("!%Y-%m-%dT%H:%M:%SZ"))
  return wrk.format("POST", "/api/me/heartbeat", {["Content-Type"]="application/json", ["Authorization"]="Bearer " .. o[2]}, body)
end
done = function(summary, latency, requests)
  io.write(string.format("errors: connect %d read %d write %d status %d timeout %d\n", summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.status, summary.errors.timeout))
end
