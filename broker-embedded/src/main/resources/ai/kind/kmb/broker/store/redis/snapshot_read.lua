-- One snapshot of one agent, its description and state read at one moment.
-- KEYS: infos, states, latest, the agent's order set
-- ARGV: agent, id ('' for the agent's newest)
-- Returns {description JSON, state JSON}, or an empty list when the agent has no such snapshot.
local id = ARGV[2]
if id == '' then
  id = redis.call('HGET', KEYS[3], ARGV[1])
  if not id then return {} end
elseif not redis.call('ZSCORE', KEYS[4], id) then
  return {}
end
local info = redis.call('HGET', KEYS[1], id)
if not info then return {} end
return {info, redis.call('HGET', KEYS[2], id)}
