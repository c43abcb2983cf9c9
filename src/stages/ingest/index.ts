// The ingest stage: files, directories and stdin in; RawRecords, messages and progress out.
// Bad input is reported as messages, never as exceptions that stop the batch.

export { readInputs } from './read-inputs.js';
export { DEFAULT_MAX_BYTES, type IngestEvent, type IngestOptions } from './types.js';
