// User files: control catalogs and crosswalk, the sub-processor inventory, accepted-risk exceptions.
export { loadCatalogs } from './load-catalogs.js';
export { loadInventory } from './load-inventory.js';
export { loadExceptions } from './load-exceptions.js';
