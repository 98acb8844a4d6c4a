-- Every request a distinct reader (its own forwarded address) reporting one article view,
-- so each one is a counted view: a real write. The server trusts one proxy hop
-- (NEWSDESK_PROXY_COUNT=1), as it would behind nginx.
local counter = 0

function setup(thread)
  thread:set("id", tostring(math.random(1, 1000000000)))
end

function init(args)
  article = os.getenv("BENCH_ARTICLE") or "1"
  run = os.getenv("BENCH_RUN") or "0"
end

request = function()
  counter = counter + 1
  return wrk.format("POST", "/audience/views/", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
    ["X-Forwarded-For"] = "reader-" .. run .. "-" .. id .. "-" .. counter,
  }, "article=" .. article)
end
