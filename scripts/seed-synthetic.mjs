#!/usr/bin/env node
// Synthetic data for the Collaboration List: many realistic-looking challenges across synthetic
// cities, for search benchmarks and load tests. Every synthetic row has a slug starting with `syn-`.
//
//   npm run seed:synthetic -- --challenges 100000 [--cities 200] [--seed 42] [--reset-synthetic]
//   npm run seed:synthetic -- --reset-synthetic          (only delete synthetic rows)
//
// Connects as superuser to DATABASE_URL (default: the local stack's database).
// Deterministic: the same --seed on the same starting database produces the same rows.
import pg from 'pg';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { loadConfig } from './stack/config.mjs';

const HELP = `Usage: npm run seed:synthetic -- [options]
  --challenges N       number of synthetic challenges to add (default 0)
  --cities N           synthetic cities to create if none exist yet (default 200)
  --seed S             random seed (default 1)
  --reset-synthetic    delete all synthetic rows (slug prefix syn-) first
  --batch N            rows per INSERT (default 5000)
  --jobs N             parallel connections (default: CPU count, at most 4). With 1 job the whole
                       run is one transaction; with more, each batch commits on its own (a failed
                       run leaves some rows behind: use --reset-synthetic)
  -h, --help`;

const { values: args } = parseArgs({
	options: {
		challenges: { type: 'string', default: '0' },
		cities: { type: 'string', default: '200' },
		seed: { type: 'string', default: '1' },
		'reset-synthetic': { type: 'boolean', default: false },
		batch: { type: 'string', default: '5000' },
		jobs: { type: 'string', default: String(Math.min(4, availableParallelism())) },
		help: { type: 'boolean', short: 'h', default: false }
	}
});
if (args.help) {
	console.log(HELP);
	process.exit(0);
}
const toInt = (name, min, max) => {
	const n = Number(args[name]);
	if (!Number.isInteger(n) || n < min || n > max) {
		console.error(`--${name} must be an integer between ${min} and ${max}\n\n${HELP}`);
		process.exit(2);
	}
	return n;
};
const N = toInt('challenges', 0, 10_000_000);
const CITY_COUNT = toInt('cities', 1, 5000);
const SEED = toInt('seed', 0, 2 ** 31 - 1);
const BATCH = toInt('batch', 100, 50_000);
const JOBS = toInt('jobs', 1, 16);
const DATABASE_URL = process.env.DATABASE_URL || loadConfig().dbUrl;

