-- wrk: one thread per client, each with its own file of signed requests (scripts/bench.d/requests.py).
-- Arguments: the folder of the request files, and the number of the first client (when several wrk
-- processes share the clients, one per server instance).
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
end

function init(args)
  requests = {}
  local client = id + tonumber(args[2] or "0")
  for line in io.lines(args[1] .. "/client-" .. client .. ".txt") do
    local signature, body = line:match("([^\t]*)\t(.*)")
    requests[#requests + 1] = wrk.format("POST", wrk.path,
      {["Content-Type"] = "application/x-www-form-urlencoded", ["X-Twilio-Signature"] = signature}, body)
  end
  index = 0
end

function request()
  index = index + 1
  if index > #requests then index = 1 end
  return requests[index]
end

-- Besides the usual figures, the latency at every tenth of a percent: the latencies of several wrk
-- processes are merged from these.
function done(summary, latency, requests)
  local quantiles = {}
  for i = 1, 999 do quantiles[i] = string.format("%.3f", latency:percentile(i / 10) / 1000) end
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "non2xx": %d, "connect_errors": %d, "timeouts": %d, "p50_ms": %.3f, "p90_ms": %.3f, "p99_ms": %.3f, "max_ms": %.3f, "quantiles_ms": [%s]}\n',
    summary.requests, summary.duration / 1e6, summary.errors.status, summary.errors.connect, summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    table.concat(quantiles, ", ")))
end
