-- Counts the answers that Django rendered (X-Cache: MISS) across wrk's threads.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  misses = 0
end

function response(status, headers, body)
  if (headers["X-Cache"] or headers["x-cache"]) == "MISS" then
    misses = misses + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("misses")
  end
  io.write("bench misses: " .. total .. "\n")
end
