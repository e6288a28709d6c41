import type { Claim } from '../analysis/claims/claim.js';
import { compareIntervals, effectiveInterval, type ConflictSeverity, type Interval } from '../analysis/conflicts.js';

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
  ordered?: Ordered;
}

/** A key's claims in order, with what comparing them needs precomputed (no allocation per comparison). */
interface Ordered {
  readonly locations: ClaimLocation[];
  readonly position: Map<Claim, number>;
  readonly intervals: Interval[];
  readonly isDate: boolean[];
  readonly acknowledged: Uint8Array;
  /** Which file (an index per URI) and which sentence (its start) each claim is in. */
  readonly file: Int32Array;
  readonly sentence: Float64Array;
}

/** A claim's conflicts in brief: how many, and the first few as `conflictsOf` lists them. */
export interface ConflictSummary {
  readonly total: number;
  readonly hard: number;
  /** The first `limit` conflicts: hard ones first, each group in `claimsFor` order. */
  readonly first: readonly ClaimConflict[];
}

export class ClaimIndex {
  private readonly byKey = new Map<string, KeyClaims>();
  private tolerance = 0.05;
  /**
   * Per key, a number that changes whenever which claims conflict with which may change, so
   * callers can keep what they derive from `conflictsOf` until then. An update that only moves a
   * file's figures (same figures, same sentences, new places) leaves it: the claim locations in
   * the conflict lists are then pointed at the moved claims instead.
   */
  private readonly versions = new Map<string, number>();
  private epoch = 0;
  private counter = 0;

