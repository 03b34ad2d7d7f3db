import { z } from 'zod';

/**
 * Text Trellis can store and give back exactly: JSON may escape a lone UTF-16
 * surrogate (`"\udfff"`), which is not Unicode text and which every store would
 * silently turn into U+FFFD. Such input is refused by name instead.
 */
export function loneSurrogateProblem(text: string): string | undefined {
  return (text as unknown as { isWellFormed(): boolean }).isWellFormed()
    ? undefined
    : 'contains a lone UTF-16 surrogate (\\uD800-\\uDFFF without its pair), which is not Unicode text';
}

/** Text a search can look for: well-formed, and without NUL, which no index can match. */
export function searchTextProblem(text: string): string | undefined {
  return text.includes('\u0000') ? 'contains a NUL character' : loneSurrogateProblem(text);
}

/** Text of at most `max` characters that every store gives back as written (no lone surrogate). */
export function wellFormedText(max: number) {
  return z.string().max(max).refine((value) => !loneSurrogateProblem(value), { message: loneSurrogateProblem('\uD800') });
}

/** An IANA time-zone name this runtime knows (Europe/Paris, UTC...). */
export const timeZoneSchema = z.string().max(64).refine((zone) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'an IANA time zone such as Europe/Paris or UTC');
