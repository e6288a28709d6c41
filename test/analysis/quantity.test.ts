import assert from 'node:assert/strict';
import {
  dayNumber,
  findQuantities,
  formatQuantity,
  isoOfDay,
  parseQuantity,
  yearOfDay,
  type Quantity,
} from '../../server/src/analysis/quantity.js';

/** Integers in full, other numbers to six significant digits, Infinity as ∞. */
function num(x: number): string {
  if (x === Infinity) return '∞';
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(6)));
}

/** "as many as seven million → count upper [0, 7000000]"; dates as ISO days with their precision. */
function render(q: Quantity): string {
  const iv = q.kind === 'date' ? `[${isoOfDay(q.lo)}, ${isoOfDay(q.hi)}]` : `[${num(q.lo)}, ${num(q.hi)}]`;
  return `${q.raw} → ${q.kind} ${q.hedge} ${iv}${q.precision ? ' ' + q.precision : ''}${q.unit ? ' ' + q.unit : ''}`;
}

function found(text: string): string[] {
  return findQuantities(text).map(render);
}

/** Sentences and every figure or date that should be read from them, in order. */
const TABLES: Record<string, [string, string[]][]> = {
  'digits, separators, decimals and scales': [
    ["The census counted 2,468,524 prisoners.", ["2,468,524 → count exact [2468524, 2468524]"]],
    ["The rate was 1.3 in that year.", ["1.3 → count approx [1.25, 1.35]"]],
    ["The budget was 2.5m, then 7m, then 3bn.", ["2.5m → count approx [2450000, 2550000]", "7m → count approx [6500000, 7500000]", "3bn → count approx [2500000000, 3500000000]"]],
    ["Membership stood at 5k.", ["5k → count approx [4500, 5500]"]],
    ["The official count was 1,385 dead.", ["1,385 → count exact [1385, 1385]"]],
    ["Some 2,500,000 were deported; the census said 2,500,000.", ["Some 2,500,000 → count approx [1875000, 3125000]", "2,500,000 → count approx [2450000, 2550000]"]],
    ["The figure rose to 2.5 million, later to 2.50 million.", ["2.5 million → count approx [2450000, 2550000]", "2.50 million → count approx [2495000, 2505000]"]],
    ["There were 5 camps and 12 prisons.", ["5 → count exact [5, 5]", "12 → count exact [12, 12]"]],
    ["The party had 1500 delegates.", ["1500 → count approx [1450, 1550]"]],
    ["Another 1,500 delegates came.", ["1,500 → count approx [1450, 1550]"]],
    ["No-break spaces group digits: 2\u00a0468\u00a0524 and 10\u202f000.", ["2\u00a0468\u00a0524 → count exact [2468524, 2468524]", "10\u202f000 → count approx [5000, 15000]"]],
    ["Losses of 40 thousand men and 1.2 billion.", ["40 thousand → count approx [35000, 45000]", "1.2 billion → count approx [1150000000, 1250000000]"]],
    ["A million died; a thousand million were fed.", ["A million → count approx [500000, 1500000]", "a thousand million → count approx [500000000, 1500000000]"]],
    ["The army lost 0 men.", ["0 → count exact [0, 0]"]],
  ],
  'numbers written in words': [
    ["Seven million died.", ["Seven million → count approx [6500000, 7500000]"]],
    ["Twenty-five thousand marched.", ["Twenty-five thousand → count approx [24500, 25500]"]],
    ["Twenty five thousand marched.", ["Twenty five thousand → count approx [24500, 25500]"]],
    ["One hundred and fifty thousand were arrested.", ["One hundred and fifty thousand → count approx [145000, 155000]"]],
    ["Fifteen hundred sailors mutinied.", ["Fifteen hundred → count approx [1450, 1550]"]],
    ["A hundred thousand fled.", ["A hundred thousand → count approx [50000, 150000]"]],
    ["Half a million were shot.", ["Half a million → count approx [450000, 550000]"]],
    ["A quarter of a million were exiled.", ["A quarter of a million → count approx [200000, 300000]"]],
    ["Three-quarters of a million were freed.", ["Three-quarters of a million → count approx [700000, 800000]"]],
    ["One and a half million died.", ["One and a half million → count approx [1450000, 1550000]"]],
    ["Two and a half million died.", ["Two and a half million → count approx [2450000, 2550000]"]],
    ["A dozen leaders were tried.", ["A dozen → count approx [10, 14]"]],
    ["Twelve commissars and twenty delegates.", ["Twelve → count exact [12, 12]", "twenty → count approx [15, 25]"]],
    ["Ninety-nine thousand nine hundred and ninety-nine votes.", ["Ninety-nine thousand nine hundred and ninety-nine → count exact [99999, 99999]"]],
  ],
  'percentages, fractions and shares': [
    ["Some 90 percent of them were peasants.", ["Some 90 percent → share approx [0.85, 0.95] percent"]],
    ["Some 90% of them were peasants.", ["Some 90% → share approx [0.85, 0.95] percent"]],
    ["Some 90 per cent of them were peasants.", ["Some 90 per cent → share approx [0.85, 0.95] percent"]],
    ["Only 5 per cent voted.", ["5 per cent → share exact [0.05, 0.05] percent"]],
    ["Fully 100% of the deputies agreed.", ["100% → share approx [0.95, 1] percent"]],
    ["More than half of the delegates left.", ["More than half → share lower [0.5, 1]"]],
    ["Half of the delegates left.", ["Half → share approx [0.45, 0.55]"]],
    ["Half the population starved.", ["Half → share approx [0.45, 0.55]"]],
    ["Nearly half were women.", ["Nearly half → share approx [0.4, 0.5]"]],
    ["Less than half survived.", ["Less than half → share upper [0, 0.5]"]],
    ["Nine-tenths of the land was seized.", ["Nine-tenths → share approx [0.85, 0.95]"]],
    ["Two-thirds of them were workers.", ["Two-thirds → share approx [0.616667, 0.716667]"]],
    ["Two thirds of them were workers.", ["Two thirds → share approx [0.616667, 0.716667]"]],
    ["A third of the party was purged.", ["A third → share approx [0.283333, 0.383333]"]],
    ["One third were killed.", ["One third → share approx [0.283333, 0.383333]"]],
    ["A fifth of the population died.", ["A fifth → share approx [0.15, 0.25]"]],
    ["One in 14 died.", ["One in 14 → share approx [0.0680272, 0.075188]"]],
    ["One in five peasants was deported.", ["One in five → share approx [0.181818, 0.222222]"]],
    ["One in every ten was shot.", ["One in every ten → share approx [0.0952381, 0.105263]"]],
    ["Two out of three voted against.", ["Two out of three → share approx [0.571429, 0.8]"]],
    ["Roughly a quarter were Jews.", ["Roughly a quarter → share approx [0.1875, 0.3125]"]],
    ["At least a third were released.", ["At least a third → share lower [0.333333, 1]"]],
    ["Infant mortality was 30 per 1,000 births.", ["30 per 1,000 → share approx [0.025, 0.035]"]],
    ["Mortality reached 5 per thousand.", ["5 per thousand → share exact [0.005, 0.005]"]],
    ["Between 5 and 10 percent joined.", ["Between 5 and 10 percent → share range [0.05, 0.1] percent"]],
    ["Between 5% and 10% joined.", ["Between 5% and 10% → share range [0.05, 0.1] percent"]],
    ["The share was 5–10%.", ["5–10% → share range [0.05, 0.1] percent"]],
    ["Wages fell 20 percentage points.", []],
    ["Prices rose 200 percent.", []],
  ],
  'hedges before and after a figure': [
    ["As many as 7 million died.", ["As many as 7 million → count upper [0, 7000000]"]],
    ["As much as 7 million was spent.", ["As much as 7 million → count upper [0, 7000000]"]],
    ["Up to 7 million died.", ["Up to 7 million → count upper [0, 7000000]"]],
    ["At most 7 million died.", ["At most 7 million → count upper [0, 7000000]"]],
    ["No more than 7 million died.", ["No more than 7 million → count upper [0, 7000000]"]],
    ["Not more than 7 million died.", ["Not more than 7 million → count upper [0, 7000000]"]],
    ["Fewer than 7 million died.", ["Fewer than 7 million → count upper [0, 7000000]"]],
    ["Less than 7 million died.", ["Less than 7 million → count upper [0, 7000000]"]],
    ["Under 7 million died.", ["Under 7 million → count upper [0, 7000000]"]],
    ["At least 3 million died.", ["At least 3 million → count lower [3000000, ∞]"]],
    ["More than 3 million died.", ["More than 3 million → count lower [3000000, ∞]"]],
    ["Over 3 million died.", ["Over 3 million → count lower [3000000, ∞]"]],
    ["In excess of 3 million died.", ["In excess of 3 million → count lower [3000000, ∞]"]],
    ["Upwards of 3 million died.", ["Upwards of 3 million → count lower [3000000, ∞]"]],
    ["Well over 3 million died.", ["Well over 3 million → count lower [3000000, ∞]"]],
    ["No fewer than 3 million died.", ["No fewer than 3 million → count lower [3000000, ∞]"]],
    ["About 2 million died.", ["About 2 million → count approx [1500000, 2500000]"]],
    ["Around 2 million died.", ["Around 2 million → count approx [1500000, 2500000]"]],
    ["Some 2 million died.", ["Some 2 million → count approx [1500000, 2500000]"]],
    ["Roughly 2 million died.", ["Roughly 2 million → count approx [1500000, 2500000]"]],
    ["Approximately 2 million died.", ["Approximately 2 million → count approx [1500000, 2500000]"]],
    ["An estimated 2 million died.", ["An estimated 2 million → count approx [1500000, 2500000]"]],
    ["Perhaps 2 million died.", ["Perhaps 2 million → count approx [1500000, 2500000]"]],
    ["Nearly 7 million died.", ["Nearly 7 million → count approx [5600000, 7000000]"]],
    ["Almost 7 million died.", ["Almost 7 million → count approx [5600000, 7000000]"]],
    ["Close to 7 million died.", ["Close to 7 million → count approx [5600000, 7000000]"]],
    ["c. 7 million died.", ["c. 7 million → count approx [5250000, 8750000]"]],
    ["Circa 7 million died.", ["Circa 7 million → count approx [5250000, 8750000]"]],
    ["~7 million died.", ["~7 million → count approx [5250000, 8750000]"]],
    ["Just under 7 million died.", ["Just under 7 million → count approx [6300000, 7000000]"]],
    ["Just over 7 million died.", ["Just over 7 million → count approx [7000000, 7700000]"]],
    ["Perhaps as many as 7 million died.", ["Perhaps as many as 7 million → count upper [0, 7000000]"]],
    ["3 million or more died.", ["3 million or more → count lower [3000000, ∞]"]],
    ["3 million at least died.", ["3 million at least → count lower [3000000, ∞]"]],
    ["5,000+ died.", ["5,000+ → count lower [5000, ∞]"]],
    ["7 million or so died.", ["7 million or so → count approx [5250000, 8750000]"]],
    ["7 million or fewer died.", ["7 million or fewer → count upper [0, 7000000]"]],
    ["About 5,000 died.", ["About 5,000 → count approx [3750, 6250]"]],
    ["About 5,123 died.", ["About 5,123 → count approx [3842.25, 6403.75]"]],
  ],
  'ranges': [
    ["Between 5 and 7 million died.", ["Between 5 and 7 million → count range [5000000, 7000000]"]],
    ["From 5 to 7 million died.", ["From 5 to 7 million → count range [5000000, 7000000]"]],
    ["Estimates run 5–7 million.", ["5–7 million → count range [5000000, 7000000]"]],
    ["Estimates run 5-7 million.", ["5-7 million → count range [5000000, 7000000]"]],
    ["Estimates run 5 – 7 million.", ["5 – 7 million → count range [5000000, 7000000]"]],
    ["Estimates run 5 to 7 million.", ["5 to 7 million → count range [5000000, 7000000]"]],
    ["Estimates run 5 or 6 million.", ["5 or 6 million → count range [5000000, 6000000]"]],
    ["Estimates run 3.5 million to 5 million.", ["3.5 million to 5 million → count range [3500000, 5000000]"]],
    ["Estimates run five to seven million.", ["five to seven million → count range [5000000, 7000000]"]],
    ["Estimates run one or two million.", ["one or two million → count range [1000000, 2000000]"]],
    ["Estimates run $5–7 million.", ["$5–7 million → count range [5000000, 7000000] currency"]],
    ["Estimates run between 500,000 and 1 million.", ["between 500,000 and 1 million → count range [500000, 1000000]"]],
    ["Some 10–12,000 troops attacked.", ["Some 10–12,000 → count range [7500, 15000]"]],
    ["Some 500–1,000 people gathered.", ["Some 500–1,000 → count range [375, 1250]"]],
    ["Between 1500 and 2000 delegates attended.", ["Between 1500 and 2000 → count range [1500, 2000]"]],
    ["Some 1200–1500 people gathered.", ["Some 1200–1500 → count range [900, 1875]"]],
    ["About 5–7 million died.", ["About 5–7 million → count range [3750000, 8750000]"]],
    ["Up to 5–7 million died.", ["Up to 5–7 million → count upper [0, 7000000]"]],
    ["At least 5–7 million died.", ["At least 5–7 million → count lower [5000000, ∞]"]],
    ["Membership rose from 5 to 7 million.", ["5 → count approx [4500000, 5500000]", "7 million → count approx [6500000, 7500000]"]],
    ["Membership fell from 2.5 million to 1 million.", ["2.5 million → count approx [2450000, 2550000]", "1 million → count approx [500000, 1500000]"]],
    ["The score was 3 to 1.", []],
  ],
  'vague quantities': [
    ["Several million died.", ["Several million → count vague [2000000, 9900000]"]],
    ["Millions died.", ["Millions → count vague [2000000, ∞]"]],
    ["Tens of millions died.", ["Tens of millions → count vague [10000000, 99000000]"]],
    ["Hundreds of thousands died.", ["Hundreds of thousands → count vague [100000, 999000]"]],
    ["A few thousand died.", ["A few thousand → count vague [2000, 5000]"]],
    ["Thousands died.", ["Thousands → count vague [2000, ∞]"]],
    ["Dozens died.", ["Dozens → count vague [24, ∞]"]],
    ["Hundreds died.", ["Hundreds → count vague [200, ∞]"]],
    ["Scores of villages burned.", ["Scores → count vague [40, ∞]"]],
    ["Several hundred thousand died.", ["Several hundred thousand → count vague [200000, 990000]"]],
    ["A few hundred died.", ["A few hundred → count vague [200, 500]"]],
    ["Many thousands died.", ["Many thousands → count vague [2000, ∞]"]],
    ["Tens of thousands died.", ["Tens of thousands → count vague [10000, 99000]"]],
    ["Hundreds of millions were affected.", ["Hundreds of millions → count vague [100000000, 999000000]"]],
    ["Thousands upon thousands died.", ["Thousands upon thousands → count vague [2000, ∞]"]],
    ["Millions of dollars were spent.", ["Millions of dollars → count vague [2000000, ∞] currency"]],
    ["Tens, perhaps hundreds of thousands died.", ["Tens, perhaps hundreds of thousands → count vague [10000, 999000]"]],
    ["Tens or even hundreds of thousands died.", ["Tens or even hundreds of thousands → count vague [10000, 999000]"]],
    ["As many as hundreds of thousands died.", ["As many as hundreds of thousands → count upper [0, 999000]"]],
    ["At least tens of thousands died.", ["At least tens of thousands → count lower [10000, ∞]"]],
    ["Several dozen died.", ["Several dozen → count vague [24, 118.8]"]],
  ],
  'dates': [
    ["The famine of 1932-3 killed millions.", ["1932-3 → date range [1932-01-01, 1933-12-31] years", "millions → count vague [2000000, ∞]"]],
    ["The famine of 1932–33 killed millions.", ["1932–33 → date range [1932-01-01, 1933-12-31] years", "millions → count vague [2000000, ∞]"]],
    ["The civil war of 1918-1920 was brutal.", ["1918-1920 → date range [1918-01-01, 1920-12-31] years"]],
    ["The civil war of 1918–20 was brutal.", ["1918–20 → date range [1918-01-01, 1920-12-31] years"]],
    ["The famine of 1932/33 was hidden.", ["1932/33 → date range [1932-01-01, 1933-12-31] years"]],
    ["The sailors rose in March 1921.", ["March 1921 → date exact [1921-03-01, 1921-03-31] month"]],
    ["The sailors rose in March of 1921.", ["March of 1921 → date exact [1921-03-01, 1921-03-31] month"]],
    ["The Bolsheviks struck in autumn 1917.", ["autumn 1917 → date exact [1917-09-01, 1917-11-30] season"]],
    ["They struck in the autumn of 1917.", ["autumn of 1917 → date exact [1917-09-01, 1917-11-30] season"]],
    ["In the spring of 1921 the NEP began.", ["spring of 1921 → date exact [1921-03-01, 1921-05-31] season"]],
    ["By the summer of 1936 the trials had begun.", ["summer of 1936 → date exact [1936-06-01, 1936-08-31] season"]],
    ["In the fall of 1917 power changed hands.", ["fall of 1917 → date exact [1917-09-01, 1917-11-30] season"]],
    ["In the winter of 1941–42 Leningrad starved.", ["winter of 1941–42 → date exact [1941-12-01, 1942-02-28] season"]],
    ["In winter 1941 the front held.", ["winter 1941 → date approx [1941-01-01, 1942-02-28] season"]],
    ["In the late 1920s the NEP ended.", ["late 1920s → date approx [1926-01-01, 1929-12-31] decade"]],
    ["In the early 1930s the camps grew.", ["early 1930s → date approx [1930-01-01, 1933-12-31] decade"]],
    ["In the mid-1950s the thaw came.", ["mid-1950s → date approx [1953-01-01, 1956-12-31] decade"]],
    ["In the mid 1950s the thaw came.", ["mid 1950s → date approx [1953-01-01, 1956-12-31] decade"]],
    ["In the 1930s terror reigned.", ["1930s → date exact [1930-01-01, 1939-12-31] decade"]],
    ["In the 1930's terror reigned.", ["1930's → date exact [1930-01-01, 1939-12-31] decade"]],
    ["In the 1920s–30s the state grew.", ["1920s–30s → date range [1920-01-01, 1939-12-31] decade"]],
    ["In 1936 abortion was banned.", ["1936 → date exact [1936-01-01, 1936-12-31] year"]],
    ["On 27 June 1936 abortion was banned.", ["27 June 1936 → date exact [1936-06-27, 1936-06-27] day"]],
    ["On June 27, 1936 abortion was banned.", ["June 27, 1936 → date exact [1936-06-27, 1936-06-27] day"]],
    ["On June 27 1936 abortion was banned.", ["June 27 1936 → date exact [1936-06-27, 1936-06-27] day"]],
    ["On 1 March 1921 the sailors met.", ["1 March 1921 → date exact [1921-03-01, 1921-03-01] day"]],
    ["On 1st March 1921 the sailors met.", ["1st March 1921 → date exact [1921-03-01, 1921-03-01] day"]],
    ["On the 1st of March, 1921 the sailors met.", ["1st of March, 1921 → date exact [1921-03-01, 1921-03-01] day"]],
    ["On March 1st, 1921 the sailors met.", ["March 1st, 1921 → date exact [1921-03-01, 1921-03-01] day"]],
    ["In early 1937 the arrests spread.", ["early 1937 → date approx [1937-01-01, 1937-04-30] season"]],
    ["In mid-1937 the arrests spread.", ["mid-1937 → date approx [1937-04-01, 1937-09-30] season"]],
    ["In late 1937 the arrests spread.", ["late 1937 → date approx [1937-09-01, 1937-12-31] season"]],
    ["By the end of 1937 the arrests spread.", ["end of 1937 → date approx [1937-09-01, 1937-12-31] season"]],
    ["At the beginning of the 1930s the camps grew.", ["beginning of the 1930s → date approx [1930-01-01, 1933-12-31] decade"]],
    ["On 17–18 March 1921 the fortress fell.", ["17–18 March 1921 → date range [1921-03-17, 1921-03-18] day"]],
    ["On March 17–18, 1921 the fortress fell.", ["March 17–18, 1921 → date range [1921-03-17, 1921-03-18] day"]],
    ["From 28 February to 18 March 1921 the revolt lasted.", ["From 28 February to 18 March 1921 → date range [1921-02-28, 1921-03-18] day"]],
    ["Between March and May 1921 the NEP began.", ["Between March and May 1921 → date range [1921-03-01, 1921-05-31] month"]],
    ["From March–May 1921 the NEP began.", ["From March–May 1921 → date range [1921-03-01, 1921-05-31] month"]],
    ["The resolution of 1921-03-01 was adopted.", ["1921-03-01 → date exact [1921-03-01, 1921-03-01] day"]],
    ["Between 1918 and 1920 the war raged.", ["Between 1918 and 1920 → date range [1918-01-01, 1920-12-31] years"]],
    ["From 1918 to 1920 the war raged.", ["From 1918 to 1920 → date range [1918-01-01, 1920-12-31] years"]],
    ["From 1918 until 1921 the war raged.", ["From 1918 until 1921 → date range [1918-01-01, 1921-12-31] years"]],
    ["In 1917 or 1918 he left.", ["1917 or 1918 → date range [1917-01-01, 1918-12-31] years"]],
    ["In 1917 and 1918 he wrote.", ["1917 → date exact [1917-01-01, 1917-12-31] year", "1918 → date exact [1918-01-01, 1918-12-31] year"]],
    ["c. 1900 he was born.", ["c. 1900 → date approx [1895-01-01, 1905-12-31] year"]],
    ["Around 1930 the camps grew.", ["Around 1930 → date approx [1925-01-01, 1935-12-31] year"]],
    ["In AD 800 Charlemagne was crowned.", ["AD 800 → date exact [0800-01-01, 0800-12-31] year"]],
    ["Rome fell in 476 AD.", ["476 AD → date exact [0476-01-01, 0476-12-31] year"]],
    ["In 500 BC nothing happened.", []],
    ["In the 1800s the empire grew.", ["1800s → date vague [1800-01-01, 1899-12-31] years"]],
    ["The Bolsheviks took power on 7 November 1917.", ["7 November 1917 → date exact [1917-11-07, 1917-11-07] day"]],
    ["The treaty of 3 Sept. 1939 was signed.", ["3 Sept. 1939 → date exact [1939-09-03, 1939-09-03] day"]],
    ["In Sept. 1939 war began.", ["Sept. 1939 → date exact [1939-09-01, 1939-09-30] month"]],
    ["In May 1968 students rose.", ["May 1968 → date exact [1968-05-01, 1968-05-31] month"]],
  ],
  'sums of money': [
    ["The loan was $5 million.", ["$5 million → count approx [4500000, 5500000] currency"]],
    ["The loan was £3m.", ["£3m → count approx [2500000, 3500000] currency"]],
    ["The tax raised 5 million roubles.", ["5 million roubles → count approx [4500000, 5500000] currency"]],
    ["Reparations of about $5–7 million were paid.", ["about $5–7 million → count range [3750000, 8750000] currency"]],
    ["The gold reserve held 500 million gold roubles.", ["500 million gold roubles → count approx [450000000, 550000000] currency"]],
    ["They paid 20 pounds of bread.", ["20 → count approx [15, 25]"]],
    ["The debt was US$2bn.", ["$2bn → count approx [1500000000, 2500000000] currency"]],
  ],
  'numbers that are not figures': [
    ["The 1st and 17th congresses met, and the 2nd, 3rd and 4th.", []],
    ["The Tenth Party Congress met in the Tenth month.", []],
    ["See p. 123 and pp. 12–15 and p.45 and vol. 2 and Vol 3.", []],
    ["See chapter 3, Chapter 12, section 4, § 5 and Article 58.", []],
    ["See note 5 and notes 6–8 and No. 227 and Order 00447.", []],
    ["RGASPI, f. 17, op. 3, d. 123, l. 45.", []],
    ["He died.16 The sailors rose in 1991.1 The end.", ["1991 → date exact [1991-01-01, 1991-12-31] year"]],
    ["Lenin died,3 and Stalin rose.4", []],
    ["The congress (Conquest 1986, 303) met; see Avrich (Princeton, 1970), 123–45.", ["1986 → date exact [1986-01-01, 1986-12-31] year", "1970 → date exact [1970-01-01, 1970-12-31] year"]],
    ["The meeting began at 10:30 and ended at 3 p.m. or at 5 pm.", []],
    ["One of the leaders said that no one would come, and one day one man did.", []],
    ["A man came with two leaders, three times, four days running, and nine more.", []],
    ["Figures like [12] and [^3] and (5) and T-34 tanks and COVID-19 and MiG-15s.", []],
    ["1. Introduction", []],
    ["2. The famine", []],
    ["## 3. Results", []],
    ["ISBN 978-0-19-283-4 and phone 555-1234-55.", []],
    ["In 500 BC and 300 B.C. things happened.", []],
    ["The Thirty Years' War and the Hundred Days and the Big Three.", []],
    ["In the second half of the century, half-hearted, half a century, a half-brother.", []],
    ["A third party, a quarter century, the third time, a fifth column.", []],
    ["Two leaders, three times, one or two men, five to six days.", []],
    ["Section 2.1.3 and the date 27.6.1936.", []],
    ["The 1960s-era policy of 1968-style protests.", ["1960s → date exact [1960-01-01, 1969-12-31] decade", "1968 → date exact [1968-01-01, 1968-12-31] year"]],
  ],
  'compounds, titles, dates without years and lists': [
    ["The Twenty-One Conditions and Ten Days That Shook the World.", []],
    ["A 5-year plan, the twenty-year treaty and the 1,000-page report.", []],
    ["A 20-million-strong army and a half-million men.", ["20-million → count approx [15000000, 25000000]", "a half-million → count approx [450000, 550000]"]],
    ["On 17–18 March, while the congress sat (19–21 October, New Style).", []],
    ["The war lasted from late 1917 to 1921–22 in all.", ["from late 1917 to 1921–22 → date range [1917-09-01, 1922-12-31] season"]],
    ["Born c.1900, he died in 1938.", ["c.1900 → date approx [1895-01-01, 1905-12-31] year", "1938 → date exact [1938-01-01, 1938-12-31] year"]],
    ["In the '30s and the 40s nothing changed.", []],
    ["The counts were 5, 7 and 12.", ["5 → count exact [5, 5]", "7 → count exact [7, 7]", "12 → count exact [12, 12]"]],
  ],
};