  /** Changes whenever the conflicts on this key, or the tolerance, may have changed. */
  versionOf(key: string): number {
    return this.versions.get(key) ?? this.epoch;
  }

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
      if (entry && sameClaims(entry.byUri.get(uri), before) && sameRelations(before, after)) {
        this.moveInPlace(entry, uri, before, after);
        continue;
      }
      this.versions.set(key, ++this.counter);
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
    this.versions.clear();
    this.epoch = ++this.counter;
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
    this.versions.clear();
    this.epoch = ++this.counter;
    return new Set([...this.byKey.values()].flatMap((entry) => [...entry.byUri.keys()]));
  }

  claimsFor(key: string): ClaimLocation[] {
    const entry = this.byKey.get(key);
    return entry ? this.ordered(entry).locations.slice() : [];
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
    const { hard, soft } = this.scan(claim, Infinity);
    return hard.length === 0 ? soft : soft.length === 0 ? hard : [...hard, ...soft];
  }

  /** The number of a claim's conflicts and the first `limit` of them, without listing the rest. */
  conflictSummary(claim: Claim, limit: number): ConflictSummary {
    const { hard, soft, hardCount, softCount } = this.scan(claim, limit);
    return { total: hardCount + softCount, hard: hardCount, first: [...hard, ...soft].slice(0, limit) };
  }

  /** Compares a claim with every other on its key; keeps at most `limit` conflicts of each kind, counts them all. */
  private scan(claim: Claim, limit: number): { hard: ClaimConflict[]; soft: ClaimConflict[]; hardCount: number; softCount: number } {
    const hard: ClaimConflict[] = [];
    const soft: ClaimConflict[] = [];
    let hardCount = 0;
    let softCount = 0;
    const entry = this.byKey.get(claim.key);
    const ordered = entry && !claim.acknowledged ? this.ordered(entry) : undefined;
    const at = ordered?.position.get(claim);
    if (!ordered || at === undefined) return { hard, soft, hardCount, softCount };
    const { locations, intervals, isDate, acknowledged, file, sentence } = ordered;
    for (let j = 0; j < locations.length; j++) {
      // Not itself, not an acknowledged claim, not one in the same sentence of the same essay: a
      // sentence that gives two figures for one thing is comparing them ("Banister found 30 million
      // dead, while Dikötter argues for at least 45 million"), not contradicting itself.
      if (j === at || acknowledged[j] === 1 || (file[j] === file[at] && sentence[j] === sentence[at])) continue;
      // compareClaims(first, second) in `claimsFor` order, on intervals made once per claim (a test checks the two agree).
      const severity = j > at
        ? compareIntervals(intervals[at], intervals[j], this.tolerance, isDate[at])
        : compareIntervals(intervals[j], intervals[at], this.tolerance, isDate[j]);
      if (severity === 'hard') {
        if (hardCount++ < limit) hard.push({ other: locations[j], severity });
      } else if (severity === 'soft') {
        if (softCount++ < limit) soft.push({ other: locations[j], severity });
      }
    }
    return { hard, soft, hardCount, softCount };
  }

  /** The same figures at new places: the key's order and conflicts stay; its locations point at the new claims. */
  private moveInPlace(entry: KeyClaims, uri: string, before: readonly Claim[], after: readonly Claim[]): void {
    entry.byUri.set(uri, after);
    const ordered = entry.ordered;
    if (!ordered) return;
    before.forEach((old, i) => {
      const at = ordered.position.get(old);
      if (at === undefined) return;
      (ordered.locations[at] as { claim: Claim }).claim = after[i];
      ordered.sentence[at] = after[i].sentence.start;
      ordered.position.delete(old);
      ordered.position.set(after[i], at);
    });
  }

  private ordered(entry: KeyClaims): Ordered {
    if (!entry.ordered) {
      const locations = [...entry.byUri.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .flatMap(([uri, claims]) => claims.map((claim) => ({ uri, claim })));
      const files = new Map<string, number>();
      entry.ordered = {
        locations,
        position: new Map(locations.map((l, i) => [l.claim, i])),
        intervals: locations.map((l) => effectiveInterval(l.claim.quantity)),
        isDate: locations.map((l) => l.claim.quantity.kind === 'date'),
        acknowledged: Uint8Array.from(locations, (l) => (l.claim.acknowledged ? 1 : 0)),
        file: Int32Array.from(locations, (l) => files.get(l.uri) ?? files.set(l.uri, files.size).size - 1),
        sentence: Float64Array.from(locations, (l) => l.claim.sentence.start),
      };
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
    const { locations, intervals, isDate } = this.ordered(entry);
    if (mineBefore.length === mineAfter.length && mineBefore.every((c, k) => sameFigure(c, mineAfter[k]))) {
      // The same figures, some further along (an edit before them): nothing another file says
      // changes, and it moves where it conflicts with one of those that moved.
      const shifted = mineAfter.filter((c, k) => c.span.start !== mineBefore[k].span.start);
      const shiftedIntervals = shifted.map((c) => effectiveInterval(c.quantity));
      for (let j = 0; j < locations.length && shifted.length > 0; j++) {
        const other = locations[j];
        if (other.uri === uri || other.claim.acknowledged || changed.has(other.uri) || moved.has(other.uri)) continue;
        const first = other.uri < uri;
        for (let i = 0; i < shifted.length; i++) {
          const severity = first
            ? compareIntervals(intervals[j], shiftedIntervals[i], this.tolerance, isDate[j])
            : compareIntervals(shiftedIntervals[i], intervals[j], this.tolerance, shifted[i].quantity.kind === 'date');
          if (severity) {
            moved.add(other.uri);
            break;
          }
        }
      }
      return;
    }
    const beforeIntervals = mineBefore.map((c) => effectiveInterval(c.quantity));
    const afterIntervals = mineAfter.map((c) => effectiveInterval(c.quantity));
    // This file's claims conflicting with one other claim, as its conflict list holds them: hard, then soft.
    const conflicting = (j: number, mine: readonly Claim[], mineIntervals: readonly Interval[]): { hard: Claim[]; soft: Claim[] } => {
      const first = locations[j].uri < uri;
      const found = { hard: [] as Claim[], soft: [] as Claim[] };
      for (let i = 0; i < mine.length; i++) {
        const severity = first
          ? compareIntervals(intervals[j], mineIntervals[i], this.tolerance, isDate[j])
          : compareIntervals(mineIntervals[i], intervals[j], this.tolerance, mine[i].quantity.kind === 'date');
        if (severity) found[severity].push(mine[i]);
      }
      return found;
    };
    const same = (a: readonly Claim[], b: readonly Claim[], what: (c: Claim) => string | number): boolean =>
      a.length === b.length && a.every((c, k) => what(c) === what(b[k]));
    for (let j = 0; j < locations.length; j++) {
      const other = locations[j];
      if (other.uri === uri || other.claim.acknowledged || changed.has(other.uri)) continue;
      const was = conflicting(j, mineBefore, beforeIntervals);
      const is = conflicting(j, mineAfter, afterIntervals);
      if (was.hard.length + was.soft.length + is.hard.length + is.soft.length === 0) continue;
      // What the other file's diagnostics say about this file's figures; else only where they stand.
      // Their messages quote the figure and cite its note.
      const raw = (c: Claim): string => `${c.quantity.raw}\u0000${c.source ?? ''}`;
      const start = (c: Claim): number => c.span.start;
      if (!same(was.hard, is.hard, raw) || !same(was.soft, is.soft, raw)) changed.add(other.uri);
      else if (!same(was.hard, is.hard, start) || !same(was.soft, is.soft, start)) moved.add(other.uri);
    }
  }
}

/** What other files' diagnostics say of a claim, but for its place (its text, interval, note), is the same for both. */
function sameFigure(a: Claim, b: Claim): boolean {
  return a.quantity.raw === b.quantity.raw && a.quantity.lo === b.quantity.lo && a.quantity.hi === b.quantity.hi
    && a.quantity.kind === b.quantity.kind && a.quantity.hedge === b.quantity.hedge && a.source === b.source;
}

function sameClaims(a: readonly Claim[] | undefined, b: readonly Claim[]): boolean {
  return a !== undefined && a.length === b.length && a.every((claim, i) => claim === b[i]);
}

/**
 * True when replacing `before` with `after` (one file's claims on one key) cannot change which
 * claims conflict: the same figures (interval, kind, hedge), the same acknowledgements, and the
 * same grouping into sentences; only their places may differ.
 */
function sameRelations(before: readonly Claim[], after: readonly Claim[]): boolean {
  if (before.length !== after.length || before.length === 0) return false;
  for (let i = 0; i < before.length; i++) {
    const a = before[i].quantity;
    const b = after[i].quantity;
    if (a.lo !== b.lo || a.hi !== b.hi || a.kind !== b.kind || a.hedge !== b.hedge || before[i].acknowledged !== after[i].acknowledged) return false;
    for (let j = i + 1; j < before.length; j++) {
      if ((before[i].sentence.start === before[j].sentence.start) !== (after[i].sentence.start === after[j].sentence.start)) return false;
    }
  }
  return true;
}
