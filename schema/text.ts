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
