import { h } from './_dom'

/**
 * Asks, in a modal dialog, whether to send a call that bills one Tray task. Resolves true only
 * when the user confirms; Escape and "Cancel" resolve false.
 */
export function confirmBilled(question: string): Promise<boolean> {
  const confirm = h('button', { type: 'button', class: 'primary', text: 'Run, bill one task' })
  const cancel = h('button', { type: 'button', text: 'Cancel' })
  const dialog = h(
    'dialog',
    { 'aria-labelledby': 'confirm-title', 'aria-describedby': 'confirm-text' },
    h('h2', { id: 'confirm-title', text: question }),
    h('p', {
      id: 'confirm-text',
      text: 'Tray bills one task for this call, whatever the third-party service answers.',
    }),
    h('div', { class: 'actions' }, cancel, confirm),
  )
  document.body.append(dialog)
  return new Promise((resolve) => {
    const done = (answer: boolean) => {
      dialog.close()
      dialog.remove()
      resolve(answer)
    }
    confirm.addEventListener('click', () => done(true))
    cancel.addEventListener('click', () => done(false))
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault()
      done(false)
    })
    dialog.showModal()
    cancel.focus()
  })
}
