-- wrk: one thread per client, each with its own file of signed requests (scripts/bench.d/requests.py).
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
end

function init(args)
  requests = {}
  for line in io.lines(args[1] .. "/client-" .. id .. ".txt") do
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

function done(summary, latency, requests)
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "non2xx": %d, "connect_errors": %d, "timeouts": %d, "p50_ms": %.3f, "p90_ms": %.3f, "p99_ms": %.3f, "max_ms": %.3f}\n',
    summary.requests, summary.duration / 1e6, summary.errors.status, summary.errors.connect, summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
