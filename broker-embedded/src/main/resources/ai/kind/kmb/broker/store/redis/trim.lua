-- One bounded step of retention: removes messages from the head of the log, with their index
-- entries, while any goal is unmet. The byte and count goals are checked against the totals as they
-- are now, so nodes trimming at the same time never remove more than the policy asks.
-- KEYS: log, stats, ids, traces, time-marks
-- ARGV: through (remove every offset up to it), max bytes (0: none), max messages (0: none), chunk
-- Returns {messages removed, bytes freed, 1 when no goal is left unmet else 0}.
local through, maxBytes, maxMessages = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local chunk = tonumber(ARGV[4])
local messages = tonumber(redis.call('HGET', KEYS[2], 'messages') or '0')
local bytes = tonumber(redis.call('HGET', KEYS[2], 'bytes') or '0')
local entries = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', chunk)
local removed, freed, last = 0, 0, nil
local done = #entries < chunk
for _, entry in ipairs(entries) do
  local offset = tonumber(string.match(entry[1], '^(%d+)'))
  local overBytes = maxBytes > 0 and bytes - freed > maxBytes
  local overCount = maxMessages > 0 and messages - removed > maxMessages
  if offset > through and not overBytes and not overCount then
    done = true
    break
  end
  local f = {}
  for i = 1, #entry[2], 2 do f[entry[2][i]] = entry[2][i + 1] end
  local padded = string.format('%019d', offset)
  if f.id then redis.call('ZREM', KEYS[3], f.id .. '\0' .. padded) end
  if f.trace then redis.call('ZREM', KEYS[4], f.trace .. '\0' .. padded) end
  removed = removed + 1
  freed = freed + string.len(f.env)
  last = offset
end
if last then
  redis.call('XTRIM', KEYS[1], 'MINID', string.format('%d-0', last + 1))
  redis.call('HINCRBY', KEYS[2], 'messages', -removed)
  redis.call('HINCRBY', KEYS[2], 'bytes', -freed)
  -- Time marks below the new head go; the last of them moves to the head, so every retained
  -- offset is still covered by a mark at or before it holding a time at least its own.
  local head = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', 1)
  if #head == 0 then
    redis.call('DEL', KEYS[5])
  else
    local first = tonumber(string.match(head[1][1], '^(%d+)'))
    local score = nil
    while true do
      local mark = redis.call('ZRANGE', KEYS[5], 0, 0, 'WITHSCORES')
      if #mark == 0 or tonumber(mark[1]) >= first then break end
      score = mark[2]
      redis.call('ZREM', KEYS[5], mark[1])
    end
    if score then
      local mark = redis.call('ZRANGE', KEYS[5], 0, 0)
      if #mark == 0 or tonumber(mark[1]) ~= first then
        redis.call('ZADD', KEYS[5], score, first)
      end
    end
  end
end
return {removed, freed, done and 1 or 0}
