-- What writes.lua and day.lua share, loaded by each with dofile: the write plan's requests,
-- and a count table summed over wrk's threads for the report.
--
-- Each line of the plan is: kind, path, session key, htmx (1 or 0), form body, separated by
-- tabs. The CSRF cookie and the X-CSRFToken header carry the same secret, which Django
-- accepts: it compares the header with the cookie, both unmasked.

local shared = {}

function shared.writes(file, csrf)
  local requests = {}
  for line in io.lines(file) do
    local kind, path, session, htmx, body = line:match("^(%S+)\t(%S+)\t(%S+)\t(%d)\t(.*)$")
    local headers = {
      ["Cookie"] = "sessionid=" .. session .. "; csrftoken=" .. csrf,
      ["X-CSRFToken"] = csrf,
      ["Content-Type"] = "application/x-www-form-urlencoded",
    }
    if htmx == "1" then
      headers["HX-Request"] = "true"
    end
    table.insert(requests, wrk.format("POST", path, headers, body))
  end
  return requests
end

function shared.summed(threads, name)
  local total = {}
  for _, thread in ipairs(threads) do
    for key, n in pairs(thread:get(name)) do
      total[key] = (total[key] or 0) + n
    end
  end
  return total
end

return shared
