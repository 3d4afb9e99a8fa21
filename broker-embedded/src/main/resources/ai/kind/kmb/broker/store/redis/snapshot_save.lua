-- Stores a snapshot as its agent's newest, all of it or nothing, so no reader sees half of one.
-- KEYS: sequence, infos, states, the agent's order set, latest
-- ARGV: id, agent, description JSON, state JSON
-- Returns the snapshot's place in the saving order, or -1 when a snapshot already has this id.
local id = ARGV[1]
if redis.call('HEXISTS', KEYS[2], id) == 1 then return -1 end
local seq = redis.call('INCR', KEYS[1])
redis.call('HSET', KEYS[2], id, ARGV[3])
redis.call('HSET', KEYS[3], id, ARGV[4])
redis.call('ZADD', KEYS[4], seq, id)
redis.call('HSET', KEYS[5], ARGV[2], id)
return seq
