-- Deletes all but an agent's newest snapshots, atomically, so nodes pruning at once delete each once.
-- The newest is never among them, so the latest hash needs no change.
-- KEYS: infos, states, the agent's order set
-- ARGV: how many to keep (at least 1)
-- Returns how many went.
local doomed = redis.call('ZRANGE', KEYS[3], 0, -(tonumber(ARGV[1]) + 1))
for _, id in ipairs(doomed) do
  redis.call('HDEL', KEYS[1], id)
  redis.call('HDEL', KEYS[2], id)
end
if #doomed > 0 then
  redis.call('ZREMRANGEBYRANK', KEYS[3], 0, #doomed - 1)
end
return #doomed
