// The portal's production entry (`npm start`): adapter-node's own server, build/index.js (PORT,
// HOST, ORIGIN, graceful shutdown and the rest of its settings), plus one header its static-file
// handler does not send. adapter-node serves /_app/* and the files of static/ itself (sirv),
// before SvelteKit and so before hooks.server.ts, which sets the same header on everything else.
// `nosniff` keeps a browser from running an uploaded or mistyped file as a script or stylesheet.
const { server } = await import('./build/index.js');

// Before polka's handler: the listener runs first for every request, and a header set here
// stays unless the handler sets the same one.
server.server.prependListener('request', (_req, res) => {
	res.setHeader('X-Content-Type-Options', 'nosniff');
});
