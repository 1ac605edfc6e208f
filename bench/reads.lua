-- Many different pages for wrk: anonymous GETs taken in turn from a file of paths, one per
-- line, each thread starting at its own place. Counts how the page cache answered
-- (the X-Page-Cache header: hit or miss) and prints the totals when the run ends.
--
-- Arguments (after `--`): the file of paths, the number of threads.

local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

local paths = {}
local position = 1
hits = 0
misses = 0

function init(args)
  for line in io.lines(args[1]) do
    table.insert(paths, wrk.format("GET", line))
  end
  position = (id * math.floor(#paths / tonumber(args[2]))) % #paths + 1
end

function request()
  local req = paths[position]
  position = position % #paths + 1
  return req
end

function response(status, headers, body)
  local state = headers["X-Page-Cache"]
  if state == "hit" then
    hits = hits + 1
  elseif state == "miss" then
    misses = misses + 1
  end
end

function done(summary, latency, requests)
  local total_hits, total_misses = 0, 0
  for _, thread in ipairs(threads) do
    total_hits = total_hits + thread:get("hits")
    total_misses = total_misses + thread:get("misses")
  end
  io.write(string.format("page cache hit %d\npage cache miss %d\n", total_hits, total_misses))
end