// ---------------------------------------------------------------------------------------------
// Deterministic randomness (mulberry32)
// ---------------------------------------------------------------------------------------------
function rng(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
const rand = rng(SEED);
const int = (min, max) => min + Math.floor(rand() * (max - min + 1));
const pick = (list) => list[Math.floor(rand() * list.length)];
const chance = (p) => rand() < p;
function sample(list, k) {
	const copy = [...list];
	const out = [];
	while (out.length < k && copy.length)
		out.push(copy.splice(Math.floor(rand() * copy.length), 1)[0]);
	return out;
}
function weighted(entries) {
	const total = entries.reduce((s, [, w]) => s + w, 0);
	let r = rand() * total;
	for (const [v, w] of entries) if ((r -= w) < 0) return v;
	return entries[entries.length - 1][0];
}
const slugify = (s) =>
	s
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
const capitalise = (s) => s.charAt(0).toUpperCase() + s.slice(1);

// ---------------------------------------------------------------------------------------------
// Vocabularies
// ---------------------------------------------------------------------------------------------
const REGIONS = {
	'east-asia': {
		countries: [
			['CN', 'CNY'],
			['KR', 'KRW'],
			['JP', 'JPY'],
			['TW', 'TWD']
		],
		roots: [
			'Han',
			'Qing',
			'Lin',
			'Jiang',
			'Dong',
			'Nam',
			'Seong',
			'Yama',
			'Hoshi',
			'Tai',
			'Bai',
			'Gwang'
		],
		suffixes: ['shan', 'zhou', 'ning', 'yang', 'hae', 'ju', 'gawa', 'saki', 'chuan', 'ping']
	},
	'southeast-asia': {
		countries: [
			['MY', 'MYR'],
			['TH', 'THB'],
			['VN', 'VND'],
			['ID', 'IDR'],
			['PH', 'PHP'],
			['SG', 'SGD']
		],
		roots: [
			'Kota',
			'Bukit',
			'Ban',
			'Sri',
			'Tan',
			'Pulau',
			'Muang',
			'Binh',
			'Kuala',
			'San',
			'Tanjung',
			'Phra'
		],
		suffixes: ['jaya', 'raya', 'buri', 'sari', 'thong', 'an', 'hoa', 'marang', 'rejo', 'luang']
	},
	'south-asia': {
		countries: [
			['IN', 'INR'],
			['BD', 'BDT'],
			['LK', 'LKR'],
			['PK', 'PKR']
		],
		roots: [
			'Raj',
			'Chandra',
			'Nava',
			'Sundar',
			'Hari',
			'Kamal',
			'Shanti',
			'Ganga',
			'Vasant',
			'Anand'
		],
		suffixes: ['pur', 'nagar', 'abad', 'garh', 'gram', 'puram', 'kota', 'wadi', 'ganj', 'pet']
	},
	europe: {
		countries: [
			['DE', 'EUR'],
			['FR', 'EUR'],
			['IT', 'EUR'],
			['PL', 'PLN'],
			['SE', 'SEK'],
			['NL', 'EUR'],
			['ES', 'EUR'],
			['CZ', 'CZK']
		],
		roots: [
			'Alt',
			'Val',
			'Nord',
			'Bel',
			'Mont',
			'Ros',
			'Grün',
			'Lind',
			'Sankt',
			'Kirch',
			'Porta',
			'Stara'
		],
		suffixes: ['berg', 'heim', 'ville', 'stad', 'dorp', 'ano', 'ova', 'burg', 'mora', 'haven']
	},
	'latin-america': {
		countries: [
			['BR', 'BRL'],
			['MX', 'MXN'],
			['CO', 'COP'],
			['CL', 'CLP'],
			['PE', 'PEN'],
			['AR', 'ARS']
		],
		roots: ['San', 'Santa', 'Villa', 'Puerto', 'Nova', 'Río', 'Monte', 'Vista', 'Ciudad', 'Campo'],
		suffixes: [
			' Alegre',
			' del Sur',
			' Verde',
			' Nueva',
			'lândia',
			'polis',
			' Blanca',
			' Hermosa',
			' Real',
			' Grande'
		]
	},
	africa: {
		countries: [
			['KE', 'KES'],
			['NG', 'NGN'],
			['GH', 'GHS'],
			['ZA', 'ZAR'],
			['RW', 'RWF'],
			['MA', 'MAD'],
			['ET', 'ETB'],
			['EG', 'EGP']
		],
		roots: [
			'Ama',
			'Kisu',
			'Ola',
			'Nya',
			'Mba',
			'Tema',
			'Kibo',
			'Ade',
			'Zan',
			'Lulu',
			'Bahi',
			'Oku'
		],
		suffixes: ['mu', 'wale', 'ruka', 'ngo', 'si', 'kuru', 'ville', 'dar', 'moya', 'tele']
	},
	'middle-east': {
		countries: [
			['AE', 'AED'],
			['SA', 'SAR'],
			['QA', 'QAR'],
			['TR', 'TRY'],
			['IL', 'ILS']
		],
		roots: ['Al ', 'Dar ', 'Ras ', 'Umm ', 'Bay', 'Kara', 'Wadi ', 'Jabal ', 'Ain ', 'Tel '],
		suffixes: [
			'Nahda',
			'Salam',
			'Khor',
			'Rawda',
			'Sahel',
			'Yurt',
			'Hadid',
			'Noor',
			'Rimal',
			'Shams'
		]
	},
	'north-america': {
		countries: [
			['US', 'USD'],
			['CA', 'CAD'],
			['MX', 'MXN']
		],
		roots: [
			'Spring',
			'Maple',
			'Cedar',
			'River',
			'Lake',
			'Fair',
			'Oak',
			'Pine',
			'Clear',
			'Silver',
			'Green',
			'Bridge'
		],
		suffixes: [
			'field',
			'ton',
			'ville',
			'port',
			'wood',
			' Falls',
			' Harbor',
			'dale',
			' Springs',
			'ford'
		]
	},
	oceania: {
		countries: [
			['AU', 'AUD'],
			['NZ', 'NZD']
		],
		roots: ['Port ', 'Mount ', 'Wai', 'Kur', 'Bella', 'Coral', 'Southern', 'Tara', 'Roto', 'Banks'],
		suffixes: ['kato', 'rangi', 'mere', 'Bay', 'wong', 'Heights', 'ngara', 'town', 'Reach', 'moana']
	}
};

const PRIORITIES_BY_DOMAIN = {
	technologies: [
		'smart-governance',
		'digital-inclusion',
		'public-safety',
		'public-health',
		'infrastructure-renewal'
	],
	mobility: [
		'green-transition',
		'public-safety',
		'digital-inclusion',
		'infrastructure-renewal',
		'public-health',
		'smart-governance'
	],
	environment: [
		'climate-resilience',
		'circular-economy',
		'public-health',
		'green-transition',
		'public-safety'
	],
	utilities: [
		'infrastructure-renewal',
		'green-transition',
		'climate-resilience',
		'circular-economy',
		'public-health'
	]
};
const ALL_PRIORITIES = [...new Set(Object.values(PRIORITIES_BY_DOMAIN).flat())];

const VOCAB = {
	technologies: {
		problems: [
			'slow building permit approvals',
			'paper-based business licensing',
			'long queues at service counters',
			'fragmented resident records',
			'low uptake of online services among older residents',
			'unanswered citizen complaints',
			'manual property tax assessment',
			'outdated land registry maps',
			'insecure legacy municipal servers',
			'poor mobile coverage in peripheral wards',
			'limited public Wi-Fi in markets',
			'duplicate data entry across departments'
		],
		technologies: [
			'an online one-stop permit portal',
			'digital identity and e-signatures',
			'a citizen service chatbot',
			'open data APIs',
			'a municipal data platform',
			'a digital twin of the city',
			'machine learning document triage',
			'a mobile inspection app',
			'low-code case management',
			'community Wi-Fi hotspots',
			'a cloud migration programme',
			'a unified complaints tracker'
		],
		outcomes: [
			'permit decisions in days instead of months',
			'most services available online',
			'shorter queues at service centres',
			'a single view of each case',
			'measurable gains in resident satisfaction',
			'open data published every week'
		]
	},
	mobility: {
		problems: [
			'traffic congestion at school gates',
			'drivers circling for parking',
			'unreliable bus timetables',
			'unsafe junctions for cyclists',
			'slow electric vehicle adoption',
			'informal minibus routes missing from journey planners',
			'delivery vans double-parking',
			'poor last-mile access to rail stations',
			'inaccessible stations for wheelchair users',
			'diesel bus emissions',
			'long commutes from new suburbs',
			'pedestrian deaths on arterial roads'
		],
		technologies: [
			'smart parking sensors',
			'EV charging hubs',
			'electric vehicle charging points in car parks',
			'adaptive traffic signals',
			'real-time bus arrival displays',
			'a Mobility-as-a-Service app',
			'demand-responsive minibuses',
			'bicycle sharing docks',
			'computer vision traffic counts',
			'battery-swap stations for electric motorcycles',
			'loading-bay booking',
			'electric bus depot charging'
		],
		outcomes: [
			'shorter journey times on key corridors',
			'fewer cars searching for parking',
			'a rising share of public transport and cycling',
			'lower transport emissions',
			'safer streets around schools',
			'reliable real-time passenger information'
		]
	},
	environment: {
		problems: [
			'flash flooding in low-lying neighbourhoods',
			'urban heat in dense districts',
			'poor air quality near schools',
			'illegal dumping on vacant lots',
			'plastic waste reaching rivers',
			'landslides on steep hillsides',
			'loss of street trees',
			'noise from night-time traffic',
			'polluted canals downstream of industry',
			'organic waste sent to landfill',
			'storm surges on the coast',
			'wildfires at the urban edge'
		],
		technologies: [
			'flood sensors and early warning alerts',
			'low-cost air quality sensors',
			'satellite heat mapping',
			'smart waste bins with fill-level sensors',
			'composting and biogas digesters',
			'river trash barriers',
			'soil moisture sensors',
			'green roof and rain garden pilots',
			'a recycling traceability platform',
			'tide gauges and storm-surge forecasts',
			'camera-based smoke detection',
			'street tree inventory software'
		],
		outcomes: [
			'warnings that reach residents in time',
			'cooler streets in summer',
			'cleaner air around schools',
			'more waste recycled and less landfilled',
			'fewer flood-damaged homes',
			'evidence for climate adaptation plans'
		]
	},
	utilities: {
		problems: [
			'water leaks in ageing mains',
			'high non-revenue water',
			'energy-hungry street lighting',
			'frequent power cuts',
			'intermittent water supply',
			'blocked drains before the rainy season',
			'peak electricity demand for cooling',
			'manual meter reading',
			'sewer overflows after storms',
			'inefficient pumping stations',
			'dark streets in informal settlements',
			'heat losses in district heating'
		],
		technologies: [
			'acoustic water-leak detection',
			'smart water meters',
			'LED street-light retrofits with remote dimming',
			'solar street lights with batteries',
			'pressure management valves',
			'district metered areas',
			'drone inspection of drains',
			'AI optimisation of pumping schedules',
			'rooftop solar on public buildings',
			'battery storage at substations',
			'sewer level sensors',
			'district cooling optimisation'
		],
		outcomes: [
			'less water lost before it reaches customers',
			'lower energy bills for the municipality',
			'fewer outages and faster repairs',
			'continuous water supply',
			'street lighting that stays on during outages',
			'lower carbon emissions from municipal assets'
		]
	}
};
const PLACES = [
	'the old town',
	'the harbour district',
	'riverside wards',
	'the industrial estates',
	'new suburbs',
	'the central business district',
	'hillside neighbourhoods',
	'informal settlements',
	'the university quarter',
	'market streets',
	'coastal villages',
	'the airport corridor',
	'school zones',
	'the northern districts',
	'the historic centre'
];
// `where` is ' in <place>', or '' when the problem already names a place.
const TITLE_TEMPLATES = [
	(t, p, where) => `${capitalise(t)} for ${p}${where}`,
	(t, p, where) => `Reducing ${p}${where} with ${t}`,
	(t, p) => `${capitalise(t)} to tackle ${p}`,
	(t, p, where, pl) => `Pilot: ${t} in ${pl}`,
	(t, p) => `Tackling ${p}`
];
const BACKGROUND = [
	(c, p) => `${c} has seen ${p} grow steadily over the last five years.`,
	(c) => `Residents raised the issue repeatedly in the ${c} participatory budget.`,
	() => 'Current processes rely on manual work and paper records.',
	() =>
		'The council has a small in-house team and prefers solutions it can operate itself after a handover.',
	() => 'Data from existing systems is available under a data sharing agreement.',
	() => 'A similar pilot in a neighbouring city produced encouraging results.',
	(c, p, pl) => `The problem is most visible in ${pl}, where population has grown fastest.`,
	() => 'National funding is available for projects that can scale to other cities.',
	() => 'Vendors from start-ups to established firms are welcome, as are research partnerships.',
	() => 'The city will provide a pilot site, access to staff and relevant historical data.'
];
const NEEDS = [
	'A pilot of 6 to 12 months with clear success measures',
	'Open standards and no vendor lock-in',
	'Data stored in the country',
	'Accessible interfaces (WCAG 2.1 AA)',
	'Training for municipal staff',
	'A plan to scale city-wide after the pilot',
	'Transparent pricing including maintenance',
	'Privacy by design and anonymised data',
	'Local language support',
	'Integration with existing municipal systems',
	'Community engagement during installation',
	'Monthly reporting to the city'
];
const FIRST = [
	'Amina',
	'Li',
	'Carlos',
	'Priya',
	'Sofia',
	'Kwame',
	'Hana',
	'Lukas',
	'Mariana',
	'Ahmed',
	'Nurul',
	'Tomasz',
	'Aroha',
	'Emily',
	'Somchai',
	'Fatima',
	'Diego',
	'Ingrid',
	'Yuki',
	'Chidi'
];
const LAST = [
	'Okafor',
	'Chen',
	'Silva',
	'Sharma',
	'Rossi',
	'Mensah',
	'Kim',
	'Müller',
	'Costa',
	'Hassan',
	'Rahman',
	'Nowak',
	'Ngata',
	'Brown',
	'Suksawat',
	'Al Amiri',
	'Ramírez',
	'Larsen',
	'Tanaka',
	'Eze'
];

// ---------------------------------------------------------------------------------------------
// Generation
// ---------------------------------------------------------------------------------------------
function makeCities(count, taken) {
	const regionSlugs = Object.keys(REGIONS);
	const cities = [];
	for (let i = 0; cities.length < count; i++) {
		const region = regionSlugs[i % regionSlugs.length];
		const r = REGIONS[region];
		const [country, currency] = pick(r.countries);
		const name = `${pick(r.roots)}${pick(r.suffixes)}`.replace(/\s+/g, ' ').trim();
		let slug = `syn-${slugify(name)}`;
		for (let n = 2; taken.has(slug); n++) slug = `syn-${slugify(name)}-${n}`;
		taken.add(slug);
		const population = Math.round(Math.exp(10 + rand() * 6.5) / 1000) * 1000 + 5000;
		cities.push({ slug, name, country, currency, region, population });
	}
	return cities;
}

function sentence(list, ...a) {
	return pick(list)(...a);
}

function makeChallenge(index, city) {
	const domain = pick(Object.keys(VOCAB));
	const v = VOCAB[domain];
	const problem = pick(v.problems);
	const tech = pick(v.technologies);
	const place = pick(PLACES);
	const kind = chance(0.8) ? 'challenge' : 'opportunity';
	const where = / in /.test(problem) ? '' : ` in ${place}`;
	let title = sentence(TITLE_TEMPLATES, tech, problem, where, place);
	if (kind === 'opportunity' && chance(0.5)) title = `Testbed: ${tech} in ${place}`;
	title = title.slice(0, 200);
	const summary = (
		kind === 'challenge'
			? `${city.name} is looking for ${tech} to address ${problem}${where}. The aim is ${pick(v.outcomes)}.`
			: `${city.name} offers a testbed in ${place} for ${tech}, with access to municipal data and staff, to help tackle ${problem}.`
	).slice(0, 600);
	const backgroundSentences = Array.from({ length: int(2, 7) }, () =>
		sentence(BACKGROUND, city.name, problem, place)
	);
	const needs = sample(NEEDS, int(3, 7));
	const description = [
		'## Background',
		'',
		[...new Set(backgroundSentences)].join(' '),
		'',
		'## What we are looking for',
		'',
		`- ${capitalise(tech)} suited to ${place}`,
		...needs.map((n) => `- ${n}`),
		'',
		'## How to take part',
		'',
		`Read the [${city.name} city profile](https://example.org/cities/${city.slug}) and send questions to the contact below.`
	].join('\n');
	const priorities = sample(PRIORITIES_BY_DOMAIN[domain], int(1, 3));
	if (chance(0.05)) priorities.push(pick(ALL_PRIORITIES.filter((p) => !priorities.includes(p))));

	// Drawn with the weights (and names) of the first synthetic sets, so a seed gives the same
	// rows as before the status vocabulary changed; then named as the database names them now.
	const drawn = weighted([
		['open', 60],
		['reviewing', 12],
		['shortlisted', 7],
		['awarded', 6],
		['closed', 9],
		['draft', 5],
		['withdrawn', 1]
	]);
	const [status, outcome] = {
		reviewing: ['in_review', null],
		shortlisted: ['in_review', null],
		awarded: ['decided', 'awarded'],
		closed: ['decided', 'not_awarded']
	}[drawn] ?? [drawn, null];
	const day = 86_400_000;
	const now = Date.now();
	const publishedDaysAgo = status === 'open' ? int(0, 120) : int(30, 700);
	let deadlineDays;
	if (status === 'open' || status === 'draft') deadlineDays = chance(0.1) ? null : int(3, 200);
	else deadlineDays = -int(1, Math.max(2, publishedDaysAgo - 10));
	let budgetMin = null;
	let budgetMax = null;
	let currency = null;
	if (chance(0.7)) {
		currency = chance(0.75) ? city.currency : pick(['USD', 'EUR']);
		const scale =
			{
				IDR: 15000,
				VND: 25000,
				KRW: 1300,
				JPY: 150,
				CLP: 900,
				COP: 4000,
				RWF: 1300,
				KES: 130,
				NGN: 1500,
				INR: 83,
				PKR: 280,
				LKR: 300,
				BDT: 110,
				PHP: 56,
				THB: 35,
				TWD: 31,
				CNY: 7,
				MYR: 4.5,
				ARS: 900,
				MXN: 17,
				BRL: 5,
				ZAR: 18,
				EGP: 48,
				ETB: 57,
				GHS: 15,
				MAD: 10,
				TRY: 32,
				CZK: 23,
				SEK: 10.5,
				PLN: 4,
				AED: 3.7,
				SAR: 3.75,
				QAR: 3.6,
				ILS: 3.7
			}[currency] ?? 1;
		const usd = Math.round(Math.exp(9.5 + rand() * 5) / 1000) * 1000 + 5000;
		budgetMin = Math.round(usd * scale);
		budgetMax = chance(0.85) ? Math.round(usd * (1.5 + rand() * 2.5) * scale) : budgetMin;
	}
	const first = pick(FIRST);
	const last = pick(LAST);
	const words = slugify(title).split('-').slice(0, 8).join('-');
	return {
		slug: `syn-${index}-${words}`.slice(0, 120).replace(/-+$/, ''),
		city_id: city.id,
		organisation_id: city.organisation_id,
		kind,
		title,
		summary,
		description,
		domain,
		priority_areas: `{${priorities.join(',')}}`,
		expected_outcomes: `${capitalise(pick(v.outcomes))}, and ${pick(v.outcomes)}.`,
		budget_min: budgetMin,
		budget_max: budgetMax,
		currency,
		deadline:
			deadlineDays === null ? null : new Date(now + deadlineDays * day + int(0, day)).toISOString(),
		status,
		outcome,
		language: 'en',
		contact_name: `${first} ${last}`,
		contact_email: `${slugify(first)}.${slugify(last)}@${city.slug}.example.org`,
		published_at:
			status === 'draft' ? null : new Date(now - publishedDaysAgo * day - int(0, day)).toISOString()
	};
}

const COLUMNS = [
	['slug', 'text'],
	['city_id', 'uuid'],
	['organisation_id', 'uuid'],
	['kind', 'public.challenge_kind'],
	['title', 'text'],
	['summary', 'text'],
	['description', 'text'],
	['domain', 'public.challenge_domain'],
	['priority_areas', 'text'],
	['expected_outcomes', 'text'],
	['budget_min', 'numeric'],
	['budget_max', 'numeric'],
	['currency', 'text'],
	['deadline', 'timestamptz'],
	['status', 'public.challenge_status'],
	['outcome', 'public.challenge_outcome'],
	['language', 'text'],
	['contact_name', 'text'],
	['contact_email', 'text'],
	['published_at', 'timestamptz']
];
const INSERT_SQL = `
insert into public.challenges (${COLUMNS.map(([c]) => c).join(', ')}, created_at)
select ${COLUMNS.map(([c]) => (c === 'priority_areas' ? 'u.priority_areas::public.priority_area[]' : `u.${c}`)).join(', ')},
	coalesce(u.published_at, now()) - interval '3 days'
from unnest(${COLUMNS.map(([, t], i) => `$${i + 1}::${t === 'text' ? 'text' : t}[]`).join(', ')})
	as u(${COLUMNS.map(([c]) => c).join(', ')})`;

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------
const started = performance.now();
const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
const pool = new pg.Pool({
	connectionString: DATABASE_URL,
	application_name: 'seed-synthetic',
	max: JOBS
});
// With one job everything happens in one transaction on this client; otherwise it only does the
// reset and the cities, and the batches go through the pool in parallel.
const client = await pool.connect();
let inTransaction = false;
try {
	await client.query('begin');
	inTransaction = true;
	if (args['reset-synthetic']) {
		const ch = await client.query("delete from public.challenges where slug like 'syn-%'");
		const ci = await client.query("delete from public.cities where slug like 'syn-%'");
		const or = await client.query("delete from public.organisations where slug like 'syn-%'");
		console.log(
			`reset: deleted ${ch.rowCount} synthetic challenges, ${ci.rowCount} cities, ${or.rowCount} organisations`
		);
	}

	if (N > 0) {
		let { rows: cities } = await client.query(
			"select id, slug, name, country, organisation_id from public.cities where slug like 'syn-%' order by slug"
		);
		if (cities.length === 0) {
			const taken = new Set(
				(await client.query('select slug from public.cities')).rows.map((r) => r.slug)
			);
			const made = makeCities(CITY_COUNT, taken);
			const orgs = await client.query(
				`insert into public.organisations (kind, slug, name, country, website, domains, verified, profile)
				select 'city', u.slug || '-council', u.name || ' City Council', u.country,
					'https://' || u.slug || '.example.org', '{technologies,mobility,environment,utilities}', true,
					'Synthetic city administration generated for load tests.'
				from unnest($1::text[], $2::text[], $3::text[]) as u(slug, name, country)
				returning id, slug`,
				[made.map((c) => c.slug), made.map((c) => c.name), made.map((c) => c.country)]
			);
			const orgBySlug = new Map(orgs.rows.map((r) => [r.slug, r.id]));
			const inserted = await client.query(
				`insert into public.cities (slug, name, country, region, profile, population, organisation_id)
				select u.slug, u.name, u.country, u.region, 'Synthetic city generated for load tests.', u.population, u.org
				from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::uuid[])
					as u(slug, name, country, region, population, org)
				returning id, slug, name, country, organisation_id`,
				[
					made.map((c) => c.slug),
					made.map((c) => c.name),
					made.map((c) => c.country),
					made.map((c) => c.region),
					made.map((c) => c.population),
					made.map((c) => orgBySlug.get(`${c.slug}-council`))
				]
			);
			cities = inserted.rows.sort((a, b) => a.slug.localeCompare(b.slug));
			console.log(`created ${cities.length} synthetic cities (and their city organisations)`);
		} else {
			console.log(`reusing ${cities.length} existing synthetic cities`);
		}
		const currencyOf = new Map();
		for (const r of Object.values(REGIONS))
			for (const [c, cur] of r.countries) currencyOf.set(c, cur);
		for (const c of cities) c.currency = currencyOf.get(c.country.trim()) ?? 'USD';

		const {
			rows: [{ n: existing }]
		} = await client.query(
			"select count(*)::int as n from public.challenges where slug like 'syn-%'"
		);
		if (JOBS > 1) {
			await client.query('commit');
			inTransaction = false;
		}

		// Batches are generated in order on this thread (so --seed is deterministic) and inserted by
		// up to JOBS connections at once.
		const counts = {};
		const running = new Set();
		let done = 0;
		let lastReport = 0;
		for (let next = 0; next < N;) {
			const size = Math.min(BATCH, N - next);
			const cols = COLUMNS.map(() => new Array(size));
			for (let i = 0; i < size; i++) {
				const row = makeChallenge(existing + next + i + 1, pick(cities));
				counts[row.status] = (counts[row.status] ?? 0) + 1;
				COLUMNS.forEach(([c], j) => (cols[j][i] = row[c]));
			}
			next += size;
			const insert = (
				JOBS > 1 ? pool.query(INSERT_SQL, cols) : client.query(INSERT_SQL, cols)
			).then(() => {
				running.delete(insert);
				done += size;
				if (N >= 20_000 && (done - lastReport >= N / 5 || done === N)) {
					lastReport = done;
					console.log(`  ${done}/${N} challenges (${seconds()}s)`);
				}
			});
			running.add(insert);
			if (running.size >= JOBS) await Promise.race(running);
		}
		await Promise.all(running);
		console.log(
			`inserted ${N} synthetic challenges with ${JOBS} job(s): ${Object.entries(counts)
				.sort()
				.map(([s, n]) => `${s} ${n}`)
				.join(', ')}`
		);
	}
	if (inTransaction) await client.query('commit');
	inTransaction = false;
	// As autovacuum would soon after a bulk load: fresh statistics and the visibility map set, so
	// searches (and benchmarks) see the steady state rather than a table full of unset hint bits.
	await client.query(
		'vacuum (analyze) public.cities, public.organisations, public.challenges, private.search_docs, private.search_facet_counts, private.search_lexicon'
	);
	const {
		rows: [t]
	} = await client.query(
		"select count(*) filter (where slug like 'syn-%')::int as syn, count(*)::int as total from public.challenges"
	);
	console.log(
		`done in ${seconds()}s (seed ${SEED}); challenges now: ${t.total} total, ${t.syn} synthetic`
	);
	if (N > 0 && process.env.MEILISEARCH_URL) {
		console.log('Meilisearch is configured: run `npm run search:reindex`.');
	}
} catch (error) {
	if (inTransaction) await client.query('rollback').catch(() => {});
	console.error(`seed-synthetic failed: ${error.message}`);
	if (JOBS > 1 && N > 0)
		console.error('Some batches may have been committed: rerun with --reset-synthetic.');
	process.exitCode = 1;
} finally {
	client.release();
	await pool.end();
}
