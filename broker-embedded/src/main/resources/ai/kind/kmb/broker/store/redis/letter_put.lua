-- Stores a new letter, or replaces one if it is still what the caller merged from (compare and set:
-- the merge rule lives in Java, DeadLetter.diedAgain, and every engine must merge alike).
-- Each death stored is also added to the deaths stream, the feed other nodes and tools tail.
-- KEYS: deaths, letters, order, deaths stream
-- ARGV: id, expected JSON ('' for a new letter), new JSON, score (last death, micros, or -inf),
--       order member, death key ('' when the message has no id), then the death for the stream:
--       reason, original topic, subscriber, delivery count, message id, the stream's approximate cap
-- Returns 1 when stored, 0 when someone changed it first (the caller merges again), -1 when a
-- different letter already has this id.
local id, expected, json, score, member, deathKey = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6]
if expected == '' then
  if deathKey ~= '' and redis.call('HEXISTS', KEYS[1], deathKey) == 1 then return 0 end
  if redis.call('HEXISTS', KEYS[2], id) == 1 then return -1 end
  if deathKey ~= '' then redis.call('HSET', KEYS[1], deathKey, id) end
else
  if redis.call('HGET', KEYS[2], id) ~= expected then return 0 end
end
redis.call('HSET', KEYS[2], id, json)
redis.call('ZADD', KEYS[3], score, member)
redis.call('XADD', KEYS[4], 'MAXLEN', '~', ARGV[12], '*', 'letter', id, 'reason', ARGV[7], 'topic', ARGV[8],
  'subscriber', ARGV[9], 'deliveries', ARGV[10], 'message', ARGV[11])
return 1
