import { googleSheetsConnector, googleSheetsService } from './google-sheets'
import type { MockCatalog } from './mock-catalog'
import { salesforceConnector, salesforceService } from './salesforce'
import { shopifyConnector, shopifyService } from './shopify'
import { slackConnectors, slackService } from './slack'
import { twilioConnector, twilioService } from './twilio'

/**
 * The catalog a mock serves unless given another: slack 9.0 and 9.1, twilio-output 2.1 and
 * shopify 4.1 (Tray's connector list example), google-sheets 8.2 (its operations example) and
 * salesforce 8.6 (a paginated and a dynamic-output operation), with their service environments.
 */
export const defaultCatalog: MockCatalog = {
  connectors: [
    ...slackConnectors,
    twilioConnector,
    shopifyConnector,
    googleSheetsConnector,
    salesforceConnector,
  ],
  services: [slackService, twilioService, shopifyService, googleSheetsService, salesforceService],
}
