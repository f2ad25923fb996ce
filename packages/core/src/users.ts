// @traykit/core/users: end users and their user tokens (issue 18). Filled in by its helper.
export {}