describe('findQuantities', () => {
  for (const [section, rows] of Object.entries(TABLES)) {
    describe(`reads ${section}`, () => {
      for (const [text, want] of rows) {
        it(`reads ${JSON.stringify(text)} as ${want.length ? want.map((w) => w.split(' → ')[0]).join(' + ') : 'nothing'}`, () => {
          assert.deepEqual(found(text), want);
        });
      }
    });
  }

  describe('in whole paragraphs', () => {
    it('reads both conflicting claims of the design example with their hedges', () => {
      const a = 'As many as seven million people died in the famine of 1932–33.';
      const b = 'Another essay says some 3.5 million died in the famine of 1932-3.';
      assert.deepEqual(found(a), [
        'As many as seven million → count upper [0, 7000000]',
        '1932–33 → date range [1932-01-01, 1933-12-31] years',
      ]);
      assert.deepEqual(found(b), [
        'some 3.5 million → count approx [2625000, 4375000]',
        '1932-3 → date range [1932-01-01, 1933-12-31] years',
      ]);
    });

    it('skips list numbers, headings, note markers and footnote citations in a Markdown essay', () => {
      const text = [
        'Intro text.',
        '',
        '1. Introduction',
        '2. The famine of 1932',
        '## 3. Results',
        '> 4) quoted',
        '',
        'The famine,12 killed 3.5 million.',
        '',
        '[^1]: Conquest 1986, p. 303.',
        '2.1 Background',
      ].join('\n');
      assert.deepEqual(found(text), [
        '1932 → date exact [1932-01-01, 1932-12-31] year',
        '3.5 million → count approx [3450000, 3550000]',
        '1986 → date exact [1986-01-01, 1986-12-31] year',
      ]);
    });

    it('reads an essay with endnotes, leaving page numbers, volumes and note markers out', () => {
      const text = [
        "Robert Conquest's *The Harvest of Sorrow* (1986) put the toll of the 1932–33 famine at",
        'some seven million, of whom five million in Ukraine.1 Later archival work by Davies and',
        'Wheatcroft (2004, pp. 401–15) gave 5.5–6.5 million, while Andrea Graziosi wrote of "at',
        'least 5 million" [^2]. In some districts one in five villagers died.³',
        '',
        '1. Conquest, *Harvest*, 299–307.',
        '2. R. W. Davies and S. G. Wheatcroft, *The Years of Hunger* (Basingstoke, 2004), 401, 415.',
        '3. Viola, *The Unknown Gulag* (Oxford, 2007), p. 32; ibid., 45.',
        '',
        '[^2]: Graziosi, "The Soviet 1931–1933 Famines", *Harvard Ukrainian Studies* 27 (2004–5): 97–115.',
      ].join('\n');
      assert.deepEqual(found(text), [
        '1986 → date exact [1986-01-01, 1986-12-31] year',
        '1932–33 → date range [1932-01-01, 1933-12-31] years',
        'some seven million → count approx [5250000, 8750000]',
        'five million → count approx [4500000, 5500000]',
        '2004 → date exact [2004-01-01, 2004-12-31] year',
        '5.5–6.5 million → count range [5500000, 6500000]',
        'at\nleast 5 million → count lower [5000000, ∞]',
        'one in five → share approx [0.181818, 0.222222]',
        '2004 → date exact [2004-01-01, 2004-12-31] year',
        '2007 → date exact [2007-01-01, 2007-12-31] year',
        '1931–1933 → date range [1931-01-01, 1933-12-31] years',
        '2004–5 → date range [2004-01-01, 2005-12-31] years',
      ]);
    });

    it('does not join a figure across a blank line', () => {
      assert.deepEqual(found('They counted 5\n\nmillion reasons.'), ['5 → count exact [5, 5]']);
      assert.deepEqual(found('They counted 5\nmillion people.'), ['5\nmillion → count approx [4500000, 5500000]']);
    });

    it('reads the text between from and to only, with offsets into the whole text', () => {
      const text = 'In 1936, 5 million; in 1937, 7 million.';
      const from = text.indexOf('in 1937');
      const qs = findQuantities(text, from, text.length);
      assert.deepEqual(qs.map(render), ['1937 → date exact [1937-01-01, 1937-12-31] year', '7 million → count approx [6500000, 7500000]']);
      for (const q of qs) assert.equal(text.slice(q.start, q.end), q.raw);
      assert.deepEqual(findQuantities(text, 0, 7).map(render), ['1936 → date exact [1936-01-01, 1936-12-31] year']);
      assert.deepEqual(findQuantities(text, 30, 10), []);
      assert.deepEqual(findQuantities(text, -5, 1e9).length, 4);
    });

    it('returns results sorted by start and never overlapping', () => {
      const text = 'Between 5 and 7 million, at least 3 million, 1918–20, half of them, 90% and 2,468,524.';
      const qs = findQuantities(text);
      assert.equal(qs.length, 6);
      for (let i = 1; i < qs.length; i++) assert.ok(qs[i - 1]!.end <= qs[i]!.start);
    });
  });

  describe('keeps the details others build on', () => {
    it('records the stated value and the hedge words', () => {
      const [q] = findQuantities('Perhaps as many as seven million died.');
      assert.equal(q?.value, 7_000_000);
      assert.equal(q?.qualifier, 'perhaps as many as');
      assert.equal(q?.hedge, 'upper');
    });

    it('records currency and percent units', () => {
      const [a, b, c] = findQuantities('The loan was £3m, or 5 million roubles, 12% of the budget.');
      assert.deepEqual([a?.unit, a?.currency], ['currency', 'GBP']);
      assert.deepEqual([b?.unit, b?.currency], ['currency', 'RUB']);
      assert.deepEqual([c?.unit, c?.value], ['percent', 0.12]);
    });

    it('gives no value to ranges and vague quantities', () => {
      const [r, v] = findQuantities('Between 5 and 7 million, or millions.');
      assert.equal(r?.value, undefined);
      assert.equal(v?.value, undefined);
    });
  });
});

