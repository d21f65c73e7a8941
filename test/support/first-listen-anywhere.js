// Preloaded (NODE_OPTIONS=--require) into a `casetrail serve` by serve-start-refusals.e2e-spec.ts:
// the first listen of the process (serve's look at PORT) binds a free port instead, so the look
// passes and the port clash is met only when the API listens, as when another process takes the
// port between the two.
// Plain CommonJS: Node loads it with --require, before the TypeScript compiler is registered.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const net = require('node:net');

const listen = net.Server.prototype.listen;
let first = true;
net.Server.prototype.listen = function (...args) {
  if (first && typeof args[0] === 'number') {
    first = false;
    args[0] = 0;
  }
  return listen.apply(this, args);
};
