-- The letter of an earlier death of the same message for the same subscriber, if any.
-- KEYS: deaths, letters
-- ARGV: death key
-- Returns the letter's JSON or nil.
local id = redis.call('HGET', KEYS[1], ARGV[1])
if not id then return false end
return redis.call('HGET', KEYS[2], id)
