-- The write mix for wrk: POSTs taken in turn from a plan file, each as one bench user; given
-- a page, each POST is followed by a visitor's GET of that page (a page read after a write).
--
-- Arguments (after `--`): the plan file, the CSRF secret, the most requests each thread may
-- send, the number of threads and, optionally, the page to read after each write. The plan
-- is read as bench/plan.lua says.

-- The plan's reading and the report's sums, beside this script.
local shared = dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "plan.lua")

local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

local plan = {}
local position = 1
local limit = 0
local page = nil
local read_next = false
statuses = {}
responses = 0

function init(args)
  limit = tonumber(args[3])
  plan = shared.writes(args[1], args[2])
  if args[5] then
    page = wrk.format("GET", args[5])
  end
  -- Threads start at different places, so they do not send the same write at once.
  position = (id * math.floor(#plan / tonumber(args[4]))) % #plan + 1
end

function request()
  if page and read_next then
    read_next = false
    return page
  end
  read_next = true
  local req = plan[position]
  position = position % #plan + 1
  return req
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  responses = responses + 1
  if responses >= limit then
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  for status, count in pairs(shared.summed(threads, "statuses")) do
    io.write(string.format("status %d: %d\n", status, count))
  end
end
