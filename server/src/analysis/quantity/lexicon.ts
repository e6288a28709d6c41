/**
 * Word lists for the figure grammar. Everything is lower case; the scanner lower-cases words
 * before looking them up.
 */

/** zero … nineteen */
export const UNITS: ReadonlyMap<string, number> = new Map([
  ['zero', 0], ['one', 1], ['two', 2], ['three', 3], ['four', 4], ['five', 5], ['six', 6], ['seven', 7],
  ['eight', 8], ['nine', 9], ['ten', 10], ['eleven', 11], ['twelve', 12], ['thirteen', 13], ['fourteen', 14],
  ['fifteen', 15], ['sixteen', 16], ['seventeen', 17], ['eighteen', 18], ['nineteen', 19],
]);

/** twenty … ninety */
export const TENS: ReadonlyMap<string, number> = new Map([
  ['twenty', 20], ['thirty', 30], ['forty', 40], ['fourty', 40], ['fifty', 50], ['sixty', 60], ['seventy', 70],
  ['eighty', 80], ['ninety', 90],
]);

/** Scale words written out after a number ("seven million", "2.5 bn"). */
export const SCALES: ReadonlyMap<string, number> = new Map([
  ['thousand', 1e3], ['million', 1e6], ['billion', 1e9], ['trillion', 1e12],
  ['mn', 1e6], ['mln', 1e6], ['bn', 1e9],
]);

/** Scale suffixes glued to digits ("7m", "3bn", "5k"). */
export const GLUED_SCALES: ReadonlyMap<string, number> = new Map([
  ['k', 1e3], ['m', 1e6], ['mn', 1e6], ['mln', 1e6], ['bn', 1e9], ['b', 1e9], ['tn', 1e12],
]);

/** Plural scale words used vaguely ("millions", "hundreds"): the scale each stands for. */
export const PLURAL_SCALES: ReadonlyMap<string, number> = new Map([
  ['dozens', 12], ['scores', 20], ['hundreds', 100], ['thousands', 1e3], ['millions', 1e6], ['billions', 1e9],
]);

/** Singular scales usable after "several", "a few", "tens of" …: includes "hundred" and "dozen". */
export const VAGUE_SCALES: ReadonlyMap<string, number> = new Map([
  ['dozen', 12], ['hundred', 100], ['thousand', 1e3], ['million', 1e6], ['billion', 1e9],
]);

/** Fraction denominators (singular and plural). */
export const DENOMINATORS: ReadonlyMap<string, number> = new Map([
  ['half', 2], ['halves', 2], ['third', 3], ['thirds', 3], ['quarter', 4], ['quarters', 4], ['fourth', 4],
  ['fourths', 4], ['fifth', 5], ['fifths', 5], ['sixth', 6], ['sixths', 6], ['seventh', 7], ['sevenths', 7],
  ['eighth', 8], ['eighths', 8], ['ninth', 9], ['ninths', 9], ['tenth', 10], ['tenths', 10],
  ['twentieth', 20], ['twentieths', 20], ['hundredth', 100], ['hundredths', 100],
]);

/** Words that make a singular fraction ("a third") a share when they follow it: "a third died", "a third of". */
export const SHARE_FOLLOWERS: ReadonlySet<string> = new Set([
  'of', 'were', 'was', 'is', 'are', 'had', 'have', 'has', 'died', 'perished', 'survived', 'voted', 'lived',
  'would', 'will', 'did', 'fled', 'starved', 'returned', 'remained', 'belonged', 'came', 'joined', 'went',
  'became', 'never', 'still', 'more', 'less', 'again', 'fell', 'rose', 'lost', 'owned', 'worked',
  'could', 'might', 'may', 'must', 'should', 'supported', 'opposed', 'emigrated', 'left', 'stayed',
]);

export type HedgeKind = 'upper' | 'lower' | 'approx' | 'near' | 'justUnder' | 'justOver';

export interface HedgeEntry {
  /** tokens, lower case; "." stands for a full stop glued to the previous word */
  words: string[];
  kind: HedgeKind;
  /** may qualify a date ("c. 1900", "around 1930") */
  date?: boolean;
  /** "as many as": the figure is offered as near the top of the truth */
  nearTop?: boolean;
}

