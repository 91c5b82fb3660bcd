-- wrk script for bench/notify-load.sh: POSTs form bodies and checks EVERY answer.
--   BODY_FILE  one application/x-www-form-urlencoded body per line (required)
--   MODE       "cycle" (default): every thread repeats all the bodies; "once": each body is sent once (thread
--              n of N takes lines n, n+N, ...); a thread that has used up its bodies stops sending
--              (wrk still waits for the end of the duration) and the run is marked exhausted
--   EXPECT     the body every answer must have (HTTP 200 and exactly this text)
--   LABEL      a name printed on the result line
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  checked = 0
  wrong = 0
  exhausted = 0
  bodies = {}
  mode = os.getenv("MODE") or "cycle"
  -- "once": thread id of n takes lines id, id+n, ...; "cycle": every thread takes every line
  local n = mode == "once" and tonumber(os.getenv("THREADS_N") or "1") or 1
  local mine = mode == "once" and id or 0
  local i = 0
  for line in io.lines(os.getenv("BODY_FILE")) do
    if line ~= "" then
      if i % n == mine then
        table.insert(bodies, line)
      end
      i = i + 1
    end
  end
  assert(#bodies > 0, "no bodies for thread " .. id)
  expect = os.getenv("EXPECT") or ""
  nextIndex = 1
  headers = {["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8"}
  if mode == "cycle" and #bodies == 1 then
    -- the same request every time: built once
    fixed = wrk.format("POST", nil, headers, bodies[1])
  end
end

function request()
  if fixed then
    return fixed
  end
  if nextIndex > #bodies then
    if mode == "once" then
      exhausted = 1
      wrk.thread:stop()
    end
    nextIndex = 1
  end
  local body = bodies[nextIndex]
  nextIndex = nextIndex + 1
  return wrk.format("POST", nil, headers, body)
end

function response(status, headers, body)
  checked = checked + 1
  if status ~= 200 or body ~= expect then
    wrong = wrong + 1
    if wrong <= 3 then
      io.stderr:write(string.format("WRONG status=%d body=%s\n", status, string.sub(body or "", 1, 200)))
    end
  end
end

function done(summary, latency, requests)
  local checked, wrong, exhausted = 0, 0, 0
  for _, t in ipairs(threads) do
    checked = checked + (t:get("checked") or 0)
    wrong = wrong + (t:get("wrong") or 0)
    exhausted = exhausted + (t:get("exhausted") or 0)
  end
  local secs = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "RESULT label=%s requests=%d seconds=%.2f rps=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f p999_ms=%.2f max_ms=%.2f"
    .. " non2xx=%d connect_err=%d read_err=%d write_err=%d timeouts=%d checked=%d wrong_answer=%d exhausted_threads=%d\n",
    os.getenv("LABEL") or "-", summary.requests, secs, summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, latency.max / 1000,
    e.status, e.connect, e.read, e.write, e.timeout, checked, wrong, exhausted))
end
