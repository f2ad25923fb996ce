export { createTrayMcpServer } from './create-tray-mcp-server'
export type {
  AuthIdSource,
  TrayMcpCall,
  TrayMcpMode,
  TrayMcpRequest,
  TrayMcpServerOptions,
} from './mcp-server-options'