const H = (phrase: string, kind: HedgeKind, extra: Partial<HedgeEntry> = {}): HedgeEntry => ({
  words: phrase.replace(/\./g, ' .').split(/\s+/).filter(Boolean),
  kind,
  ...extra,
});

/** Hedges that come before a figure. */
export const PRE_HEDGES: readonly HedgeEntry[] = [
  H('as many as', 'upper', { nearTop: true }), H('as much as', 'upper', { nearTop: true }),
  H('as high as', 'upper', { nearTop: true }), H('up to', 'upper'), H('at most', 'upper'),
  H('at the most', 'upper'), H('no more than', 'upper'), H('not more than', 'upper'),
  H('fewer than', 'upper'), H('less than', 'upper'), H('under', 'upper'), H('below', 'upper'),
  H('a maximum of', 'upper'), H('no greater than', 'upper'), H('not exceeding', 'upper'),

  H('at least', 'lower'), H('at the very least', 'lower'), H('more than', 'lower'), H('over', 'lower'),
  H('above', 'lower'), H('in excess of', 'lower'), H('upwards of', 'lower'), H('upward of', 'lower'),
  H('well over', 'lower'), H('well above', 'lower'), H('well in excess of', 'lower'),
  H('a minimum of', 'lower'), H('no fewer than', 'lower'), H('not fewer than', 'lower'),
  H('no less than', 'lower'), H('not less than', 'lower'), H('greater than', 'lower'),
  H('far more than', 'lower'), H('many more than', 'lower'), H('much more than', 'lower'),
  H('considerably more than', 'lower'), H('substantially more than', 'lower'), H('significantly more than', 'lower'),

  H('about', 'approx'), H('around', 'approx', { date: true }), H('some', 'approx'),
  H('roughly', 'approx', { date: true }), H('approximately', 'approx', { date: true }),
  H('approx.', 'approx', { date: true }), H('approx', 'approx'), H('an estimated', 'approx'),
  H('estimated', 'approx'), H('an approximate', 'approx'), H('perhaps', 'approx'), H('possibly', 'approx'),
  H('maybe', 'approx'), H('probably', 'approx'), H('c.', 'approx', { date: true }), H('c', 'approx', { date: true }),
  H('ca.', 'approx', { date: true }), H('circa', 'approx', { date: true }), H('~', 'approx', { date: true }),
  H('in the region of', 'approx'), H('on the order of', 'approx'), H('of the order of', 'approx'),
  H('something like', 'approx'), H('more or less', 'approx'), H('somewhere around', 'approx'),
  H('an average of', 'approx'),

  H('nearly', 'near'), H('almost', 'near'), H('close to', 'near'), H('not quite', 'near'),
  H('just under', 'justUnder'), H('just below', 'justUnder'), H('just short of', 'justUnder'),
  H('a little under', 'justUnder'), H('slightly under', 'justUnder'), H('slightly less than', 'justUnder'),
  H('a little less than', 'justUnder'), H('just less than', 'justUnder'), H('just fewer than', 'justUnder'),
  H('just over', 'justOver'), H('just above', 'justOver'), H('a little over', 'justOver'),
  H('slightly over', 'justOver'), H('slightly more than', 'justOver'), H('a little more than', 'justOver'),
  H('just more than', 'justOver'),
];

/** Hedges that come after a figure ("3 million or more"). */
export const POST_HEDGES: readonly HedgeEntry[] = [
  H('or more', 'lower'), H('or over', 'lower'), H('and more', 'lower'), H('and upwards', 'lower'),
  H('or upwards', 'lower'), H('at least', 'lower'), H('at the very least', 'lower'), H('at a minimum', 'lower'),
  H('plus', 'lower'), H('or fewer', 'upper'), H('or less', 'upper'), H('at most', 'upper'),
  H('at the most', 'upper'), H('or so', 'approx'), H('or thereabouts', 'approx'),
];

/** First words of any hedge: a fast filter. */
export const HEDGE_FIRST: ReadonlySet<string> = new Set(PRE_HEDGES.map((h) => h.words[0]!));

/** Currency symbols written before a figure. */
export const CURRENCY_SYMBOLS: ReadonlyMap<string, string> = new Map([
  ['$', 'USD'], ['£', 'GBP'], ['€', 'EUR'], ['¥', 'JPY'], ['₽', 'RUB'],
]);

