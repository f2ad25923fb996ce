import { h } from './_dom'

/** A button that copies `text()` to the clipboard and says so. */
export function copyButton(what: string, text: () => string): HTMLButtonElement {
  const button = h('button', {
    type: 'button',
    class: 'small',
    'aria-label': `Copy ${what}`,
    text: 'Copy',
  })
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(text())
      button.textContent = 'Copied'
    } catch {
      // No clipboard (an insecure context, or permission refused): the text stays selectable.
      button.textContent = 'Select and copy by hand'
    }
    setTimeout(() => {
      button.textContent = 'Copy'
    }, 2000)
  })
  return button
}
