-- Removes one letter and its index entries.
-- KEYS: deaths, letters, order
-- ARGV: id
-- Returns 1 when it was there, else 0.
local json = redis.call('HGET', KEYS[2], ARGV[1])
if not json then return 0 end
local letter = cjson.decode(json)
redis.call('HDEL', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[3], letter.member)
if type(letter.death_key) == 'string' and redis.call('HGET', KEYS[1], letter.death_key) == ARGV[1] then
  redis.call('HDEL', KEYS[1], letter.death_key)
end
return 1
