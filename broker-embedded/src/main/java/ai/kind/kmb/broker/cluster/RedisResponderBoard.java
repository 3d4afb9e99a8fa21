package ai.kind.kmb.broker.cluster;

import ai.kind.kmb.Json;
import ai.kind.kmb.broker.cluster.ResponderBoard.Listing;
import ai.kind.kmb.broker.store.redis.RedisStore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The responder board in two Redis hashes: {@code {bus}:responders}, node id to
 * {@code "<heartbeat's end, server ms> {"filters": [...], "groups": ["<filter> <name>", ...]}"}, and
 * beside it {@code {bus}:node-durables}, node id to {@code "<the same end> <its DurablesReport JSON>"}.
 * Both hashes are written by one script, which takes the time from Redis ({@code TIME}), so node
 * clocks do not matter and a node's listing and report run out together. A change of listing is
 * announced by PUBLISH on a channel named as the first hash (channels and keys do not share names in
 * Redis); reports are read only when asked for, never announced.
 */
final class RedisResponderBoard implements ResponderBoard {
    /**
     * KEYS: listings, reports. ARGV: node, listing JSON, report JSON, ttl ms, announce (1/0). Drops
     * entries of either hash a whole ttl past their end.
     */
    private static final String PUT = """
            local now = redis.call('TIME')
            local ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
            local ttl = tonumber(ARGV[4])
            local ends = string.format('%d', ms + ttl)
            redis.call('HSET', KEYS[1], ARGV[1], ends .. ' ' .. ARGV[2])
            redis.call('HSET', KEYS[2], ARGV[1], ends .. ' ' .. ARGV[3])
            for k = 1, 2 do
              local all = redis.call('HGETALL', KEYS[k])
              for i = 1, #all, 2 do
                if tonumber(string.match(all[i + 1], '^(%d+)')) < ms - ttl then
                  redis.call('HDEL', KEYS[k], all[i])
                end
              end
            end
            if ARGV[5] == '1' then
              redis.call('PUBLISH', KEYS[1], ARGV[1])
            end
            return 1
            """;
    /** KEYS: either hash. Returns node, ms left, JSON, for each entry whose heartbeat lasts. */
    private static final String READ = """
            local now = redis.call('TIME')
            local ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
            local all = redis.call('HGETALL', KEYS[1])
            local live = {}
            for i = 1, #all, 2 do
              local ends, filters = string.match(all[i + 1], '^(%d+) (.*)$')
              if tonumber(ends) > ms then
                table.insert(live, all[i])
                table.insert(live, tonumber(ends) - ms)
                table.insert(live, filters)
              end
            end
            return live
            """;
    private static final TypeReference<List<String>> FILTERS = new TypeReference<>() {
    };

    /** The listing as JSON; groups as the board lists them. */
    private record Listed(List<String> filters, List<String> groups) {
        static Listed of(Listing listing) {
            return new Listed(List.copyOf(new TreeSet<>(listing.filters())),
                    listing.groups().stream().map(QueueGroup::listed).sorted().toList());
        }

        Listing listing() {
            return new Listing(Set.copyOf(filters), groups.stream().map(QueueGroup::listed)
                    .collect(Collectors.toSet()));
        }
    }

    private final StatefulRedisConnection<String, String> connection;
    private final String key;
    private final String reportsKey;

    RedisResponderBoard(StatefulRedisConnection<String, String> connection, RedisStore store) {
        this.connection = connection;
        this.key = store.respondersKey();
        this.reportsKey = store.nodeDurablesKey();
    }

    /** The channel on which changes are announced. */
    String channel() {
        return key;
    }

    @Override
    public void put(String nodeId, Listing listing, DurablesReport report, Duration ttl, boolean announce)
            throws JsonProcessingException {
        String json = Json.mapper().writeValueAsString(Listed.of(listing));
        connection.sync().eval(PUT, ScriptOutputType.INTEGER, new String[] {key, reportsKey}, nodeId, json,
                report.json(), Long.toString(ttl.toMillis()), announce ? "1" : "0");
    }

    @Override
    public List<Entry> read() throws JsonProcessingException {
        List<Object> live = connection.sync().eval(READ, ScriptOutputType.MULTI, key);
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i + 2 < live.size(); i += 3) {
            entries.add(new Entry((String) live.get(i), listing((String) live.get(i + 2)),
                    Duration.ofMillis((Long) live.get(i + 1))));
        }
        return entries;
    }

    @Override
    public List<DurablesReport> reports() {
        List<Object> live = connection.sync().eval(READ, ScriptOutputType.MULTI, reportsKey);
        List<DurablesReport> reports = new ArrayList<>();
        for (int i = 0; i + 2 < live.size(); i += 3) {
            DurablesReport.fromJson((String) live.get(i), (String) live.get(i + 2)).ifPresent(reports::add);
        }
        return reports;
    }

    /** A listing, or a bare array of filters as a node of an earlier version writes it: filters without groups. */
    private static Listing listing(String json) throws JsonProcessingException {
        JsonNode tree = Json.mapper().readTree(json);
        if (tree.isArray()) {
            return new Listing(Set.copyOf(Json.mapper().convertValue(tree, FILTERS)), Set.of());
        }
        return Json.mapper().treeToValue(tree, Listed.class).listing();
    }

    @Override
    public void remove(String nodeId) {
        connection.sync().hdel(key, nodeId);
        connection.sync().hdel(reportsKey, nodeId);
        connection.sync().publish(key, nodeId);
    }
}
