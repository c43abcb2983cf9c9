// Read-only resources that stages consult: the knowledge base files under kb/.

export { type Epoch, loadEpochs, loadOutletCountries } from './kb.js';
