-- Paced readers for bench/live_bench.py: each connection waits `gap` ms (first argument)
-- between requests. With "etag" as the second argument each thread keeps the last ETag it saw
-- and sends it back, as an open live page's fetch with cache "no-cache" does. Counts the
-- requests ("polls"), the 304s and the answers Django rendered (X-Cache: MISS).
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  gap = tonumber(args[1]) or 10
  revalidate = args[2] == "etag"
  polls, not_modified, misses = 0, 0, 0
  etag = nil
end

function request()
  local headers = {}
  if revalidate and etag then headers["If-None-Match"] = etag end
  return wrk.format("GET", nil, headers)
end

function delay()
  return gap
end

function response(status, headers, body)
  polls = polls + 1
  if status == 304 then not_modified = not_modified + 1 end
  if (headers["X-Cache"] or headers["x-cache"]) == "MISS" then misses = misses + 1 end
  local tag = headers["ETag"] or headers["etag"]
  if tag then etag = tag end
end

function done(summary, latency, requests)
  local totals = {polls = 0, not_modified = 0, misses = 0}
  for _, thread in ipairs(threads) do
    for name, _ in pairs(totals) do
      totals[name] = totals[name] + thread:get(name)
    end
  end
  for name, value in pairs(totals) do
    io.write("bench " .. name .. ": " .. value .. "\n")
  end
end