describe('parseQuantity', () => {
  const cases: [string, string | undefined][] = [
    ['about 3.5 million', 'about 3.5 million → count approx [2625000, 4375000]'],
    ['1932–33', '1932–33 → date range [1932-01-01, 1933-12-31] years'],
    ['in 1936', '1936 → date exact [1936-01-01, 1936-12-31] year'],
    ['the late 1920s', 'late 1920s → date approx [1926-01-01, 1929-12-31] decade'],
    ['2,468,524', '2,468,524 → count exact [2468524, 2468524]'],
    ['five', 'five → count exact [5, 5]'],
    ['Twenty', 'Twenty → count approx [15, 25]'],
    ['half', 'half → share approx [0.45, 0.55]'],
    ['a third', 'a third → share approx [0.283333, 0.383333]'],
    ['between 5 and 7 million', 'between 5 and 7 million → count range [5000000, 7000000]'],
    ['at least 3 million', 'at least 3 million → count lower [3000000, ∞]'],
    ['1500', '1500 → date exact [1500-01-01, 1500-12-31] year'],
    ['1,500', '1,500 → count approx [1450, 1550]'],
    ['5 and 7', undefined],
    ['1500 delegates', undefined],
    ['two leaders', undefined],
    ['the party', undefined],
    ['', undefined],
    ['p. 123', undefined],
  ];
  for (const [phrase, want] of cases) {
    it(`parses ${JSON.stringify(phrase)} as ${want ? want.split(' → ')[1] : 'nothing'}`, () => {
      const q = parseQuantity(phrase);
      assert.equal(q === undefined ? undefined : render(q), want);
    });
  }

  it('returns undefined for input that is not a string or is very long', () => {
    assert.equal(parseQuantity(undefined as unknown as string), undefined);
    assert.equal(parseQuantity('7 million '.repeat(200)), undefined);
  });
});

