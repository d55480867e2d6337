-- @brief wrk script for bench/serve/run.sh: each connection walks the request paths in
-- TARGETS (one per line, made from the shared query set) from its own starting point, and
-- done() prints one machine-readable line with the counts and latency percentiles.
local paths = {}
for line in io.lines(os.getenv("TARGETS")) do paths[#paths + 1] = line end
if #paths == 0 then error("no request paths in " .. os.getenv("TARGETS")) end

local thread_count = 0
function setup(thread)
    thread:set("first", thread_count * 97)
    thread_count = thread_count + 1
end

local position = 0
function init(args)
    position = first or 0
end

function request()
    position = position % #paths + 1
    return wrk.format("GET", paths[position])
end

function done(summary, latency, requests)
    local errors = summary.errors
    io.write(string.format("RESULT requests=%d seconds=%.3f p50_us=%d p99_us=%d non2xx=%d "
        .. "socket_errors=%d\n", summary.requests, summary.duration / 1e6,
        latency:percentile(50), latency:percentile(99), errors.status,
        errors.connect + errors.read + errors.write + errors.timeout))
end
