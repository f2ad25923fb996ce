// A README inside a tarball is read on npm and in node_modules, where the repository's other
// files are not: it must not send the reader to one. Relative links must name a file of the
// tarball, and paths of the repository (src/, examples/, bench/, TRAY_API.md, `pnpm bench`) may
// appear only inside a link to the repository.
import { execFileSync } from 'node:child_process'

const REPOSITORY_ONLY = [
  /`pnpm bench`/,
  /TRAY_API\.md/,
  /`(?:\.\/)?(?:src|examples|bench|tests|scripts|runtime-tests|tray)\/[^`]*`/,
]

/** Problems of the README packed in `tarball` (an empty list when there are none). */
export function checkPackedReadme(tarball) {
  const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map((f) => f.replace(/^package\//, ''))
  if (!files.includes('README.md')) return ['README.md is not in the tarball']
  const readme = execFileSync('tar', ['-xzOf', tarball, 'package/README.md'], { encoding: 'utf8' })
  const problems = []
  const lines = readme.split('\n')
  let fenced = false
  lines.forEach((line, i) => {
    if (/^\s*(```|~~~)/.test(line)) {
      fenced = !fenced
      return
    }
    // Links to other sites are fine, whatever their text names.
    const prose = line.replace(/\[[^\]]*\]\((?:https?:|mailto:)[^)]*\)/g, '')
    if (fenced) return
    for (const [, target] of prose.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
      if (!files.includes(target.replace(/^\.\//, '')))
        problems.push(`README.md:${i + 1}: links to ${target}, which is not in the tarball`)
    }
    for (const pattern of REPOSITORY_ONLY) {
      const found = pattern.exec(prose)
      if (found)
        problems.push(
          `README.md:${i + 1}: names ${found[0]}, which is not in the tarball: link to the repository instead`,
        )
    }
  })
  return problems
}
