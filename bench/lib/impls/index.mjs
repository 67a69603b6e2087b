// The implementations under test, in the order they are run and reported.

/** name → { label, module loader, workloads it supports, optional: run only when named in --only } */
export const IMPLEMENTATIONS = [
  { name: 'raw', label: 'raw ceiling', load: () => import('./raw.mjs'), workloads: ['put', 'get', 'batch', 'scan', 'mix'] },
  { name: 'raw-events', label: "raw ceiling, 'data' events", load: () => import('./raw-events.mjs'), workloads: ['put', 'get', 'batch', 'scan', 'mix'], optional: true },
  { name: 'classic', label: '@aerospike-ts/classic', load: () => import('./classic.mjs'), workloads: ['put', 'get', 'batch', 'scan', 'mix'] },
  { name: 'fluent', label: '@aerospike-ts/fluent (session.get/put)', load: () => import('./fluent.mjs'), workloads: ['put', 'get', 'batch', 'scan', 'mix'] },
  { name: 'fluent-builder', label: '@aerospike-ts/fluent (builders)', load: () => import('./fluent-builder.mjs'), workloads: ['put', 'get', 'mix'] },
  { name: 'official', label: 'aerospike (official)', load: () => import('./official.mjs'), workloads: ['put', 'get', 'batch', 'scan', 'mix'] }
];

/** The implementation called `name`. */
export function implementation(name) {
  const impl = IMPLEMENTATIONS.find((i) => i.name === name);
  if (impl === undefined) throw new Error(`unknown implementation ${name}; known: ${IMPLEMENTATIONS.map((i) => i.name).join(', ')}`);
  return impl;
}
