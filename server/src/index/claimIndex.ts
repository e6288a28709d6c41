import type { Claim } from '../analysis/claims/claim.js';
import { compareClaims, type ConflictSeverity } from '../analysis/conflicts.js';

/**
 * Claims by key across the workspace, and the conflicts between them. A claim's conflicts are
 * computed when asked for, by comparing it with the other claims on its key: nothing quadratic
 * is kept, so a key that a thousand essays give a figure for costs memory in proportion to its
 * claims, not to its pairs. An update compares only the updated file's claims with the others
 * on the keys it touches, and reports the essays whose conflicts changed, so editing one essay
 * can add or clear a warning in another.
 */

export interface ClaimLocation {
  readonly uri: string;
  readonly claim: Claim;
}

export interface ClaimConflict {
  readonly other: ClaimLocation;
  readonly severity: ConflictSeverity;
}

/** Which files an update changed, and how. */
export interface ClaimChange {
  /** Files whose conflicts changed: a warning added, cleared, or saying something else. */
  readonly changed: Set<string>;
  /** Files whose conflicts are the same except for where the updated file's figures now stand. */
  readonly moved: Set<string>;
}

interface KeyClaims {
  readonly byUri: Map<string, readonly Claim[]>;
  /** The claims in `claimsFor` order (URI, then place in the file), made when first needed after a change. */
  ordered?: ClaimLocation[];
}

export class ClaimIndex {
  private readonly byKey = new Map<string, KeyClaims>();
  private tolerance = 0.05;

  /** Replaces one file's claims; returns the other URIs whose conflicts changed. */
  update(uri: string, oldClaims: readonly Claim[], newClaims: readonly Claim[]): Set<string> {
    const { changed, moved } = this.updateWithMoves(uri, oldClaims, newClaims);
    for (const u of moved) changed.add(u);
    return changed;
  }

  /** Replaces one file's claims; tells apart the files whose conflicts changed from those where only positions moved. */
  updateWithMoves(uri: string, oldClaims: readonly Claim[], newClaims: readonly Claim[]): ClaimChange {
    const changed = new Set<string>();
    const moved = new Set<string>();
    for (const key of new Set([...oldClaims, ...newClaims].map((c) => c.key))) {
      const before = oldClaims.filter((c) => c.key === key);
      const after = newClaims.filter((c) => c.key === key);
      let entry = this.byKey.get(key);
      if (entry) this.compareOthers(uri, entry, before, after, changed, moved);
      if (after.length > 0) {
        if (!entry) this.byKey.set(key, (entry = { byUri: new Map() }));
        entry.byUri.set(uri, after);
      } else if (entry) {
        entry.byUri.delete(uri);
        if (entry.byUri.size === 0) this.byKey.delete(key);
      }
      if (entry) entry.ordered = undefined;
    }
    for (const u of changed) moved.delete(u);
    return { changed, moved };
  }

  /** Replaces every claim at once (a rebuild). */
  reset(files: Iterable<readonly [string, readonly Claim[]]>): void {
    this.byKey.clear();
    for (const [uri, claims] of files) {
      const byKey = new Map<string, Claim[]>();
      for (const claim of claims) {
        const list = byKey.get(claim.key);
        if (list) list.push(claim);
        else byKey.set(claim.key, [claim]);
      }
      for (const [key, list] of byKey) {
        let entry = this.byKey.get(key);
        if (!entry) this.byKey.set(key, (entry = { byUri: new Map() }));
        entry.byUri.set(uri, list);
      }
    }
  }

  /** Changes the tolerance. Returns every URI with claims (their conflicts may all change). */
  setTolerance(tolerance: number): Set<string> {
    if (tolerance === this.tolerance) return new Set();
    this.tolerance = tolerance;
    return new Set([...this.byKey.values()].flatMap((entry) => [...entry.byUri.keys()]));
  }

  claimsFor(key: string): ClaimLocation[] {
    const entry = this.byKey.get(key);
    return entry ? this.ordered(entry).slice() : [];
  }

  keys(): IterableIterator<string> {
    return this.byKey.keys();
  }

  /**
   * The claims that conflict with this one, hard first, each group in `claimsFor` order. Claims
   * in one sentence of one essay never conflict (the sentence compares them); acknowledged
   * claims neither conflict nor are conflicted with.
   */
  conflictsOf(claim: Claim): readonly ClaimConflict[] {
    const entry = this.byKey.get(claim.key);
    if (!entry || claim.acknowledged) return [];
    const hard: ClaimConflict[] = [];
    const soft: ClaimConflict[] = [];
    const ordered = this.ordered(entry);
    const self = ordered.find((l) => l.claim === claim);
    if (!self) return [];
    let passed = false;
    for (const other of ordered) {
      if (other === self) {
        passed = true;
        continue;
      }
      if (other.claim.acknowledged || inOneSentence(self, other)) continue;
      const severity = passed ? compareClaims(claim, other.claim, this.tolerance) : compareClaims(other.claim, claim, this.tolerance);
      if (severity === 'hard') hard.push({ other, severity });
      else if (severity === 'soft') soft.push({ other, severity });
    }
    return hard.length === 0 ? soft : soft.length === 0 ? hard : [...hard, ...soft];
  }

  private ordered(entry: KeyClaims): ClaimLocation[] {
    if (!entry.ordered) {
      entry.ordered = [...entry.byUri.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .flatMap(([uri, claims]) => claims.map((claim) => ({ uri, claim })));
    }
    return entry.ordered;
  }

  /**
   * Which other files' conflicts change when `uri`'s claims on this key go from `before` to
   * `after`. In another file's conflict list, the entries for this file's claims stand together
   * in each severity group (the list is in URI order), so the list changes exactly when, for one
   * of its claims, the sequence of this file's conflicting claims changes.
   */
  private compareOthers(uri: string, entry: KeyClaims, before: readonly Claim[], after: readonly Claim[], changed: Set<string>, moved: Set<string>): void {
    const mineBefore = before.filter((c) => !c.acknowledged);
    const mineAfter = after.filter((c) => !c.acknowledged);
    if (mineBefore.length === 0 && mineAfter.length === 0) return;
    for (const other of this.ordered(entry)) {
      if (other.uri === uri || other.claim.acknowledged || changed.has(other.uri)) continue;
      // Compared in `claimsFor` order, as `conflictsOf` does: the earlier URI first.
      const first = other.uri < uri;
      const entries = (mine: readonly Claim[], withPlace: boolean): string => {
        const hard: string[] = [];
        const soft: string[] = [];
        for (const claim of mine) {
          const severity = first ? compareClaims(other.claim, claim, this.tolerance) : compareClaims(claim, other.claim, this.tolerance);
          if (severity) (severity === 'hard' ? hard : soft).push(withPlace ? `${claim.span.start}:${claim.quantity.raw}` : claim.quantity.raw);
        }
        return `${hard.join(',')}|${soft.join(',')}`;
      };
      if (entries(mineBefore, false) !== entries(mineAfter, false)) changed.add(other.uri);
      else if (entries(mineBefore, true) !== entries(mineAfter, true)) moved.add(other.uri);
    }
  }
}

/**
 * A sentence that gives two figures for the same thing is comparing them ("Banister found 30
 * million dead, while Dikötter argues for at least 45 million"), not contradicting itself. A
 * paragraph surveying several estimates is flagged; one acknowledgement marker quiets it.
 */
function inOneSentence(a: ClaimLocation, b: ClaimLocation): boolean {
  return a.uri === b.uri && a.claim.sentence.start === b.claim.sentence.start;
}
