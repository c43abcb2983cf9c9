// The time stage: temporal expressions → timex facts; dates for other facts. See README.md.

export type { Ymd } from './calendar.js';
export { activeEpoch, type Precision, precisionOf, type TimeNote, type Timex, type TimexType } from './extract.js';
export { dateForSpan, type FactDate, periodStart } from './fact-date.js';
export { DEFAULT_TIME_OPTIONS, resolveTimeOptions, type TimeOptions } from './options.js';
export { findTimexes, outletCountry, type TimexData, timeStage } from './stage.js';
