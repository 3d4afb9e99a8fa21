-- Snapshot descriptions read at one moment: one agent's, newest first, or every agent's newest.
-- KEYS: infos, then the agent's order set (ARGV[1] = 'history') or latest (ARGV[1] = 'agents')
-- Returns the descriptions' JSON (false where one is missing, which cannot happen while every
-- write goes through these scripts).
local ids
if ARGV[1] == 'history' then
  ids = redis.call('ZREVRANGE', KEYS[2], 0, -1)
else
  ids = redis.call('HVALS', KEYS[2])
end
local infos = {}
for i, id in ipairs(ids) do
  infos[i] = redis.call('HGET', KEYS[1], id)
end
return infos
