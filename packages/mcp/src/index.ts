// @traykit/mcp: filled in by its helper.
export {}
