/**
 * The page's style, inlined into its HTML by the server. Colours keep a contrast of at least
 * 4.5:1 against their background (WCAG AA), and every control shows where the focus is.
 */
export const PAGE_CSS = `
:root{--fg:#1b1f24;--muted:#4a5360;--line:#c9d0d8;--bg:#fff;--panel:#f5f7f9;--accent:#0b57d0;--accent-fg:#fff;--bad:#b3261e;--ok:#146c2e;color-scheme:light}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg)}
header{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:baseline;padding:.75rem 1.25rem;border-bottom:1px solid var(--line);background:var(--panel)}
header h1{font-size:1.15rem;margin:0}
header p{margin:0;color:var(--muted)}
.layout{display:grid;grid-template-columns:minmax(14rem,20rem) 1fr;min-height:calc(100vh - 3.5rem)}
@media (max-width:50rem){.layout{grid-template-columns:1fr}}
nav{padding:1rem 1.25rem;border-right:1px solid var(--line);background:var(--panel)}
main{padding:1rem 1.5rem 3rem;max-width:60rem;min-width:0}
h2{font-size:1.1rem;margin:1.5rem 0 .5rem}
h2:first-child{margin-top:0}
h3{font-size:1rem;margin:1rem 0 .4rem}
label,legend{display:block;font-weight:600;margin-top:.75rem}
legend{padding:0 .3rem}
.hint{color:var(--muted);font-size:.9em;margin:.1rem 0 .2rem}
input,select,textarea,button{font:inherit;color:inherit}
input:not([type=checkbox]),select,textarea{width:100%;padding:.35rem .5rem;border:1px solid #6b7480;border-radius:4px;background:#fff}
select[size]{padding:0}
select[size] option{padding:.2rem .5rem}
textarea{min-height:5rem;font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.9em}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
button{padding:.4rem .9rem;border:1px solid var(--accent);border-radius:4px;background:#fff;color:var(--accent);cursor:pointer}
button.primary{background:var(--accent);color:var(--accent-fg)}
button:disabled{opacity:.6;cursor:not-allowed}
button.small{padding:.1rem .5rem;font-size:.85em}
.row{display:flex;gap:.5rem;align-items:end;flex-wrap:wrap;margin-top:.75rem}
.row>*{flex:1 1 10rem}
.row>button{flex:0 0 auto}
fieldset{border:1px solid var(--line);border-radius:6px;margin:.75rem 0 0;padding:.25rem .9rem .9rem}
details{margin-top:.75rem}
summary{cursor:pointer;font-weight:600}
.item{border-left:3px solid var(--line);padding-left:.75rem;margin-top:.5rem}
.issue{color:var(--bad);font-size:.9em;margin:.2rem 0 0}
[aria-invalid=true]{border-color:var(--bad)!important;box-shadow:0 0 0 1px var(--bad)}
.issues{border:2px solid var(--bad);border-radius:6px;padding:.5rem 1rem;margin-top:1rem}
.issues h3{color:var(--bad);margin:.25rem 0}
.status{color:var(--muted)}
.error{color:var(--bad)}
.ok{color:var(--ok)}
pre{background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:.6rem .8rem;overflow:auto;max-height:24rem;font-size:.85em;margin:.4rem 0}
.snippet-head{display:flex;justify-content:space-between;align-items:center;gap:1rem}
.snippet-head h3{margin-bottom:0}
dialog{border:1px solid var(--line);border-radius:8px;max-width:30rem;padding:1.25rem}
dialog::backdrop{background:rgb(0 0 0/.35)}
.actions{display:flex;gap:.5rem;justify-content:flex-end;margin-top:1rem}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.loading{padding:1rem 1.25rem}
`
