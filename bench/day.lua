-- A mixed day for wrk: title pages read with a Zipf spread (the first title most often, the
-- k-th 1/k as often), by visitors and signed-in members, with one write from the write plan
-- after every so many reads. Counts how the page cache and the stored parts answered (the
-- X-Page-Cache and X-Part-Cache headers) and prints the totals when the run ends.
--
-- Arguments (after `--`): the file of title paths (most read first), the write plan (as
-- writes.lua reads it), the CSRF secret, the members' session keys (comma-separated), the
-- number of threads, the members' share of the reads (0 to 1) and the reads per write.

-- The plan's reading and the report's sums, beside this script.
local shared = dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "plan.lua")

local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

local pages = {}
local cumulative = {}
local writes = {}
local members = {}
local member_share = 0
local reads_per_write = 50
local sent = 0
local write_position = 1
counts = {}

local function count(name, n)
  counts[name] = (counts[name] or 0) + n
end

function init(args)
  local csrf = args[3]
  for line in io.lines(args[1]) do
    table.insert(pages, line)
  end
  local total = 0
  for rank = 1, #pages do
    total = total + 1 / rank
    cumulative[rank] = total
  end
  for rank = 1, #pages do
    cumulative[rank] = cumulative[rank] / total
  end
  writes = shared.writes(args[2], csrf)
  for session in string.gmatch(args[4], "[^,]+") do
    table.insert(members, "sessionid=" .. session .. "; csrftoken=" .. csrf)
  end
  member_share = tonumber(args[6])
  reads_per_write = tonumber(args[7])
  math.randomseed(1000 + id)
  write_position = (id * math.floor(#writes / tonumber(args[5]))) % #writes + 1
end

local function zipf_page()
  local draw = math.random()
  local low, high = 1, #pages
  while low < high do
    local middle = math.floor((low + high) / 2)
    if cumulative[middle] < draw then
      low = middle + 1
    else
      high = middle
    end
  end
  return pages[low]
end

function request()
  sent = sent + 1
  if sent % (reads_per_write + 1) == 0 then
    local req = writes[write_position]
    write_position = write_position % #writes + 1
    count("writes", 1)
    return req
  end
  if math.random() < member_share then
    count("member reads", 1)
    return wrk.format("GET", zipf_page(), { ["Cookie"] = members[math.random(#members)] })
  end
  count("visitor reads", 1)
  return wrk.format("GET", zipf_page())
end

function response(status, headers, body)
  local state = headers["X-Page-Cache"]
  if state then
    count("page cache " .. state, 1)
  end
  local parts = headers["X-Part-Cache"]
  if parts then
    for what, n in string.gmatch(parts, "(%a[%a ]*) (%d+)") do
      count("part " .. what, tonumber(n))
    end
  end
  if status >= 400 then
    count("status " .. status, 1)
  end
end

function done(summary, latency, requests)
  for name, n in pairs(shared.summed(threads, "counts")) do
    io.write(string.format("count %s: %d\n", name, n))
  end
end