/** Currency words written after a figure. */
export const CURRENCY_WORDS: ReadonlyMap<string, string> = new Map([
  ['dollars', 'USD'], ['dollar', 'USD'], ['usd', 'USD'], ['pounds', 'GBP'], ['sterling', 'GBP'], ['gbp', 'GBP'],
  ['euros', 'EUR'], ['eur', 'EUR'], ['roubles', 'RUB'], ['rubles', 'RUB'], ['rouble', 'RUB'], ['ruble', 'RUB'],
  ['francs', 'FRF'], ['marks', 'DEM'], ['reichsmarks', 'RM'], ['deutschmarks', 'DEM'], ['lire', 'ITL'],
  ['lira', 'ITL'], ['yuan', 'CNY'], ['renminbi', 'CNY'], ['yen', 'JPY'], ['pesos', 'peso'], ['zloty', 'PLN'],
  ['zlotys', 'PLN'], ['kopecks', 'kopeck'], ['rupees', 'INR'], ['guilders', 'NLG'], ['crowns', 'crown'],
  ['forints', 'HUF'], ['rub', 'RUB'], ['cny', 'CNY'], ['jpy', 'JPY'], ['pengő', 'pengő'], ['dinars', 'dinar'], ['drachmas', 'GRD'], ['escudos', 'escudo'],
]);

/**
 * Nouns that, directly after a four-digit number, show it is a count and not a year ("1500 delegates").
 * Regular plurals are recognised by shape; this list covers the others.
 */
export const COUNT_NOUNS: ReadonlySet<string> = new Set([
  'people', 'persons', 'men', 'women', 'children', 'dead', 'troops', 'police',
  'personnel', 'staff', 'cattle', 'head', 'sheep', 'horses', 'tons', 'tonnes', 'hectares', 'acres', 'km',
  'kilometres', 'kilometers', 'miles', 'metres', 'meters', 'feet', 'kg', 'poods', 'puds', 'copies', 'deaths',
  'victims', 'votes', 'delegates', 'members', 'workers', 'peasants', 'soldiers', 'prisoners', 'refugees',
  'households', 'families', 'villages', 'camps', 'executions', 'arrests', 'strikers', 'strikes', 'casualties',
  'lives', 'individuals', 'inhabitants', 'residents', 'citizens', 'civilians', 'sailors', 'officers',
  'deportees', 'inmates', 'communists', 'jews', 'kulaks', 'priests', 'monks', 'nuns', 'students', 'teachers',
  'others',
]);

/**
 * Plural-looking words that, after a four-digit number, usually mean the number is a year used
 * attributively ("the 1936 trials", "the 1844 Manuscripts").
 */
export const YEAR_ATTRIBUTIVES: ReadonlySet<string> = new Set([
  'elections', 'events', 'purges', 'trials', 'riots', 'talks', 'reforms', 'protests', 'negotiations',
  'accords', 'agreements', 'treaties', 'debates', 'famines', 'deportations', 'olympics', 'games', 'theses',
  'days', 'politics', 'levies', 'campaigns', 'plans', 'constitutions', 'uprisings', 'revolutions',
  'congresses', 'conferences', 'meetings', 'sessions', 'statutes', 'laws', 'decrees', 'editions', 'memoirs',
  'writings', 'lectures', 'manuscripts', 'notebooks', 'letters', 'speeches', 'documents', 'papers',
  'archives', 'records', 'figures', 'statistics', 'results', 'returns', 'estimates', 'numbers', 'totals',
  'counts', 'tables', 'accounts', 'volumes', 'novels', 'issues', 'texts', 'programmes', 'programs',
  'resolutions', 'measures', 'rules', 'principles', 'demands', 'hearings', 'crisis',
  'as', 'is', 'was', 'has', 'this', 'its', 'his', 'us', 'thus', 'yes', 'towards', 'afterwards', 'always',
  'perhaps', 'whereas', 'besides', 'ones', 'series', 'analysis', 'thesis', 'basis', 'process', 'progress',
  'congress', 'address', 'status', 'census', 'consensus', 'versus', 'famous', 'various', 'previous',
  'amendments', 'changes', 'cuts', 'policies', 'shows', 'show', 'defeats', 'victories', 'years',
  'months', 'weeks', 'hours', 'minutes', 'seconds', 'decades', 'centuries',
]);

