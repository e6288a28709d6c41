import { readFileSync } from 'node:fs';

/**
 * Summarises a V8 `.cpuprofile` (from `node --cpu-prof`): self time by function and by file,
 * and inclusive time of the project's own functions. `node out/scripts/bench/profile.js <file> [top]`
 */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export function summariseProfile(file: string, top = 25): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const selfTime = new Map<number, number>();
  profile.samples.forEach((id, i) => selfTime.set(id, (selfTime.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const total = [...selfTime.values()].reduce((a, b) => a + b, 0);
  const label = (n: ProfileNode): string => {
    const url = n.callFrame.url.replace(/^.*\/(node_modules\/[^/]+|out\/)/, '$1');
    return `${n.callFrame.functionName || '(anonymous)'} ${url}:${n.callFrame.lineNumber + 1}`;
  };
  const selfBy = new Map<string, number>();
  const fileBy = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (const [id, ms] of selfTime) {
    const node = byId.get(id)!;
    selfBy.set(label(node), (selfBy.get(label(node)) ?? 0) + ms);
    const url = node.callFrame.url.replace(/^.*\/(node_modules\/[^/]+|out\/)/, '$1') || node.callFrame.functionName;
    fileBy.set(url, (fileBy.get(url) ?? 0) + ms);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const key = label(byId.get(at)!);
      if (!seen.has(key)) inclusive.set(key, (inclusive.get(key) ?? 0) + ms);
      seen.add(key);
    }
  }
  const table = (title: string, map: Map<string, number>, filter: (k: string) => boolean = () => true): string =>
    `${title}\n${[...map.entries()].filter(([k]) => filter(k)).sort((a, b) => b[1] - a[1]).slice(0, top)
      .map(([k, ms]) => `${ms.toFixed(0).padStart(8)} ms ${((ms / total) * 100).toFixed(1).padStart(5)}%  ${k}`).join('\n')}`;
  return [
    `${file}: ${total.toFixed(0)} ms sampled`,
    table('self time by function', selfBy),
    table('self time by file', fileBy),
    table('inclusive time, project code', inclusive, (k) => k.includes('out/server') || k.includes('out/scripts')),
  ].join('\n\n');
}

if (process.argv[1]?.endsWith('profile.js')) {
  process.stdout.write(`${summariseProfile(process.argv[2], Number(process.argv[3] ?? 25))}\n`);
}
