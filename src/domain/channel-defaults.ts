// A channel's and a member's totals' defaults are the store's (src/store/defaults.ts): the store may not
// depend on the domain, so the domain takes them from there.
export { emptyChannel, emptyTotals } from '../store/defaults.js';
