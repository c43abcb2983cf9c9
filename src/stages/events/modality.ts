// Whether a trigger reports something that happened: negated ("denied shelling"), hypothetical
// or conditional ("could attack", "if Russia invades"), future or planned ("will strike",
// "plans to hold talks"), a call or demand ("urged Russia to withdraw"), or generic (an
// infinitive of purpose: "forces ready to fight"). Each check reads only the clause, left of
// the trigger unless said otherwise.

export type Modality = 'asserted' | 'negated' | 'hypothetical' | 'future' | 'demanded';

const NEGATION =
  /\b(?:not|no|never|neither|nor|without|denied|denies|deny|denying|refused|refuses|rejected claims|n['’]t)\b(?:\s+[\w'’-]+){0,2}\s*$/i;
const HYPOTHETICAL =
  /\b(?:could|would|might|if|unless|whether|possible|possibly|potential|potentially|threat of|threatens? to|threatened to|risk of|risks|scenario|capabilit(?:y|ies) to|options? to|prepar(?:e|es|ed|ing) (?:for|to)|ready to|fears?|feared|warn(?:s|ed|ing)?|should|likely|alleged plans?)\b/i;
/** "may"/"can" only in lower case: "In May" is a month. */
const MODAL = /\b(?:may|can)\b(?!['’]t)/;
const FUTURE =
  /\b(?:will|won['’]t|shall|['’]ll|going to|plans? to|planned|planning|intends? to|expected to|is to|are to|set to|scheduled|due to (?:hold|meet|visit|travel|take|be|begin|start|sign|attend|vote)|upcoming|next week|next month|ahead of|to be held)\b/i;
const DEMAND =
  /\b(?:call(?:s|ed|ing)? (?:on|for)|urg(?:e|es|ed|ing)|demand(?:s|ed|ing)?|must|need(?:s|ed)? to|appeal(?:s|ed)? (?:to|for)|ask(?:s|ed)? (?:for|to)|push(?:es|ed)? for|seek(?:s|ing)? to|tried to|trying to|aim(?:s|ed)? to)\b/i;
/** "to fight", "to attack": an infinitive of purpose names no event (but "due to", "came under"…). */
const INFINITIVE =
  /(?<!\b(?:due|according|prior|next|close|similar|thanks|up|compared|subjected|led|leading))\s+to\s*$/i;

/** The modality of the trigger at `triggerStart` in `clause` (an offset into the clause). */
export function modalityOf(clause: string, triggerStart: number, trigger: string): Modality {
  const left = clause.slice(0, triggerStart);
  const near = left.slice(-80);
  if (NEGATION.test(left)) return 'negated';
  if (INFINITIVE.test(left) && !/^(?:attack|strike|shell)s\b/i.test(trigger)) return 'hypothetical';
  if (HYPOTHETICAL.test(near) || MODAL.test(near)) return 'hypothetical';
  if (FUTURE.test(near)) return 'future';
  if (DEMAND.test(near)) return 'demanded';
  // "… to be held next week", "the attack would include…": markers just after the trigger.
  const right = clause.slice(triggerStart + trigger.length, triggerStart + trigger.length + 50);
  // "An attack from the Belarusian border can give…": a modal verb of the trigger's own phrase.
  if (
    /^[^,.;:]{0,40}?\b(?:can|could|would|will|might|may)\b/.test(right) &&
    /^[^,.;:]*\b(?:can|could|would|will|might|may)\s+(?:not\s+)?(?:be|give|lead|cause|come|start|happen|begin|take|mean|include|trigger|provoke)\b/.test(
      right,
    )
  )
    return 'hypothetical';
  if (
    /^\s*(?:would|will|could|might|may|is expected|are expected|to be|(?:is|are|was|were) (?:planned|scheduled|due|expected))\b/.test(
      right,
    )
  )
    return 'hypothetical';
  return 'asserted';
}
