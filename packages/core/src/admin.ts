// @traykit/core/admin: end users' authentications and the service environments they are made
// in, as functions that take a client.
export {
  createAuthentication,
  deleteAuthentication,
  getAuthentication,
} from './admin/authentications'
export { listServiceEnvironments } from './admin/list-service-environments'
