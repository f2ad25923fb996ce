/** The body Tray answers (a 200) for a call whose third party failed, as its docs spell it. */
export const errorOutcome = (statusCode: number, body: unknown, message: string) => ({
  outcome: 'error',
  output: {
    response: { statusCode, body },
    expects: { statusCode: [200, 201, 202, 203, 204] },
    message,
  },
})
