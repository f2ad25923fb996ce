// @traykit/core/redis: a Limiter on Redis for Node fleets (issue 13). Filled in by its helper.
export {}
