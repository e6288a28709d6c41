/**
 * Throughput of the figure and date scanner on synthetic essay prose.
 *
 *   npx tsc -p . && node out/scripts/quantityBench.js [megabytes=10]
 *
 * Prints MB/s for the whole text in one call and for the same text scanned paragraph by paragraph
 * (as the analysis layer calls it), on prose of ordinary density and on prose dense with figures.
 */
import { findQuantities } from '../server/src/analysis/quantity.js';
import { Random } from './bench/random.js';

const PROSE = [
  'The leadership of the party argued that the peasantry could be won over by persuasion rather than force.',
  'Historians have long disputed how far the decisions of the centre were improvised in response to events.',
  'Mátyás Rákosi, who modelled himself on Stalin, presided over a regime of show trials and forced deliveries.',
  'The opposition never managed to turn its criticism of the bureaucracy into a programme the workers shared.',
  'In the memoirs written after the thaw, the same events appear in a very different light.',
  'What the archives show is less a plan than a sequence of emergencies, each answered with harsher measures.',
  'The debate over the New Economic Policy turned on the question of the market and the smychka with the village.',
  'Such arguments were not confined to Moscow; they echoed in Warsaw, Budapest and Prague for decades.',
];

const FIGURES = [
  'As many as seven million people died in the famine of 1932–33.',
  'Another essay gives some 3.5 million, citing the 1937 census.',
  'The official count of 2,468,524 prisoners was published only in 1989.',
  'Between 5 and 7 million peasants were deported in the early 1930s.',
  'At least tens, perhaps hundreds of thousands were shot in 1937–38.',
  'The sailors of Kronstadt rose on 1 March 1921; about 15,000 men held the fortress.',
  'More than half of the delegates to the congress of 1934 were arrested.',
  'Stalin banned abortion in 1936, and the birth rate rose by 1.3 percent.',
  'Up to 20 million passed through the camps, one in five of them political prisoners.',
  'Several million died, and 30 million were dead by 1960 on the highest estimates.',
  'Conquest (1986, p. 303) put the figure at 6 million.12 Later work lowered it.',
  'By the late 1920s the party had 1.5 million members and a budget of $5 million.',
];

function synthesise(bytes: number, figureShare: number, seed: number): string {
  // Seeded, so every run scans the same text.
  const generator = new Random(seed);
  const next = (): number => generator.next();
  const parts: string[] = [];
  let size = 0;
  while (size < bytes) {
    const sentences = 3 + Math.floor(next() * 5);
    let paragraph = '';
    for (let s = 0; s < sentences; s++) {
      const pool = next() < figureShare ? FIGURES : PROSE;
      paragraph += (s ? ' ' : '') + pool[Math.floor(next() * pool.length)]!;
    }
    parts.push(paragraph);
    size += paragraph.length + 2;
  }
  return parts.join('\n\n').slice(0, bytes);
}

function paragraphs(text: string): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  for (;;) {
    const i = text.indexOf('\n\n', start);
    if (i < 0) {
      out.push([start, text.length]);
      return out;
    }
    out.push([start, i]);
    start = i + 2;
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function bench(label: string, text: string): void {
  const mb = text.length / 1e6;
  findQuantities(text.slice(0, 200_000)); // warm up the JIT
  const whole: number[] = [];
  const split: number[] = [];
  let found = 0;
  const paras = paragraphs(text);
  for (let run = 0; run < 3; run++) {
    let t0 = performance.now();
    found = findQuantities(text).length;
    whole.push(performance.now() - t0);
    t0 = performance.now();
    let n = 0;
    for (const [from, to] of paras) n += findQuantities(text, from, to).length;
    split.push(performance.now() - t0);
    if (n !== found) console.log(`  note: paragraph scan found ${n}, whole-text scan ${found}`);
  }
  const w = median(whole);
  const p = median(split);
  console.log(
    `${label.padEnd(34)} ${mb.toFixed(1)} MB, ${found} quantities: ` +
      `whole text ${w.toFixed(0)} ms = ${(mb / (w / 1000)).toFixed(1)} MB/s; ` +
      `${paras.length} paragraphs ${p.toFixed(0)} ms = ${(mb / (p / 1000)).toFixed(1)} MB/s`,
  );
}

const megabytes = Number(process.argv[2] ?? 10) || 10;
const bytes = Math.round(megabytes * 1e6);
bench('essay prose (1 figure sentence in 5)', synthesise(bytes, 0.2, 1));
bench('dense (every sentence has figures)', synthesise(bytes, 1, 2));