describe('formatQuantity', () => {
  const phrases: [string, string][] = [
    ['3.5 million', '3.5 million'],
    ['2,468,524', '2,468,524'],
    ['2,500,000', '2.5 million'],
    ['seven million', '7 million'],
    ['some 3.5 million', 'some 3.5 million'],
    ['as many as seven million', 'as many as 7 million'],
    ['at least 3 million', 'at least 3 million'],
    ['3 million or more', '3 million or more'],
    ['5,000+', '5,000+'],
    ['~7 million', '~7 million'],
    ['5–7 million', 'between 5 and 7 million'],
    ['between 500,000 and 1 million', 'between 500,000 and 1 million'],
    ['$5 million', '$5 million'],
    ['5 million roubles', '5 million roubles'],
    ['several million', 'several million'],
    ['millions', 'millions'],
    ['tens of millions', 'tens of millions'],
    ['hundreds of thousands', 'hundreds of thousands'],
    ['a few thousand', 'a few thousand'],
    ['1.3 percent', '1.3%'],
    ['more than half', 'more than half'],
    ['two-thirds', 'two-thirds'],
    ['one in 14', '1 in 14'],
    ['between 5 and 10 percent', 'between 5% and 10%'],
    ['1932–33', '1932–33'],
    ['1932-3', '1932–33'],
    ['1918-1920', '1918–20'],
    ['1899–1901', '1899–1901'],
    ['1936', '1936'],
    ['c. 1900', 'c. 1900'],
    ['March 1921', 'March 1921'],
    ['March–May 1921', 'March–May 1921'],
    ['June 27, 1936', '27 June 1936'],
    ['17–18 March 1921', '17–18 March 1921'],
    ['autumn 1917', 'autumn 1917'],
    ['winter of 1941–42', 'winter 1941–42'],
    ['early 1937', 'early 1937'],
    ['mid-1937', 'mid-1937'],
    ['the 1930s', '1930s'],
    ['the late 1920s', 'late 1920s'],
    ['mid-1950s', 'mid-1950s'],
  ];
  for (const [phrase, want] of phrases) {
    it(`renders ${JSON.stringify(phrase)} as ${JSON.stringify(want)}`, () => {
      const q = parseQuantity(phrase);
      assert.ok(q, `parses ${phrase}`);
      assert.equal(formatQuantity(q), want);
    });
  }

  it('renders quantities built by hand, without value or qualifier', () => {
    const base = { start: 0, end: 0, raw: '' };
    assert.equal(formatQuantity({ ...base, kind: 'count', lo: 5e6, hi: 7e6, hedge: 'range' }), 'between 5 and 7 million');
    assert.equal(formatQuantity({ ...base, kind: 'count', lo: 3e6, hi: Infinity, hedge: 'lower' }), 'at least 3 million');
    assert.equal(formatQuantity({ ...base, kind: 'count', lo: 0, hi: 7e6, hedge: 'upper' }), 'up to 7 million');
    assert.equal(formatQuantity({ ...base, kind: 'count', lo: 1385, hi: 1385, hedge: 'exact' }), '1,385');
    assert.equal(formatQuantity({ ...base, kind: 'count', lo: 1.5e6, hi: 2.5e6, hedge: 'approx' }), 'about 2 million');
    assert.equal(formatQuantity({ ...base, kind: 'share', lo: 0.5, hi: 1, hedge: 'lower' }), 'at least half');
    assert.equal(
      formatQuantity({ ...base, kind: 'date', lo: dayNumber(1921, 3, 1), hi: dayNumber(1921, 3, 18), hedge: 'range', precision: 'day' }),
      '1–18 March 1921',
    );
    assert.equal(
      formatQuantity({ ...base, kind: 'date', lo: dayNumber(1932), hi: dayNumber(1933, 12, 31), hedge: 'range' }),
      '1932-01-01 – 1933-12-31',
    );
  });

  it('round-trips what it renders through parseQuantity', () => {
    for (const [phrase] of phrases) {
      const q = parseQuantity(phrase)!;
      const again = parseQuantity(formatQuantity(q));
      assert.ok(again, `re-parses ${formatQuantity(q)}`);
      assert.deepEqual([again.kind, again.hedge, again.lo, again.hi], [q.kind, q.hedge, q.lo, q.hi], phrase);
    }
  });
});

