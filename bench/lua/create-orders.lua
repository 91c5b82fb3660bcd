-- wrk script for bench/notify-load.sh: creates orders (POST /api/orders) and writes each created
-- outTradeNo to OUT_PREFIX<thread id>, one per line.
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

function init(args)
  created = 0
  failed = 0
  out = assert(io.open(os.getenv("OUT_PREFIX") .. id, "w"))
  out:setvbuf("line")
  req = wrk.format("POST", nil, {["Content-Type"] = "application/json"},
    '{"subject":"Bench order","totalFee":"12.34"}')
end

function request()
  return req
end

function response(status, headers, body)
  local no = string.match(body or "", '"outTradeNo":"([^"]+)"')
  if status == 201 and no then
    out:write(no, "\n")
    created = created + 1
  else
    failed = failed + 1
  end
end

function done(summary, latency, requests)
  io.write(string.format("ORDERS requests=%d seconds=%.2f rps=%.0f\n", summary.requests,
    summary.duration / 1e6, summary.requests / (summary.duration / 1e6)))
end
