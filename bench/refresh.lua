-- wrk script: POST /v1/discounts/refresh, cycling through the session ids in $BENCH_SESSIONS
-- (one per line). See scripts/bench-service.sh.
local ids = {}
for line in io.lines(os.getenv("BENCH_SESSIONS")) do
  if #line > 0 then ids[#ids + 1] = line end
end
local counter = 0

function setup(thread)
  thread:set("offset", math.random(#ids))
end

function init(args)
  counter = tonumber(offset) or 0
end

request = function()
  counter = counter + 1
  local id = ids[(counter % #ids) + 1]
  return wrk.format("POST", "/v1/discounts/refresh", {["Content-Type"] = "application/json"},
                    '{"checkout_session_id": "' .. id .. '"}')
end
