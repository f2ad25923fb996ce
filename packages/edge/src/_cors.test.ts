import { describe, expect, it } from 'vitest'
import { CALL_PATH, SEND_MESSAGE, setup, TOKEN } from './__fixtures__/setup'
import { createTrayHandler } from './create-tray-handler'

const APP = 'https://app.example.com'
const EVIL = 'https://evil.example'

function preflight(origin: string) {
  return {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type, authorization',
    },
  }
}

describe('cors', () => {
  it('is off by default: no CORS header, and no preflight', async () => {
    const { request } = setup()
    const response = await request('/core/v1/connectors', { headers: { origin: APP } })
    expect(response.status).toBe(200)
    expect(response.headers.get('access-control-allow-origin')).toBeNull()
    const options = await request(CALL_PATH, preflight(APP))
    expect(options.status).toBe(405)
    expect(options.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('answers a preflight from a listed origin, and nothing reaches Tray', async () => {
    const { mock, request } = setup({ cors: { origins: [APP], maxAge: 120 } })
    const response = await request(CALL_PATH, preflight(APP))
    expect(response.status).toBe(204)
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'access-control-allow-origin': APP,
      'access-control-allow-methods': 'POST',
      'access-control-allow-headers': 'authorization, content-type, user-agent, x-request-id',
      'access-control-max-age': '120',
      vary: 'origin',
    })
    expect(response.headers.get('access-control-allow-credentials')).toBeNull()
    expect(response.headers.get('x-request-id')).toBeTruthy()
    expect(mock.calls).toEqual([])
  })

  it('refuses a preflight from any other origin, even one that only looks alike', async () => {
    const { request } = setup({ cors: { origins: [APP] } })
    for (const origin of [EVIL, `${APP}.evil.example`, 'http://app.example.com', 'null']) {
      const response = await request(CALL_PATH, preflight(origin))
      expect(response.status).toBe(403)
      expect(response.headers.get('access-control-allow-origin')).toBeNull()
    }
  })

  it.each([
    [`${APP}.evil.example`],
    ['https://app.example.co'],
    ['https://evilapp.example.com'],
    ['https://sub.app.example.com'],
    ['http://app.example.com'],
    ['https://app.example.com:443'],
    ['HTTPS://APP.EXAMPLE.COM'],
    [`${APP}/`],
    ['https://app.example.com.'],
    ['null'],
    ['*'],
  ])('grants nothing to the near miss %s, on a preflight or an answer', async (origin) => {
    const { mock, request, call } = setup({ cors: { origins: [APP], credentials: true } })
    const options = await request(CALL_PATH, preflight(origin))
    expect(options.status).toBe(403)
    expect(await options.json()).toMatchObject({ code: 'origin_not_allowed' })
    const answer = await call(SEND_MESSAGE, { origin })
    expect(answer.status).toBe(403)
    expect(await answer.json()).toMatchObject({ code: 'origin_not_allowed' })
    expect(mock.calls).toEqual([])
    for (const response of [options, answer]) {
      expect(response.headers.get('access-control-allow-origin')).toBeNull()
      expect(response.headers.get('access-control-allow-credentials')).toBeNull()
      expect(response.headers.get('vary')).toBe('origin')
    }
  })

  it('names only a listed origin on answers, and exposes the request id', async () => {
    const { call } = setup({ cors: { origins: [APP, 'http://localhost:5173'] } })
    const allowed = await call(SEND_MESSAGE, { origin: APP })
    expect(allowed.headers.get('access-control-allow-origin')).toBe(APP)
    expect(allowed.headers.get('access-control-expose-headers')).toMatch(/x-request-id/)
    expect(allowed.headers.get('vary')).toBe('origin')
    const other = await call(SEND_MESSAGE, { origin: EVIL })
    expect(other.status).toBe(403)
    expect(other.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('adds credentials and extra request headers when asked', async () => {
    const { request } = setup({
      cors: { origins: [APP], credentials: true, allowHeaders: ['X-Tenant'] },
    })
    const response = await request(CALL_PATH, preflight(APP))
    expect(response.headers.get('access-control-allow-credentials')).toBe('true')
    expect(response.headers.get('access-control-allow-headers')).toMatch(/, x-tenant$/)
  })

  it('lists OPTIONS in Allow when it is on', async () => {
    const { request } = setup({ cors: { origins: [APP] } })
    const response = await request('/core/v1/connectors', { method: 'PATCH' })
    expect(response.headers.get('allow')).toBe('GET, OPTIONS')
  })

  it.each([
    [{ origins: ['*'] }, /exact origins/],
    [{ origins: ['https://app.example.com/'] }, /exact origins.*trailing slash/],
    [{ origins: ['https://app.example.com/tray'] }, /exact origins/],
    [{ origins: ['app.example.com'] }, /exact origins/],
    [{ origins: [] }, /at least one origin/],
    [[APP], /at least one origin/],
    [{ origins: [APP], maxAge: -1 }, /maxAge/],
  ])('refuses %j when the handler is created', (cors, message) => {
    expect(() => createTrayHandler({ token: TOKEN, public: true, cors: cors as never })).toThrow(
      message,
    )
  })
})
