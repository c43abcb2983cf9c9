// The quotes stage: direct and indirect quotes with their speaker → quote facts. See README.md.

export {
  findQuotes,
  type Quote,
  type QuoteOptions,
  type QuoteType,
  type SpeakerMention,
  type SpeakerVia,
} from './find.js';
export { findMarkedQuotes, type MarkedQuote } from './marks.js';
export { loadQuoteModel, type QuoteModel, type TaggedSpan, tagText } from './model.js';
export { kbSpeakerResolver, mentionsOf, type QuoteData, type QuotesOptions, quotesStage } from './stage.js';
