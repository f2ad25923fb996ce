// The modules that the lean client's first download shares with the modules it loads through
// `import()` (the error path, the validator, the payload check). esbuild puts a module in a file
// of its own for each set of entry points that reach it, and the page loads every such file the
// entry reaches at once: one file per set costs a request and gzip's overhead each. Every lazy
// module re-exports this list, so all the shared modules have one set, and esbuild one file.
// The payload check (parse-call-payload) reaches them all itself. Add here what a lazy module
// starts to share with the first download.
export { clip } from '../_clip'
export { TrayError } from '../errors/tray-error'
export { TrayValidationError } from '../errors/tray-validation-error'
export { suggest } from '../suggest'
