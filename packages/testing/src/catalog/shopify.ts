import { thirdPartyError } from '../third-party-error'
import { INPUT_SCHEMA, OUTPUT_SCHEMA } from './_shared'
import type { MockCatalogConnector, MockCatalogService } from './mock-catalog'

const product = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    title: { type: 'string' },
    status: { type: 'string', enum: ['active', 'archived', 'draft'] },
  },
}

/** shopify 4.1, as Tray's connector list names it: list_products and get_order. */
export const shopifyConnector: MockCatalogConnector = {
  name: 'shopify',
  version: '4.1',
  title: 'Shopify',
  description: 'Shopify gives you everything you need to build a successful online business.',
  service: { id: 'e0b2cbd7-657d-4917-8362-31d028968e0b', name: 'shopify', version: 4 },
  operations: [
    {
      name: 'list_products',
      title: 'List Products',
      description: 'Retrieve a list of products.',
      inputSchema: {
        $schema: INPUT_SCHEMA,
        type: 'object',
        additionalProperties: false,
        advanced: ['status'],
        properties: {
          limit: {
            type: 'integer',
            title: 'Limit',
            description: 'How many products to return',
            minimum: 1,
            maximum: 250,
            default: 50,
          },
          status: {
            type: 'string',
            title: 'Status',
            enum: ['active', 'archived', 'draft'],
            enumLabels: ['Active', 'Archived', 'Draft'],
          },
        },
      },
      outputSchema: {
        $schema: OUTPUT_SCHEMA,
        type: 'object',
        properties: { products: { type: 'array', items: product } },
      },
      hasDynamicOutput: false,
      authScopes: ['read_products'],
      mockResponses: [
        {
          output: {
            products: [
              { id: 632910392, title: 'IPod Nano - 8GB', status: 'active' },
              { id: 921728736, title: 'IPod Touch 8GB', status: 'active' },
            ],
          },
        },
      ],
    },
    {
      name: 'get_order',
      title: 'Get Order',
      description: 'Retrieve an order by its ID.',
      inputSchema: {
        $schema: INPUT_SCHEMA,
        type: 'object',
        additionalProperties: false,
        required: ['order_id'],
        properties: { order_id: { type: 'string', title: 'Order ID' } },
      },
      outputSchema: {
        $schema: OUTPUT_SCHEMA,
        type: 'object',
        properties: {
          order: {
            type: 'object',
            properties: {
              id: { type: 'string' },
              email: { type: 'string', format: 'email' },
              total_price: { type: 'string' },
              currency: { type: 'string' },
            },
          },
        },
      },
      hasDynamicOutput: false,
      authScopes: ['read_orders'],
      mockResponses: [
        {
          when: { order_id: '0' },
          ...thirdPartyError(404, 'Not Found', 'Not found. Looks like this has been removed.'),
        },
        {
          output: {
            order: {
              id: '{{{order_id}}}',
              email: 'bob.norman@example.com',
              total_price: '598.94',
              currency: 'USD',
            },
          },
        },
      ],
    },
  ],
}

export const shopifyService: MockCatalogService = {
  name: 'shopify',
  version: 4,
  environments: [
    {
      id: '7c0ffee0-1d2e-4f3a-8b4c-5d6e7f8a9b0c',
      title: 'Production',
      authenticationType: 'oauth2',
      userDataSchema: {
        type: 'object',
        additionalProperties: false,
        required: ['shop'],
        properties: {
          shop: {
            type: 'string',
            title: 'Shop name',
            description: 'my-shop in my-shop.myshopify.com',
          },
        },
      },
      credentialsSchema: {},
      scopes: [
        { scope: 'read_products', description: 'Read products' },
        { scope: 'read_orders', description: 'Read orders' },
      ],
    },
  ],
}
