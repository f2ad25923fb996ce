import { thirdPartyError } from '../third-party-error'
import { ddlOperation } from './_ddl-operation'
import { INPUT_SCHEMA, OUTPUT_SCHEMA } from './_shared'
import type { MockCatalogConnector, MockCatalogOperation, MockCatalogService } from './mock-catalog'

const SERVICE = { id: '3e21b055-1597-40ae-bcc2-72af0843b283', name: 'slack', version: 4 }

const workspaceField = {
  type: 'string',
  description: 'The workspace id that has the channel where the reminder will be sent',
  title: 'Workspace',
  lookup: { message: 'list_workspaces_ddl', input: {} },
}

const channelIdField = {
  type: 'string',
  title: 'Channel',
  description: 'The ID of the channel where the reminder will be sent',
  lookup: {
    message: 'list_channels_ddl',
    input: { include_private_channels: false, workspace_id: '{{{workspace_id}}}' },
  },
}

const reminderOutputSchema = {
  $schema: OUTPUT_SCHEMA,
  type: 'object',
  properties: {
    reminder_id: { type: 'string', description: 'The content of the reminder', title: 'Message' },
  },
}

/** The reminder-style input of Tray's "Slack Operations List" example, shared by both its operations. */
const reminderInputSchema = {
  $schema: INPUT_SCHEMA,
  type: 'object',
  additionalProperties: false,
  advanced: ['description'],
  required: ['message', 'time', 'channel_id'],
  properties: {
    workspace_id: workspaceField,
    description: {
      type: 'string',
      description: 'The description of the reminder',
      title: 'Description',
    },
    time: {
      type: 'string',
      description:
        'When this reminder should happen. Some examples that work: 1458678068, 20, in 5 minutes, tomorrow, at 3:30pm, on Tuesday, or next week.',
      title: 'Time',
    },
    channel_id: channelIdField,
    message: { type: 'string', description: 'The content of the reminder', title: 'Message' },
  },
}

const reminderResponses = [{ output: { reminder_id: 'Rm0000000001' } }]

/** slack 9.0's send_message, exactly as Tray's operations example lists it. */
const sendMessage90: MockCatalogOperation = {
  name: 'send_message',
  title: 'Send Message',
  description: 'Send a message to a user or channel.',
  inputSchema: reminderInputSchema,
  outputSchema: reminderOutputSchema,
  hasDynamicOutput: false,
  authScopes: ['chat:write:bot', 'chat:write:user', 'channels:write', 'channels:read'],
  mockResponses: reminderResponses,
}

/** slack 9.1's send_message: the input of Tray's call example (`channel`, `text`), its output too. */
const sendMessage91: MockCatalogOperation = {
  name: 'send_message',
  title: 'Send Message',
  description: 'Send a message to a user or channel.',
  inputSchema: {
    $schema: INPUT_SCHEMA,
    type: 'object',
    additionalProperties: false,
    advanced: ['workspace_id', 'username'],
    required: ['channel', 'text'],
    properties: {
      workspace_id: { ...workspaceField, description: 'The workspace that has the channel' },
      channel: {
        ...channelIdField,
        description: 'The ID of the channel, private group or user to send the message to',
      },
      text: { type: 'string', title: 'Text', description: 'The text of the message' },
      username: {
        type: 'string',
        title: 'Username',
        description: "The bot's name shown with the message",
      },
    },
  },
  outputSchema: {
    $schema: OUTPUT_SCHEMA,
    type: 'object',
    properties: {
      ok: { type: 'boolean' },
      channel: { type: 'string' },
      ts: { type: 'string' },
      message: {
        type: 'object',
        properties: {
          username: { type: 'string' },
          text: { type: 'string' },
          type: { type: 'string' },
          ts: { type: 'string' },
          app_id: { type: 'string' },
          subtype: { type: 'string' },
          bot_id: { type: 'string' },
        },
      },
    },
  },
  hasDynamicOutput: false,
  authScopes: ['chat:write:bot', 'chat:write:user', 'channels:write', 'channels:read'],
  mockResponses: [
    {
      when: { channel: 'C0000ARCHIVED' },
      ...thirdPartyError(400, { ok: false, error: 'is_archived' }, 'Channel has been archived.'),
    },
    {
      output: {
        ok: true,
        channel: '{{{channel}}}',
        ts: '1654555157.195399',
        message: {
          username: 'traykit',
          text: '{{{text}}}',
          type: 'message',
          ts: '1654555157.195399',
          app_id: 'A0000000001',
          subtype: 'bot_message',
          bot_id: 'B0000000001',
        },
      },
    },
  ],
}

