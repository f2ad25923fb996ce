import { thirdPartyError } from '../third-party-error'
import { INPUT_SCHEMA, OUTPUT_SCHEMA } from './_shared'
import type { MockCatalogConnector, MockCatalogService } from './mock-catalog'

/** twilio-output 2.1, as Tray's connector list names it, with one operation: send_sms. */
export const twilioConnector: MockCatalogConnector = {
  name: 'twilio-output',
  version: '2.1',
  title: 'Twilio',
  description: 'Cloud communication platform for developers',
  service: { id: '55d1154c-4fd8-4c2c-ba22-041deabfcbfd', name: 'twilio', version: 1 },
  operations: [
    {
      name: 'send_sms',
      title: 'Send SMS',
      description: 'Send a text message to a phone number.',
      inputSchema: {
        $schema: INPUT_SCHEMA,
        type: 'object',
        additionalProperties: false,
        required: ['to', 'from', 'body'],
        advanced: ['status_callback'],
        properties: {
          to: { type: 'string', title: 'To', description: 'The phone number to send to, E.164' },
          from: { type: 'string', title: 'From', description: 'Your Twilio phone number, E.164' },
          body: { type: 'string', title: 'Body', description: 'The text of the message' },
          status_callback: {
            type: 'string',
            format: 'uri',
            title: 'Status callback',
            description: 'A URL Twilio calls as the message status changes',
          },
        },
      },
      outputSchema: {
        $schema: OUTPUT_SCHEMA,
        type: 'object',
        properties: {
          sid: { type: 'string' },
          status: { type: 'string', enum: ['queued', 'sending', 'sent', 'failed', 'delivered'] },
          to: { type: 'string' },
          from: { type: 'string' },
          body: { type: 'string' },
        },
      },
      hasDynamicOutput: false,
      authScopes: [],
      mockResponses: [
        {
          // Twilio's magic test number for "invalid destination".
          when: { to: '+15005550001' },
          ...thirdPartyError(
            400,
            { code: 21211, message: "The 'To' number +15005550001 is not a valid phone number." },
            "The 'To' number +15005550001 is not a valid phone number.",
          ),
        },
        {
          output: {
            sid: 'SM00000000000000000000000000000001',
            status: 'queued',
            to: '{{{to}}}',
            from: '{{{from}}}',
            body: '{{{body}}}',
          },
        },
      ],
    },
  ],
}

export const twilioService: MockCatalogService = {
  name: 'twilio',
  version: 1,
  environments: [
    {
      id: '5b1e6f0a-3c1d-4f7e-8a2b-9c0d1e2f3a4b',
      title: 'Production',
      authenticationType: 'token',
      userDataSchema: {},
      credentialsSchema: {
        type: 'object',
        additionalProperties: false,
        required: ['account_sid', 'auth_token'],
        properties: {
          account_sid: { type: 'string', title: 'Account SID' },
          auth_token: { type: 'string', title: 'Auth token', format: 'password' },
        },
      },
      scopes: [],
    },
  ],
}
