-- wrk script of the web benchmark: each request goes to the next space's hostname (the Host
-- header), with a query string that changes every time when asked (a fresh render, never a cached
-- page), and every answer but a 200 is counted as an error.
-- Arguments after "--": the file of hostnames, one a line; "query" or "plain".

local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  hosts = {}
  for line in io.lines(args[1]) do
    hosts[#hosts + 1] = line
  end
  query = args[2] == "query"
  sent = 0
  not_ok = 0
  -- Threads start at different spaces, so they do not ask for the same page at the same moment.
  offset = id * 397
end

function request()
  sent = sent + 1
  local path = wrk.path
  if query then
    path = path .. "?n=" .. id .. "-" .. sent
  end
  return wrk.format(nil, path, { Host = hosts[(offset + sent) % #hosts + 1] })
end

function response(status, headers, body)
  if status ~= 200 then
    not_ok = not_ok + 1
  end
end

function done(summary, latency, requests)
  local failed = 0
  for _, thread in ipairs(threads) do
    failed = failed + thread:get("not_ok")
  end
  local errors = summary.errors
  -- One line of JSON for bench_web.py (times in microseconds).
  io.write(string.format(
    'WRK_RESULT {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, "not_200": %d, ' ..
    '"connect": %d, "read": %d, "write": %d, "timeout": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), failed,
    errors.connect, errors.read, errors.write, errors.timeout))
end
