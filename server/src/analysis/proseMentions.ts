import type { EntityMatcher } from './entityMatcher.js';
import type { Mention, Span } from './types.js';
import { LruMap } from '../util/lruMap.js';

/**
 * Mentions found in one prose span depend only on that span's text: the matcher's words, gaps
 * and context windows never reach past it. After an edit, every span but the one typed in has
 * the text it had, so its mentions are taken from here (offsets relative to the span).
 */
export class ProseMentionCache {
  private matcher: EntityMatcher | undefined;
  private readonly bySpanText: LruMap<string, readonly Mention[]>;

  /** `capacity`: prose spans kept; a few essays' worth. */
  constructor(capacity = 8192) {
    this.bySpanText = new LruMap(capacity);
  }

  /** What `matcher.findMentions(text, prose)` returns, matching only spans not seen before. */
  findMentions(matcher: EntityMatcher, text: string, prose: readonly Span[]): Mention[] {
    if (matcher !== this.matcher) {
      // Another glossary: other mentions.
      this.bySpanText.clear();
      this.matcher = matcher;
    }
    const mentions: Mention[] = [];
    for (const span of prose) {
      const spanText = text.slice(span.start, span.end);
      let found = this.bySpanText.get(spanText);
      if (!found) {
        found = matcher.findMentions(spanText, [{ start: 0, end: spanText.length }]);
        this.bySpanText.set(spanText, found);
      }
      for (const mention of found) mentions.push({ ...mention, span: { start: mention.span.start + span.start, end: mention.span.end + span.start } });
    }
    return mentions;
  }
}
