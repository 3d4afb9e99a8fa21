-- The dedup look-up: the newest message with this id received at or after a time.
-- KEYS: ids, log
-- ARGV: message id, since (micros) or ''
-- Returns {offset, receive time, envelope}, or an empty list.
local id, since = ARGV[1], tonumber(ARGV[2])
-- Members are '<id>\0<offset, 19 digits>': one id's members sort together, in offset order.
local members = redis.call('ZRANGEBYLEX', KEYS[1], '[' .. id .. '\0', '(' .. id .. '\1')
for i = #members, 1, -1 do
  local member = members[i]
  if #member == #id + 20 then
    local entry = string.format('%d-0', tonumber(string.sub(member, -19)))
    local found = redis.call('XRANGE', KEYS[2], entry, entry)
    if #found == 1 then
      local f = {}
      for j = 1, #found[1][2], 2 do f[found[1][2][j]] = found[1][2][j + 1] end
      if not since or tonumber(f.t) >= since then
        return {string.match(entry, '^(%d+)'), f.t, f.env}
      end
    end
  end
end
return {}
