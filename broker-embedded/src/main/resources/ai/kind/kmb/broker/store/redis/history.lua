-- One bounded step of a history query: looks at up to `chunk` candidates after an offset and
-- returns those that pass the coarse filters. The caller matches topics exactly and pages on.
-- KEYS: log, traces
-- ARGV: source ('log' or 'trace'), after (offset, exclusive), chunk, limit,
--       topic mode ('' | 'exact' | 'prefix' | 'user'), topic argument,
--       from micros or '', to micros or '', has trace (1/0), trace id
-- Returns {1 if nothing is left after this step else 0, last offset looked at,
--          then offset, receive time, topic, envelope of each match}.
local source, after, chunk, limit = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local mode, topicArg = ARGV[5], ARGV[6]
local from, to = tonumber(ARGV[7]), tonumber(ARGV[8])
local hasTrace, trace = ARGV[9] == '1', ARGV[10]

local function fieldsOf(list)
  local f = {}
  for i = 1, #list, 2 do f[list[i]] = list[i + 1] end
  return f
end

local function passes(f)
  local topic = f.topic
  if mode == 'exact' and topic ~= topicArg then return false end
  if mode == 'prefix' and topic ~= topicArg and string.sub(topic, 1, #topicArg + 1) ~= topicArg .. '.' then
    return false
  end
  -- A filter starting with a wildcard never matches system topics ('_...').
  if mode == 'user' and string.sub(topic, 1, 1) == '_' then return false end
  local t = tonumber(f.t)
  if from and t < from then return false end
  if to and t >= to then return false end
  if hasTrace and f.trace ~= trace then return false end
  return true
end

-- Candidates in offset order, each {offset, fields or nil when the entry is gone}.
local candidates = {}
if source == 'log' then
  local entries = redis.call('XRANGE', KEYS[1], string.format('%d-0', after + 1), '+', 'COUNT', chunk)
  for _, entry in ipairs(entries) do
    table.insert(candidates, {tonumber(string.match(entry[1], '^(%d+)')), entry[2]})
  end
else
  -- Trace index members are '<trace>\0<offset, 19 digits>', so a lex range walks one trace in offset order.
  local members = redis.call('ZRANGEBYLEX', KEYS[2], '(' .. trace .. '\0' .. string.format('%019d', after),
      '(' .. trace .. '\1', 'LIMIT', 0, chunk)
  for _, member in ipairs(members) do
    local offset = tonumber(string.sub(member, -19))
    local fields = nil
    if #member == #trace + 20 then
      local id = string.format('%d-0', offset)
      local found = redis.call('XRANGE', KEYS[1], id, id)
      if #found == 1 then fields = found[1][2] end
    end
    table.insert(candidates, {offset, fields})
  end
end

local result = {1, string.format('%d', after)}
local matches = 0
for _, candidate in ipairs(candidates) do
  result[2] = string.format('%d', candidate[1])
  if candidate[2] then
    local f = fieldsOf(candidate[2])
    if passes(f) then
      table.insert(result, result[2])
      table.insert(result, f.t)
      table.insert(result, f.topic)
      table.insert(result, f.env)
      matches = matches + 1
      if matches == limit then
        -- Stopped early: the caller goes on from here if it needs more.
        result[1] = 0
        return result
      end
    end
  end
end
-- 1 when the source has nothing after the last candidate.
result[1] = (#candidates < chunk) and 1 or 0
return result
