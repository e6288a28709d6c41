import type { Claim } from '../analysis/claims/claim.js';
import { compareClaims, type ConflictSeverity } from '../analysis/conflicts.js';

/**
 * Claims by key across the workspace, and the conflicts between them, recomputed only for
 * the keys an update touches. An update reports the essays whose conflicts changed, so editing
 * one essay can add or clear a warning in another.
 */

export interface ClaimLocation {
  readonly uri: string;
  readonly claim: Claim;
}

export interface ClaimConflict {
  readonly other: ClaimLocation;
  readonly severity: ConflictSeverity;
}

export class ClaimIndex {
  private readonly byKey = new Map<string, Map<string, readonly Claim[]>>();
  private readonly conflicts = new Map<string, Map<Claim, ClaimConflict[]>>();
  private tolerance = 0.05;

  /** Replaces one file's claims; returns the URIs whose conflicts changed. */
  update(uri: string, oldClaims: readonly Claim[], newClaims: readonly Claim[]): Set<string> {
    const keys = new Set([...oldClaims, ...newClaims].map((c) => c.key));
    const before = this.signatures(keys);
    for (const key of keys) {
      const byUri = this.byKey.get(key) ?? new Map<string, readonly Claim[]>();
      const mine = newClaims.filter((c) => c.key === key);
      if (mine.length > 0) byUri.set(uri, mine);
      else byUri.delete(uri);
      if (byUri.size > 0) this.byKey.set(key, byUri);
      else this.byKey.delete(key);
      this.conflicts.delete(key);
    }
    const after = this.signatures(keys);
    const changed = new Set<string>();
    for (const [u, signature] of after) if (before.get(u) !== signature) changed.add(u);
    for (const [u, signature] of before) if (after.get(u) !== signature) changed.add(u);
    return changed;
  }

  /** Changes the tolerance; every conflict is recomputed. Returns every URI with claims. */
  setTolerance(tolerance: number): Set<string> {
    if (tolerance === this.tolerance) return new Set();
    this.tolerance = tolerance;
    this.conflicts.clear();
    return new Set([...this.byKey.values()].flatMap((byUri) => [...byUri.keys()]));
  }

  claimsFor(key: string): ClaimLocation[] {
    const byUri = this.byKey.get(key);
    if (!byUri) return [];
    return [...byUri.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .flatMap(([uri, claims]) => claims.map((claim) => ({ uri, claim })));
  }

  keys(): IterableIterator<string> {
    return this.byKey.keys();
  }

  /** The claims that conflict with this one, hard first. */
  conflictsOf(claim: Claim): readonly ClaimConflict[] {
    return this.conflictsForKey(claim.key).get(claim) ?? [];
  }

  private conflictsForKey(key: string): Map<Claim, ClaimConflict[]> {
    let found = this.conflicts.get(key);
    if (found) return found;
    found = new Map();
    const all = this.claimsFor(key).filter((c) => !c.claim.acknowledged);
    for (let i = 0; i < all.length; i++) {
      for (let j = i + 1; j < all.length; j++) {
        if (inOneSentence(all[i], all[j])) continue;
        const severity = compareClaims(all[i].claim, all[j].claim, this.tolerance);
        if (!severity) continue;
        push(found, all[i].claim, { other: all[j], severity });
        push(found, all[j].claim, { other: all[i], severity });
      }
    }
    for (const list of found.values()) list.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'hard' ? -1 : 1));
    this.conflicts.set(key, found);
    return found;
  }

  /** Per URI, a string that changes whenever that URI's conflicts on these keys change. */
  private signatures(keys: ReadonlySet<string>): Map<string, string> {
    const signatures = new Map<string, string>();
    for (const key of keys) {
      for (const { uri, claim } of this.claimsFor(key)) {
        const parts = this.conflictsOf(claim).map((c) => `${c.severity}:${c.other.uri}:${c.other.claim.span.start}:${c.other.claim.quantity.raw}`);
        signatures.set(uri, `${signatures.get(uri) ?? ''}|${key}@${claim.span.start}:${claim.quantity.raw}=${parts.join(',')}`);
      }
    }
    return signatures;
  }
}

function push(map: Map<Claim, ClaimConflict[]>, claim: Claim, conflict: ClaimConflict): void {
  const list = map.get(claim) ?? [];
  list.push(conflict);
  map.set(claim, list);
}

/**
 * A sentence that gives two figures for the same thing is comparing them ("Banister found 30
 * million dead, while Dikötter argues for at least 45 million"), not contradicting itself. A
 * paragraph surveying several estimates is flagged; one acknowledgement marker quiets it.
 */
function inOneSentence(a: ClaimLocation, b: ClaimLocation): boolean {
  return a.uri === b.uri && a.claim.sentence.start === b.claim.sentence.start;
}
