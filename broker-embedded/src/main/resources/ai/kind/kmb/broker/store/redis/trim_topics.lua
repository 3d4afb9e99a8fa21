-- One bounded step of topics' own retention. The log is one stream for every topic, so XTRIM cannot
-- pick a topic: this walks the log after the topics' cursor (and after floor, which the head trim
-- removes anyway), up to through, at most chunk entries, and deletes the entries of those topics
-- with their index entries. Every entry up to through was received before the topics' cutoff (the
-- caller takes through from the time marks), so the topic alone decides. Each topic's cursor then
-- moves to where the walk stopped, so the next step, on any node, goes on from there.
-- KEYS: log, stats, ids, traces, time-marks, topic cursors
-- ARGV: through, floor, chunk, topic...
-- Returns {messages removed, entries looked at, 1 when the walk reached through else 0}.
local through, floor, chunk = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local topics, start = {}, nil
for i = 4, #ARGV do
  topics[ARGV[i]] = true
  local cursor = tonumber(redis.call('HGET', KEYS[6], ARGV[i]) or '0')
  if start == nil or cursor < start then start = cursor end
end
if start < floor then start = floor end
if start >= through then return {0, 0, 1} end

local entries = redis.call('XRANGE', KEYS[1], string.format('%d-0', start + 1), string.format('%d-0', through),
  'COUNT', chunk)
local removed, freed, carry = 0, 0, nil
-- A time mark on a deleted entry moves to the next entry kept, unless that one has a mark of its
-- own: every kept offset must still have, at or before it, a mark holding a time at least its own.
local function place(offset)
  if not redis.call('ZSCORE', KEYS[5], offset) then
    redis.call('ZADD', KEYS[5], carry, offset)
  end
  carry = nil
end
for _, entry in ipairs(entries) do
  local offset = tonumber(string.match(entry[1], '^(%d+)'))
  local f = {}
  for i = 1, #entry[2], 2 do f[entry[2][i]] = entry[2][i + 1] end
  if topics[f.topic] then
    local padded = string.format('%019d', offset)
    if f.id then redis.call('ZREM', KEYS[3], f.id .. '\0' .. padded) end
    if f.trace then redis.call('ZREM', KEYS[4], f.trace .. '\0' .. padded) end
    redis.call('XDEL', KEYS[1], entry[1])
    removed = removed + 1
    freed = freed + string.len(f.env)
    local mark = redis.call('ZSCORE', KEYS[5], offset)
    if mark then
      redis.call('ZREM', KEYS[5], offset)
      carry = mark
    end
  elseif carry then
    place(offset)
  end
end
if carry then
  local after = redis.call('XRANGE', KEYS[1], '(' .. entries[#entries][1], '+', 'COUNT', 1)
  if #after == 1 then place(tonumber(string.match(after[1][1], '^(%d+)'))) end
end
if removed > 0 then
  redis.call('HINCRBY', KEYS[2], 'messages', -removed)
  redis.call('HINCRBY', KEYS[2], 'bytes', -freed)
end

local reached = through
if #entries == chunk then
  reached = tonumber(string.match(entries[#entries][1], '^(%d+)'))
end
for i = 4, #ARGV do
  if tonumber(redis.call('HGET', KEYS[6], ARGV[i]) or '0') < reached then
    redis.call('HSET', KEYS[6], ARGV[i], string.format('%d', reached))
  end
end
return {removed, #entries, reached >= through and 1 or 0}
