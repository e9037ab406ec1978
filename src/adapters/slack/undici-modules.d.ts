// undici is imported by sub-module (see response-url.ts): its root loads fetch, WebSocket, caches and mocks
// too, ~3 MB of heap for the life of the process. These two files are what a reply needs; the package types
// only its root, so their types are borrowed from it.
declare module 'undici/lib/dispatcher/pool.js' {
  import type { Pool } from 'undici';
  const PoolClass: typeof Pool;
  export default PoolClass;
}
declare module 'undici/lib/api/api-request.js' {
  import type { Dispatcher } from 'undici';
  /** Dispatcher#request, called with the dispatcher as `this` (the root mixes it into Dispatcher.prototype). */
  const request: (this: Dispatcher, options: Dispatcher.RequestOptions) => Promise<Dispatcher.ResponseData>;
  export default request;
}
