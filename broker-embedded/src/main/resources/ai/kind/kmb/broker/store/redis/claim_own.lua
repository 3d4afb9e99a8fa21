-- Re-claims, for the consumer that already holds them, the given pending entries of a group,
-- setting their idle time: 0 renews the claims, a long idle time gives them up to whoever asks
-- next. Entries another consumer holds by now are left alone, so renewing never takes a message
-- back from the node that took it over.
-- KEYS[1] the log stream; ARGV[1] group, ARGV[2] consumer, ARGV[3] idle ms, ARGV[4..] entry ids.
local touched = 0
for i = 4, #ARGV do
    local pending = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[i], ARGV[i], 1)
    if pending[1] and pending[1][2] == ARGV[2] then
        redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[2], 0, ARGV[i], 'IDLE', ARGV[3], 'JUSTID')
        touched = touched + 1
    end
end
return touched
