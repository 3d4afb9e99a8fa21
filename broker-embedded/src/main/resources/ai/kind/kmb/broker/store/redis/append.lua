-- Appends one message to the log and its indexes, atomically.
-- KEYS: meta, seq, log, stats, ids, traces, time-marks
-- ARGV: receive time (micros), topic, envelope JSON, has id (1/0), id, has trace (1/0), trace id
-- Returns the message's offset.
if redis.call('EXISTS', KEYS[1]) == 0 then
  -- Without its metadata the counter may have restarted at zero: refuse rather than reuse offsets.
  return redis.error_reply('KMBLOST store metadata ' .. KEYS[1] .. ' is missing')
end
local offset = redis.call('INCR', KEYS[2])
local padded = string.format('%019d', offset)
local fields = {'t', ARGV[1], 'topic', ARGV[2], 'env', ARGV[3]}
if ARGV[4] == '1' then
  table.insert(fields, 'id')
  table.insert(fields, ARGV[5])
  redis.call('ZADD', KEYS[5], 0, ARGV[5] .. '\0' .. padded)
end
if ARGV[6] == '1' then
  table.insert(fields, 'trace')
  table.insert(fields, ARGV[7])
  redis.call('ZADD', KEYS[6], 0, ARGV[7] .. '\0' .. padded)
end
redis.call('XADD', KEYS[3], string.format('%d-0', offset), unpack(fields))
redis.call('HINCRBY', KEYS[4], 'messages', 1)
redis.call('HINCRBY', KEYS[4], 'bytes', string.len(ARGV[3]))
-- A time mark wherever the highest receive time so far rises: the first mark at or after a time t
-- is then a lower bound for the first offset received at or after t.
local last = redis.call('ZRANGE', KEYS[7], -1, -1, 'WITHSCORES')
if #last == 0 or tonumber(ARGV[1]) > tonumber(last[2]) then
  redis.call('ZADD', KEYS[7], ARGV[1], offset)
end
return offset