/** Words after "from N to M" that make it a change, not a range ("rose from 5 to 7 million"). */
export const CHANGE_VERBS: ReadonlySet<string> = new Set([
  'rose', 'risen', 'rise', 'rises', 'rising', 'fell', 'fallen', 'fall', 'falls', 'falling', 'grew', 'grown',
  'grow', 'grows', 'growing', 'increased', 'increase', 'increases', 'increasing', 'decreased', 'decrease',
  'declined', 'decline', 'declining', 'dropped', 'drop', 'jumped', 'climbed', 'went', 'gone', 'shrank',
  'shrunk', 'expanded', 'reduced', 'cut', 'raised', 'swelled', 'swollen', 'doubled', 'trebled', 'tripled',
  'halved', 'plunged', 'plummeted', 'soared', 'slumped', 'sank', 'changed', 'moved', 'revised', 'lowered',
]);

/** Words that, before a number, mark a page, chapter, section or other reference number. */
export const REF_WORDS: ReadonlySet<string> = new Set([
  'page', 'pages', 'volume', 'volumes', 'chapter', 'chapters', 'section', 'sections', 'article', 'articles',
  'figure', 'fig', 'table', 'appendix', 'note', 'notes', 'footnote', 'endnote', 'part', 'book', 'line',
  'lines', 'item', 'paragraph', 'para', 'plate', 'map', 'column', 'verse', 'clause', 'thesis', 'theses',
  'fond', 'opis', 'delo', 'list', 'issue', 'pp', 'p', 'vol', 'vols', 'ch', 'chap', 'art', 'sec', 'ibid',
  'nos', 'no', 'number', 'op', 'f', 'd', 'l', 'll', 'n', 'nn', 'fn', 'col', 'cols', 'ed', 'eds', 'pt', 'bk',
  'cf', 'vyp', 'tom', 't', 's', 'str', 'doc', 'file', 'folder', 'box', 'reel', 'order', 'decree',
  'directive', 'resolution', 'point', 'points', 'rule', 'act', 'psalm', 'psalms', 'room', 'platform', 'route',
  'highway', 'flight', 'hall', 'building', 'block', 'unit', 'apartment', 'flat', 'station', 'gate', 'car',
  'train', 'bus', 'army', 'division', 'brigade', 'regiment', 'battalion', 'corps', 'front', 'group', 'level',
]);

/**
 * Reference words too common as ordinary words to count without a full stop or a capital:
 * "No. 5" but "no 5"? — skipped only as "No."/"no." or capitalised ("Order 227", "Army 2").
 */
export const REF_WORDS_NEED_DOT_OR_CAP: ReadonlySet<string> = new Set([
  'no', 'nos', 'op', 'f', 'd', 'l', 'll', 'n', 'nn', 's', 't', 'order', 'decree', 'directive', 'resolution',
  'point', 'points', 'rule', 'act', 'cf', 'ed', 'eds', 'pt', 'bk', 'tom', 'str', 'doc', 'list', 'file',
  'folder', 'box', 'room', 'platform', 'route', 'highway', 'flight', 'hall', 'building', 'block', 'unit',
  'apartment', 'flat', 'station', 'gate', 'car', 'train', 'bus', 'army', 'division', 'brigade', 'regiment',
  'battalion', 'corps', 'front', 'group', 'level', 'figure',
]);

/** Reference words after which even a four-digit number is a reference, not a year ("p. 1936", "f. 1235"). */
export const REF_WORDS_FOR_YEARS: ReadonlySet<string> = new Set([
  'p', 'pp', 'page', 'pages', 'no', 'nos', 'number', 'f', 'op', 'l', 'll', 'fond', 'opis', 'delo', 'list',
]);

/** Nouns of time after "N in M": "5 in 10 days" is not a share. */
export const TIME_NOUNS: ReadonlySet<string> = new Set([
  'day', 'days', 'week', 'weeks', 'month', 'months', 'year', 'years', 'hour', 'hours', 'minute', 'minutes',
  'second', 'seconds', 'decade', 'decades', 'century', 'centuries', 'attempts', 'tries', 'games', 'matches',
]);

/** Words glued to or following a number that make it a clock time. */
export const TIME_SUFFIXES: ReadonlySet<string> = new Set(['am', 'pm', 'hrs', 'gmt', 'utc', 'o']);
