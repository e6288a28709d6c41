import type { Glossary } from '../glossary.js';
import { buildSubjectIndex, type SubjectIndex } from './subjects.js';

/** Glossary-derived facts claim extraction needs, computed once per glossary. */
export interface ClaimContext {
  readonly glossary: Glossary;
  readonly subjects: SubjectIndex;
}

const subjectIndexes = new WeakMap<Glossary, SubjectIndex>();

export function claimContextFor(glossary: Glossary): ClaimContext {
  let subjects = subjectIndexes.get(glossary);
  if (!subjects) subjectIndexes.set(glossary, (subjects = buildSubjectIndex(glossary)));
  return { glossary, subjects };
}