describe('dayNumber and yearOfDay', () => {
  it('counts days from 1970-01-01 like Date.UTC', () => {
    assert.equal(dayNumber(1970), 0);
    assert.equal(dayNumber(1970, 1, 2), 1);
    assert.equal(dayNumber(1969, 12, 31), -1);
    for (const [y, m, d] of [[1936, 6, 27], [1921, 3, 1], [2000, 2, 29], [1900, 3, 1], [2099, 12, 31], [1600, 1, 1]] as const) {
      assert.equal(dayNumber(y, m, d), Date.UTC(y, m - 1, d) / 86_400_000, `${y}-${m}-${d}`);
    }
  });

  it('handles years before 100 and before the common era without the Date.UTC two-digit trap', () => {
    assert.equal(isoOfDay(dayNumber(476, 9, 4)), '0476-09-04');
    assert.equal(isoOfDay(dayNumber(45)), '0045-01-01');
    assert.equal(yearOfDay(dayNumber(-44, 3, 15)), -44);
  });

  it('rolls months over and finds the year of any day', () => {
    assert.equal(dayNumber(1936, 13, 1), dayNumber(1937, 1, 1));
    assert.equal(dayNumber(1936, 0, 1), dayNumber(1935, 12, 1));
    assert.equal(yearOfDay(dayNumber(1932, 12, 31)), 1932);
    assert.equal(yearOfDay(dayNumber(1933, 1, 1)), 1933);
    assert.ok(Number.isNaN(dayNumber(Number.NaN)));
  });
});
