-- wrk script for bench/notify-load.sh: POSTs one fixed form body to the notify endpoint.
--   BODY_FILE  file holding the application/x-www-form-urlencoded body (required)
--   EXPECT     the answer every response must have ("success" or "fail"); when set, a response()
--              callback counts answers that differ (this slows wrk down: use it only for short
--              correctness runs, measure throughput without it)
--   LABEL      a name printed on the result line

local f = assert(io.open(os.getenv("BODY_FILE"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8"

local expect = os.getenv("EXPECT")
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  checked = 0
  wrong = 0
end

if expect ~= nil and expect ~= "" then
  function response(status, headers, body)
    checked = checked + 1
    if status ~= 200 or body ~= expect then
      wrong = wrong + 1
    end
  end
end

function done(summary, latency, requests)
  local checked, wrong = 0, 0
  for _, t in ipairs(threads) do
    checked = checked + (t:get("checked") or 0)
    wrong = wrong + (t:get("wrong") or 0)
  end
  local secs = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "RESULT label=%s requests=%d seconds=%.2f rps=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f p999_ms=%.2f max_ms=%.2f"
    .. " non2xx=%d connect_err=%d read_err=%d write_err=%d timeouts=%d checked=%d wrong_answer=%d\n",
    os.getenv("LABEL") or "-", summary.requests, secs, summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, latency.max / 1000,
    e.status, e.connect, e.read, e.write, e.timeout, checked, wrong))
end
