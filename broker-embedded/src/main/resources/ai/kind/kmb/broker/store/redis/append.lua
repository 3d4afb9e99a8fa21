-- Appends messages to the log and its indexes, all of them or none, atomically: one message for a
-- publish, every message of a transaction for its commit.
-- KEYS: meta, seq, log, stats, ids, traces, time-marks
-- ARGV, 8 per message: receive time (micros), topic, envelope JSON, has id (1/0), id, has trace (1/0),
--       trace id, since (micros) or '': with an id, a message with that id received at or after it
--       makes this one a repeat, which is not stored (only ever asked of a single message)
-- Returns {offset, ...} for the messages stored, or {offset, receive time, envelope} of the earlier
-- message for a single message that is a repeat.
if redis.call('EXISTS', KEYS[1]) == 0 then
  -- Without its metadata the counter may have restarted at zero: refuse rather than reuse offsets.
  return redis.error_reply('KMBLOST store metadata ' .. KEYS[1] .. ' is missing')
end
if ARGV[4] == '1' and ARGV[8] ~= '' then
  -- The look-up of find_by_id.lua, here so that no other append can come between it and the XADD.
  local id, since = ARGV[5], tonumber(ARGV[8])
  local members = redis.call('ZRANGEBYLEX', KEYS[5], '[' .. id .. '\0', '(' .. id .. '\1')
  for i = #members, 1, -1 do
    if #members[i] == #id + 20 then
      local earlier = tonumber(string.sub(members[i], -19))
      local entry = string.format('%d-0', earlier)
      local found = redis.call('XRANGE', KEYS[3], entry, entry)
      if #found == 1 then
        local f = {}
        for j = 1, #found[1][2], 2 do f[found[1][2][j]] = found[1][2][j + 1] end
        if tonumber(f.t) >= since then
          return {earlier, f.t, f.env}
        end
      end
    end
  end
end
local function store(b)
  local offset = redis.call('INCR', KEYS[2])
  local padded = string.format('%019d', offset)
  local fields = {'t', ARGV[b], 'topic', ARGV[b + 1], 'env', ARGV[b + 2]}
  if ARGV[b + 3] == '1' then
    table.insert(fields, 'id')
    table.insert(fields, ARGV[b + 4])
    redis.call('ZADD', KEYS[5], 0, ARGV[b + 4] .. '\0' .. padded)
  end
  if ARGV[b + 5] == '1' then
    table.insert(fields, 'trace')
    table.insert(fields, ARGV[b + 6])
    redis.call('ZADD', KEYS[6], 0, ARGV[b + 6] .. '\0' .. padded)
  end
  redis.call('XADD', KEYS[3], string.format('%d-0', offset), unpack(fields))
  redis.call('HINCRBY', KEYS[4], 'messages', 1)
  redis.call('HINCRBY', KEYS[4], 'bytes', string.len(ARGV[b + 2]))
  -- A time mark wherever the highest receive time so far rises: the first mark at or after a time t
  -- is then a lower bound for the first offset received at or after t.
  local last = redis.call('ZRANGE', KEYS[7], -1, -1, 'WITHSCORES')
  if #last == 0 or tonumber(ARGV[b]) > tonumber(last[2]) then
    redis.call('ZADD', KEYS[7], ARGV[b], offset)
  end
  return offset
end
local offsets = {}
for b = 1, #ARGV, 8 do
  table.insert(offsets, store(b))
end
return offsets
