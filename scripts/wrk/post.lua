-- wrk script: POSTs files to API paths and reports latency percentiles and errors.
--
--   wrk -s post.lua URL -- PATH CONTENT_TYPE FILE [PATH CONTENT_TYPE FILE ...]
--
-- With several (path, content type, file) triples, each connection's thread
-- sends them in turn. When the run ends, done() prints one `result` line:
-- requests/s, latency p50/p90/p99/max in milliseconds, and every error count
-- (socket errors, and `status` for answers of 400 and above, which wrk calls
-- "Non-2xx or 3xx").

local requests = {}
local next_request = 1

function init(args)
  assert(#args >= 3 and #args % 3 == 0, "arguments: PATH CONTENT_TYPE FILE ...")
  for i = 1, #args, 3 do
    local file = assert(io.open(args[i + 2], "rb"))
    local body = file:read("*a")
    file:close()
    local headers = { ["Content-Type"] = args[i + 1] }
    table.insert(requests, wrk.format("POST", args[i], headers, body))
  end
end

function request()
  local r = requests[next_request]
  next_request = next_request % #requests + 1
  return r
end

function done(summary, latency, _)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "result requests=%d rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f "
      .. "errors_connect=%d errors_read=%d errors_write=%d errors_timeout=%d errors_status=%d\n",
    summary.requests, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    e.connect, e.read, e.write, e.timeout, e.status))
end
