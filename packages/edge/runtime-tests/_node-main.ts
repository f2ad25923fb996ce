import { serveNodeApp } from './_node-app'

// Run as `node <bundle> <upstream URL>`: serves the app, then prints the port it listens on.
const upstream = process.argv[2]
if (!upstream) throw new Error('usage: node <bundle> <upstream Tray URL>')
console.log(JSON.stringify({ port: await serveNodeApp(upstream) }))