const sendReminder: MockCatalogOperation = {
  name: 'send_reminder',
  title: 'Send Reminder',
  description: 'Periodically sends a reminder to a channel',
  inputSchema: reminderInputSchema,
  outputSchema: reminderOutputSchema,
  hasDynamicOutput: false,
  authScopes: ['reminder:send'],
  mockResponses: reminderResponses,
}

const listWorkspaces = ddlOperation({
  name: 'list_workspaces_ddl',
  title: 'List Workspaces (DDL)',
  description: 'Lists the workspaces the authentication can see, for a drop-down.',
  properties: {},
  options: [
    { text: 'Acme', value: 'T0000ACME' },
    { text: 'Globex', value: 'T000GLOBEX' },
  ],
})

/** Its options depend on `workspace_id` (and `include_private_channels`), like Slack's own. */
const listChannels = ddlOperation({
  name: 'list_channels_ddl',
  title: 'List Channels (DDL)',
  description: 'Lists the channels of a workspace, for a drop-down.',
  required: ['workspace_id'],
  properties: {
    workspace_id: { type: 'string', title: 'Workspace' },
    include_private_channels: {
      type: 'boolean',
      title: 'Include private channels',
      default: false,
    },
  },
  mockResponses: [
    {
      when: { workspace_id: 'T0000ACME', include_private_channels: true },
      output: {
        result: [
          { text: '#general', value: 'C0000GENERAL' },
          { text: '#random', value: 'C00000RANDOM' },
          { text: '#leadership (private)', value: 'G00000LEADERS' },
        ],
      },
    },
    {
      when: { workspace_id: 'T0000ACME' },
      output: {
        result: [
          { text: '#general', value: 'C0000GENERAL' },
          { text: '#random', value: 'C00000RANDOM' },
        ],
      },
    },
    {
      when: { workspace_id: 'T000GLOBEX' },
      output: { result: [{ text: '#announcements', value: 'C000ANNOUNCE' }] },
    },
    { output: { result: [] } },
  ],
})

const listUsersAndConversations = ddlOperation({
  name: 'list_users_and_conversations_ddl',
  title: 'List Users and Conversations (DDL)',
  description: 'Lists users and conversations, for a drop-down.',
  properties: {},
  options: [
    { value: 'U0000000001', text: 'A User Name' },
    { value: 'U0000000002', text: 'Another User Name' },
  ],
})

/** slack 9.0 and 9.1: the operations of Tray's examples and the DDLs their lookups name. */
export const slackConnectors: MockCatalogConnector[] = [
  {
    name: 'slack',
    version: '9.0',
    title: 'Slack',
    description: 'Slack connector',
    service: SERVICE,
    operations: [sendMessage90, sendReminder, listWorkspaces, listChannels],
  },
  {
    name: 'slack',
    version: '9.1',
    title: 'Slack',
    description: 'Slack connector',
    service: SERVICE,
    operations: [
      sendMessage91,
      sendReminder,
      listWorkspaces,
      listChannels,
      listUsersAndConversations,
    ],
  },
]

/** Tray's "Slack v4 Service Environment" example. */
export const slackService: MockCatalogService = {
  name: 'slack',
  version: 4,
  environments: [
    {
      id: '228a3f9e-6f3b-4a8e-9d8e-52f1c1a244c1',
      title: 'Production',
      authenticationType: 'oauth2',
      userDataSchema: {
        advanced: [],
        additionalProperties: false,
        type: 'object',
        properties: {
          signing_secret: {
            format: 'password',
            description: 'Used in the slack trigger version 5.0 and later to verify slash commands',
            type: 'string',
            title: 'Slash command signing secret',
          },
        },
      },
      credentialsSchema: {},
      scopes: [
        {
          scope: 'calls:read',
          description: 'Allow apps to access information about ongoing and past Calls',
        },
        { scope: 'channels:history', description: 'Access user’s public channels' },
        { scope: 'channels:read', description: 'Access information about user’s public channels' },
        { scope: 'channels:write', description: 'Modify your public channels' },
        { scope: 'chat:write:bot', description: 'Send messages as tray.io' },
      ],
    },
  ],
}
