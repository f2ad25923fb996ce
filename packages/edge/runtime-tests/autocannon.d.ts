// The part of autocannon's programmatic API the load tests use (it ships no types).
declare module 'autocannon' {
  interface AutocannonRequest {
    method?: string
    path?: string
    headers?: Record<string, string>
    body?: string
    onResponse?: (status: number, body: string) => void
  }

  interface AutocannonOptions {
    url: string
    connections?: number
    duration?: number
    amount?: number
    /** Seconds to wait for each answer. */
    timeout?: number
    requests?: AutocannonRequest[]
  }

  interface Histogram {
    average: number
    p50: number
    p99: number
    max: number
  }

  interface AutocannonResult {
    requests: Histogram & { total: number; sent: number }
    latency: Histogram
    duration: number
    errors: number
    timeouts: number
    non2xx: number
    statusCodeStats: Record<string, { count: number }>
  }

  export type { AutocannonOptions, AutocannonRequest, AutocannonResult }
  export default function autocannon(options: AutocannonOptions): Promise<AutocannonResult>
}
