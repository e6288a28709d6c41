/**
 * GitHub-style heading anchors, so `[see](famine.md#the-toll)` finds `## The toll`.
 * Lower-case, drop punctuation except hyphens and spaces, spaces become hyphens.
 */
export function slugify(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '')
    .replace(/\s/g, '-');
}
