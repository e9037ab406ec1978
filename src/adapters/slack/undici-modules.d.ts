// undici is imported by sub-module (see response-url.ts): its root loads fetch, WebSocket, caches and mocks
// too, ~3 MB of heap for the life of the process. The pool is what a reply needs; the package types only
// its root, so the pool's type is borrowed from it.
declare module 'undici/lib/dispatcher/pool.js' {
  import type { Pool } from 'undici';
  const PoolClass: typeof Pool;
  export default PoolClass;
}
