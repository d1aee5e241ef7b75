//! Synthetic event records with known truth, for measuring the merge at
//! scale (`cargo run --release -p sitrep-merge --example generate`).
//!
//! A small world (30 countries with their places, forces, armed groups and
//! governments; cross-border dyads; 80 outlets of unequal reach) produces
//! about 340 underlying events a day, each reported by one to a dozen
//! outlets on the day or the two days after. Each report codes the event
//! its own way, as a coder reading different articles would: the actor's
//! wording varies ("Russian forces", "the Russian army"), countries and
//! canonical names are sometimes unresolved, the place is a town, a
//! province, only the country or missing, tolls are hedged ("at least 4"),
//! rounded or updated, dates are the day (a week or a month span now and
//! then, sometimes missing), and a few reports get the type or the day
//! wrong. Some events are multi-site operations (a parent record and one
//! child per site). Unrelated events happen on the same days in the same
//! places (a second shelling of the same town), and outlets publish
//! round-ups of several events. Documents come out in publication order.
//!
//! Everything follows from the seed (a SplitMix64 generator written here),
//! and every record carries the id of the underlying event it reports
//! ([`SynthDoc::truth`]), so clusters can be scored.

use sitrep_core::record::{
    Actor, DateRange, Event, Evidence, Location, Qualifier, Quantity, Source,
};
use std::collections::BTreeMap;

/// A small deterministic random generator (SplitMix64).
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x6a09_e667_f3bc_c908)
    }
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * n as f64) as usize % n.max(1)
    }
    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
    /// An index drawn with the given weights.
    pub fn weighted(&mut self, w: &[f64]) -> usize {
        let total: f64 = w.iter().sum();
        let mut x = self.unit() * total;
        for (i, &v) in w.iter().enumerate() {
            if x < v {
                return i;
            }
            x -= v;
        }
        w.len() - 1
    }
    /// 0, 1, 2, ... with mean `mean` (geometric).
    pub fn geometric(&mut self, mean: f64) -> usize {
        let p = 1.0 / (1.0 + mean);
        let mut k = 0;
        while !self.chance(p) && k < 1000 {
            k += 1;
        }
        k
    }
}

struct Country {
    code: &'static str,
    adj: &'static str,
    places: &'static [(&'static str, &'static str)],
    groups: &'static [(&'static str, &'static [&'static str])],
}

const fn c(
    code: &'static str,
    adj: &'static str,
    places: &'static [(&'static str, &'static str)],
    groups: &'static [(&'static str, &'static [&'static str])],
) -> Country {
    Country {
        code,
        adj,
        places,
        groups,
    }
}

/// Countries, most active first (weights fall as 1/rank).
static COUNTRIES: &[Country] = &[
    c(
        "UKR",
        "Ukrainian",
        &[
            ("Kherson", "Kherson"),
            ("Kharkiv", "Kharkiv"),
            ("Bakhmut", "Donetsk"),
            ("Avdiivka", "Donetsk"),
            ("Pokrovsk", "Donetsk"),
            ("Zaporizhzhia", "Zaporizhzhia"),
            ("Odesa", "Odesa"),
            ("Kyiv", "Kyiv City"),
            ("Sumy", "Sumy"),
            ("Nikopol", "Dnipropetrovsk"),
        ],
        &[("Azov Brigade", &["the Azov brigade", "Azov fighters"])],
    ),
    c(
        "SDN",
        "Sudanese",
        &[
            ("Khartoum", "Khartoum"),
            ("Omdurman", "Khartoum"),
            ("El Fasher", "North Darfur"),
            ("Nyala", "South Darfur"),
            ("El Obeid", "North Kordofan"),
            ("Wad Madani", "Al Jazirah"),
            ("El Geneina", "West Darfur"),
        ],
        &[(
            "Rapid Support Forces",
            &[
                "the Rapid Support Forces",
                "the RSF",
                "RSF fighters",
                "paramilitary RSF",
            ],
        )],
    ),
    c(
        "PSE",
        "Palestinian",
        &[
            ("Gaza City", "Gaza"),
            ("Khan Younis", "Khan Yunis"),
            ("Rafah", "Rafah"),
            ("Jenin", "West Bank"),
            ("Nablus", "West Bank"),
            ("Tulkarm", "West Bank"),
            ("Deir al-Balah", "Deir al-Balah"),
        ],
        &[
            (
                "Hamas",
                &["Hamas", "Hamas militants", "the Qassam Brigades"],
            ),
            (
                "Palestinian Islamic Jihad",
                &["Islamic Jihad", "PIJ fighters"],
            ),
        ],
    ),
    c(
        "MMR",
        "Myanmar",
        &[
            ("Sagaing", "Sagaing"),
            ("Lashio", "Shan"),
            ("Myawaddy", "Kayin"),
            ("Hpakant", "Kachin"),
            ("Mandalay", "Mandalay"),
            ("Loikaw", "Kayah"),
        ],
        &[
            (
                "People's Defence Force",
                &[
                    "the People's Defence Force",
                    "PDF fighters",
                    "resistance forces",
                ],
            ),
            ("Arakan Army", &["the Arakan Army", "AA insurgents"]),
        ],
    ),
    c(
        "SYR",
        "Syrian",
        &[
            ("Idlib", "Idlib"),
            ("Aleppo", "Aleppo"),
            ("Deir ez-Zor", "Deir ez-Zor"),
            ("Daraa", "Daraa"),
            ("Raqqa", "Raqqa"),
            ("Homs", "Homs"),
        ],
        &[
            (
                "Hayat Tahrir al-Sham",
                &["Hayat Tahrir al-Sham", "HTS", "HTS fighters"],
            ),
            (
                "Islamic State",
                &["the Islamic State", "IS militants", "ISIS"],
            ),
        ],
    ),
    c(
        "YEM",
        "Yemeni",
        &[
            ("Sanaa", "Sanaa"),
            ("Hodeidah", "Al Hudaydah"),
            ("Taiz", "Taiz"),
            ("Marib", "Marib"),
            ("Aden", "Aden"),
        ],
        &[("Houthis", &["the Houthis", "Houthi rebels", "Ansar Allah"])],
    ),
    c(
        "COD",
        "Congolese",
        &[
            ("Goma", "North Kivu"),
            ("Bunia", "Ituri"),
            ("Beni", "North Kivu"),
            ("Rutshuru", "North Kivu"),
            ("Uvira", "South Kivu"),
        ],
        &[
            ("M23", &["M23 rebels", "the March 23 Movement", "the M23"]),
            ("Allied Democratic Forces", &["the ADF", "ADF militants"]),
        ],
    ),
    c(
        "NGA",
        "Nigerian",
        &[
            ("Maiduguri", "Borno"),
            ("Gusau", "Zamfara"),
            ("Jos", "Plateau"),
            ("Katsina", "Katsina"),
            ("Makurdi", "Benue"),
        ],
        &[
            ("Boko Haram", &["Boko Haram", "Boko Haram insurgents"]),
            ("ISWAP", &["ISWAP", "Islamic State West Africa Province"]),
        ],
    ),
    c(
        "ISR",
        "Israeli",
        &[
            ("Sderot", "Southern"),
            ("Kiryat Shmona", "Northern"),
            ("Ashkelon", "Southern"),
            ("Metula", "Northern"),
        ],
        &[],
    ),
    c(
        "MLI",
        "Malian",
        &[
            ("Gao", "Gao"),
            ("Timbuktu", "Tombouctou"),
            ("Mopti", "Mopti"),
            ("Kidal", "Kidal"),
            ("Menaka", "Menaka"),
        ],
        &[
            ("JNIM", &["JNIM", "al-Qaeda-linked JNIM"]),
            (
                "Islamic State Sahel",
                &["IS Sahel", "Islamic State fighters"],
            ),
        ],
    ),
    c(
        "BFA",
        "Burkinabe",
        &[
            ("Djibo", "Sahel"),
            ("Ouahigouya", "Nord"),
            ("Kaya", "Centre-Nord"),
            ("Fada N'Gourma", "Est"),
        ],
        &[("JNIM", &["JNIM", "jihadists"])],
    ),
    c(
        "RUS",
        "Russian",
        &[
            ("Belgorod", "Belgorod"),
            ("Kursk", "Kursk"),
            ("Bryansk", "Bryansk"),
            ("Moscow", "Moscow"),
        ],
        &[],
    ),
    c(
        "SOM",
        "Somali",
        &[
            ("Mogadishu", "Banaadir"),
            ("Baidoa", "Bay"),
            ("Beledweyne", "Hiiraan"),
            ("Kismayo", "Lower Juba"),
        ],
        &[(
            "al-Shabaab",
            &["al-Shabaab", "al-Shabaab militants", "Shabaab fighters"],
        )],
    ),
    c(
        "LBN",
        "Lebanese",
        &[
            ("Nabatieh", "Nabatieh"),
            ("Tyre", "South"),
            ("Baalbek", "Baalbek-Hermel"),
            ("Beirut", "Beirut"),
        ],
        &[("Hezbollah", &["Hezbollah", "Hezbollah fighters"])],
    ),
    c(
        "AFG",
        "Afghan",
        &[
            ("Kabul", "Kabul"),
            ("Kandahar", "Kandahar"),
            ("Jalalabad", "Nangarhar"),
            ("Herat", "Herat"),
        ],
        &[(
            "Islamic State Khorasan",
            &["IS-K", "Islamic State Khorasan"],
        )],
    ),
    c(
        "PAK",
        "Pakistani",
        &[
            ("Peshawar", "Khyber Pakhtunkhwa"),
            ("Quetta", "Balochistan"),
            ("Bannu", "Khyber Pakhtunkhwa"),
            ("Karachi", "Sindh"),
        ],
        &[(
            "Tehrik-i-Taliban Pakistan",
            &["the TTP", "the Pakistani Taliban"],
        )],
    ),
    c(
        "IRQ",
        "Iraqi",
        &[
            ("Baghdad", "Baghdad"),
            ("Mosul", "Nineveh"),
            ("Erbil", "Erbil"),
            ("Kirkuk", "Kirkuk"),
        ],
        &[("Islamic State", &["Islamic State militants", "ISIS cells"])],
    ),
    c(
        "HTI",
        "Haitian",
        &[
            ("Port-au-Prince", "Ouest"),
            ("Cap-Haitien", "Nord"),
            ("Croix-des-Bouquets", "Ouest"),
        ],
        &[(
            "Viv Ansanm",
            &["the Viv Ansanm gang coalition", "armed gangs"],
        )],
    ),
    c(
        "ETH",
        "Ethiopian",
        &[
            ("Gondar", "Amhara"),
            ("Bahir Dar", "Amhara"),
            ("Lalibela", "Amhara"),
            ("Debre Markos", "Amhara"),
        ],
        &[("Fano", &["Fano militia", "Fano fighters"])],
    ),
    c(
        "MEX",
        "Mexican",
        &[
            ("Culiacan", "Sinaloa"),
            ("Tijuana", "Baja California"),
            ("Uruapan", "Michoacan"),
        ],
        &[
            ("Sinaloa Cartel", &["the Sinaloa Cartel", "cartel gunmen"]),
            ("CJNG", &["the Jalisco cartel", "CJNG"]),
        ],
    ),
    c(
        "COL",
        "Colombian",
        &[
            ("Cali", "Valle del Cauca"),
            ("Tumaco", "Narino"),
            ("Cucuta", "Norte de Santander"),
        ],
        &[("ELN", &["the ELN", "ELN guerrillas"])],
    ),
    c(
        "IND",
        "Indian",
        &[
            ("Imphal", "Manipur"),
            ("Churachandpur", "Manipur"),
            ("Srinagar", "Jammu and Kashmir"),
        ],
        &[],
    ),
    c(
        "NER",
        "Nigerien",
        &[
            ("Tillaberi", "Tillaberi"),
            ("Diffa", "Diffa"),
            ("Niamey", "Niamey"),
        ],
        &[("Islamic State Sahel", &["IS Sahel fighters"])],
    ),
    c(
        "CMR",
        "Cameroonian",
        &[
            ("Bamenda", "Northwest"),
            ("Buea", "Southwest"),
            ("Kolofata", "Far North"),
        ],
        &[(
            "Ambazonian separatists",
            &["Ambazonian separatists", "Amba fighters"],
        )],
    ),
    c(
        "MOZ",
        "Mozambican",
        &[
            ("Mocimboa da Praia", "Cabo Delgado"),
            ("Palma", "Cabo Delgado"),
            ("Macomia", "Cabo Delgado"),
        ],
        &[(
            "Islamic State Mozambique",
            &["Islamic State Mozambique", "insurgents"],
        )],
    ),
    c(
        "LBY",
        "Libyan",
        &[
            ("Tripoli", "Tripoli"),
            ("Benghazi", "Benghazi"),
            ("Sirte", "Sirte"),
        ],
        &[("Libyan National Army", &["the LNA", "Haftar's forces"])],
    ),
    c(
        "IRN",
        "Iranian",
        &[
            ("Tehran", "Tehran"),
            ("Zahedan", "Sistan and Baluchestan"),
            ("Mahabad", "West Azerbaijan"),
        ],
        &[("Jaish al-Adl", &["Jaish al-Adl"])],
    ),
    c(
        "TUR",
        "Turkish",
        &[
            ("Ankara", "Ankara"),
            ("Diyarbakir", "Diyarbakir"),
            ("Istanbul", "Istanbul"),
        ],
        &[("PKK", &["the PKK", "Kurdish militants"])],
    ),
    c(
        "BGD",
        "Bangladeshi",
        &[
            ("Dhaka", "Dhaka"),
            ("Cox's Bazar", "Chittagong"),
            ("Chittagong", "Chittagong"),
        ],
        &[],
    ),
    c(
        "USA",
        "US",
        &[
            ("Washington", "District of Columbia"),
            ("New York", "New York"),
        ],
        &[],
    ),
];

/// Cross-border attackers: (attacker, canonical, wordings, weapons, mode, where).
#[allow(clippy::type_complexity)]
static DYADS: &[(&str, &str, &[&str], &[&str], &str, &[&str])] = &[
    (
        "RUS",
        "Russian Armed Forces",
        &[
            "Russian forces",
            "Russian troops",
            "the Russian army",
            "Russia's military",
            "Moscow's forces",
        ],
        &[
            "Shahed drones",
            "Iskander missiles",
            "artillery",
            "glide bombs",
        ],
        "heavy-weapons",
        &["UKR"],
    ),
    (
        "ISR",
        "Israel Defense Forces",
        &[
            "Israeli forces",
            "the IDF",
            "the Israeli military",
            "Israeli warplanes",
        ],
        &["airstrikes", "tank shells"],
        "aerial",
        &["PSE", "LBN", "SYR"],
    ),
    (
        "UKR",
        "Ukrainian Armed Forces",
        &["Ukrainian forces", "Ukraine's military", "Ukrainian drones"],
        &["drones", "HIMARS"],
        "drone",
        &["RUS"],
    ),
    (
        "USA",
        "US Armed Forces",
        &[
            "US forces",
            "the US military",
            "American warplanes",
            "US Central Command",
        ],
        &["Tomahawk missiles", "airstrikes"],
        "aerial",
        &["YEM", "SYR", "IRQ", "SOM"],
    ),
    (
        "TUR",
        "Turkish Armed Forces",
        &["Turkish forces", "Turkish jets", "the Turkish military"],
        &["drones", "airstrikes"],
        "aerial",
        &["SYR", "IRQ"],
    ),
    (
        "PAK",
        "Pakistani Armed Forces",
        &["Pakistani forces", "Pakistan's military"],
        &["airstrikes"],
        "aerial",
        &["AFG"],
    ),
];

static OUTLETS: &[&str] = &[
    "reuters",
    "ap",
    "afp",
    "bbc",
    "aljazeera",
    "dpa",
    "xinhua",
    "anadolu",
    "efe",
    "cnn",
    "guardian",
    "nyt",
    "wapo",
    "ukrinform",
    "kyivindependent",
    "sudantribune",
    "irrawaddy",
    "sana",
    "almasirah",
    "actualite-cd",
    "premiumtimes",
    "timesofisrael",
    "malijet",
    "lefaso",
    "hiiraan",
    "naharnet",
    "tolonews",
    "dawn",
    "rudaw",
    "lenouvelliste",
    "addisstandard",
    "eluniversal",
    "eltiempo",
    "thehindu",
    "actuniger",
    "cameroon-tribune",
    "zitamar",
    "libyaobserver",
    "irna",
    "hurriyet",
    "dhakatribune",
    "voa",
    "rfi",
    "dw",
    "france24",
    "euronews",
];

const TYPES: &[(&str, f64)] = &[
    ("ASSAULT", 45.0),
    ("PROTEST", 12.0),
    ("COERCE", 10.0),
    ("ACCUSE", 6.0),
    ("MOBILIZE", 5.0),
    ("THREATEN", 5.0),
    ("CONSULT", 5.0),
    ("AGREE", 3.0),
    ("SANCTION", 3.0),
    ("REQUEST", 2.0),
    ("REJECT", 2.0),
    ("AID", 2.0),
];

const CONFUSED: &[(&str, &str)] = &[
    ("ASSAULT", "COERCE"),
    ("PROTEST", "MOBILIZE"),
    ("COERCE", "ASSAULT"),
    ("ACCUSE", "THREATEN"),
    ("MOBILIZE", "PROTEST"),
    ("THREATEN", "ACCUSE"),
    ("CONSULT", "AGREE"),
    ("AGREE", "CONSULT"),
    ("SANCTION", "COERCE"),
    ("REQUEST", "CONSULT"),
    ("REJECT", "ACCUSE"),
    ("AID", "AGREE"),
];

/// Underlying events a day, by default: about what ACLED records worldwide.
pub const EVENTS_PER_DAY: usize = 340;

/// Someone in the world: wordings, country, canonical name, sector.
#[derive(Clone, Debug)]
struct Who {
    words: Vec<String>,
    country: Option<&'static str>,
    canonical: Option<String>,
    sector: &'static str,
}

/// An underlying event (the truth).
#[derive(Clone, Debug)]
struct Truth {
    id: u64,
    etype: &'static str,
    mode: Option<&'static str>,
    day: i64,
    country: usize,
    place: Option<usize>,
    actor: Who,
    target: Option<Who>,
    fatalities: Option<u64>,
    injuries: Option<u64>,
    arrests: Option<u64>,
    weapon: Option<&'static str>,
    /// Sites of an operation (each a child event).
    sites: Vec<Truth>,
}

/// One synthetic report: its records, and the underlying event of each.
#[derive(Clone, Debug)]
pub struct SynthDoc {
    /// The coded records, `DOC#N`.
    pub events: Vec<Event>,
    /// The id of the underlying event each record reports.
    pub truth: Vec<u64>,
}

/// Generates documents, in publication order, until `records` records have
/// been produced.
pub struct Generator {
    rng: Rng,
    target: usize,
    produced: usize,
    day: i64,
    next_event: u64,
    next_doc: u64,
    /// Reports waiting for their publication day: outlet, event, detail.
    pending: BTreeMap<i64, Vec<(usize, std::rc::Rc<Truth>)>>,
    ready: std::collections::VecDeque<SynthDoc>,
    country_w: Vec<f64>,
    outlet_w: Vec<f64>,
    per_day: usize,
}

impl Generator {
    /// A generator of `records` records from `seed`, at
    /// [`EVENTS_PER_DAY`] underlying events a day.
    pub fn new(records: usize, seed: u64) -> Generator {
        Generator::with_density(records, seed, EVENTS_PER_DAY)
    }

    /// A generator with `per_day` underlying events a day (more events a
    /// day means more unrelated events on the same day in the same places).
    pub fn with_density(records: usize, seed: u64, per_day: usize) -> Generator {
        Generator {
            per_day: per_day.max(1),
            rng: Rng::new(seed),
            target: records,
            produced: 0,
            day: sitrep_core::Day {
                y: 2023,
                m: 1,
                d: 1,
            }
            .ordinal(),
            next_event: 1,
            next_doc: 1,
            pending: BTreeMap::new(),
            ready: Default::default(),
            country_w: (0..COUNTRIES.len())
                .map(|i| 1.0 / (i as f64 + 1.0))
                .collect(),
            outlet_w: (0..OUTLETS.len())
                .map(|i| 1.0 / (i as f64 + 2.0).sqrt())
                .collect(),
        }
    }

    fn who_state(&mut self, ci: usize) -> Who {
        let a = COUNTRIES[ci].adj;
        Who {
            words: vec![
                format!("{a} forces"),
                format!("{a} troops"),
                format!("the {a} army"),
                format!("{a} security forces"),
            ],
            country: Some(COUNTRIES[ci].code),
            canonical: Some(format!("{a} Armed Forces")),
            sector: "military",
        }
    }

    fn who_group(&mut self, ci: usize) -> Who {
        let co = &COUNTRIES[ci];
        if co.groups.is_empty() || self.rng.chance(0.15) {
            let w = self
                .rng
                .pick(&["gunmen", "unidentified attackers", "armed men", "militants"]);
            return Who {
                words: vec![w.to_string()],
                country: Some(co.code),
                canonical: None,
                sector: "rebels",
            };
        }
        let (canon, words) = self.rng.pick(co.groups);
        Who {
            words: words.iter().map(|w| w.to_string()).collect(),
            country: Some(co.code),
            canonical: Some(canon.to_string()),
            sector: "rebels",
        }
    }

    fn who_civilians(&mut self, ci: usize) -> Who {
        let w = self
            .rng
            .pick(&["civilians", "residents", "villagers", "displaced people"]);
        Who {
            words: vec![w.to_string()],
            country: Some(COUNTRIES[ci].code),
            canonical: None,
            sector: "civilians",
        }
    }

    fn who_government(&mut self, ci: usize) -> Who {
        let a = COUNTRIES[ci].adj;
        Who {
            words: vec![
                format!("the {a} government"),
                format!("{a} officials"),
                format!("the {a} foreign ministry"),
                format!("{a} authorities"),
            ],
            country: Some(COUNTRIES[ci].code),
            canonical: Some(format!("{a} Government")),
            sector: "government",
        }
    }

    fn new_event(
        &mut self,
        day: i64,
        country: usize,
        etype: &'static str,
        place: Option<usize>,
    ) -> Truth {
        let id = self.next_event;
        self.next_event += 1;
        let co = &COUNTRIES[country];
        let place =
            place.or_else(|| (!self.rng.chance(0.05)).then(|| self.rng.below(co.places.len())));
        let mut t = Truth {
            id,
            etype,
            mode: None,
            day,
            country,
            place,
            actor: Who {
                words: vec![],
                country: None,
                canonical: None,
                sector: "",
            },
            target: None,
            fatalities: None,
            injuries: None,
            arrests: None,
            weapon: None,
            sites: vec![],
        };
        match etype {
            "ASSAULT" => {
                let dyads: Vec<usize> = (0..DYADS.len())
                    .filter(|&d| DYADS[d].5.contains(&co.code))
                    .collect();
                if !dyads.is_empty() && self.rng.chance(0.6) {
                    let d = DYADS[*self.rng.pick(&dyads)];
                    t.actor = Who {
                        words: d.2.iter().map(|w| w.to_string()).collect(),
                        country: Some(d.0),
                        canonical: Some(d.1.to_string()),
                        sector: "military",
                    };
                    t.weapon = Some(*self.rng.pick(d.3));
                    t.mode = Some(d.4);
                    t.target = Some(if self.rng.chance(0.6) {
                        self.who_civilians(country)
                    } else {
                        self.who_state(country)
                    });
                } else if self.rng.chance(0.5) {
                    t.actor = self.who_state(country);
                    t.mode = Some(*self.rng.pick(&["aerial", "heavy-weapons", "small-arms"]));
                    t.target = Some(self.who_group(country));
                } else {
                    t.actor = self.who_group(country);
                    t.mode = Some(*self.rng.pick(&[
                        "small-arms",
                        "explosive",
                        "heavy-weapons",
                        "drone",
                    ]));
                    t.target = Some(if self.rng.chance(0.5) {
                        self.who_civilians(country)
                    } else {
                        self.who_state(country)
                    });
                    if self.rng.chance(0.3) {
                        t.weapon = Some(*self.rng.pick(&[
                            "IED",
                            "mortars",
                            "rocket-propelled grenades",
                            "car bomb",
                        ]));
                    }
                }
                if self.rng.chance(0.6) {
                    let big = self.rng.chance(0.1);
                    t.fatalities =
                        Some(1 + self.rng.geometric(if big { 25.0 } else { 3.0 }) as u64);
                }
                if self.rng.chance(0.35) {
                    t.injuries = Some(1 + self.rng.geometric(8.0) as u64);
                }
                // a multi-site operation
                if self.rng.chance(0.04) && co.places.len() >= 3 {
                    let n = 2 + self.rng.below(3.min(co.places.len() - 1));
                    let mut used = Vec::new();
                    for _ in 0..n {
                        let p = self.rng.below(co.places.len());
                        if used.contains(&p) {
                            continue;
                        }
                        used.push(p);
                        let mut s = t.clone();
                        s.id = self.next_event;
                        self.next_event += 1;
                        s.place = Some(p);
                        s.fatalities = self
                            .rng
                            .chance(0.5)
                            .then(|| 1 + self.rng.geometric(3.0) as u64);
                        s.injuries = None;
                        t.sites.push(s);
                    }
                    t.place = None;
                    t.fatalities = None;
                    t.injuries = None;
                }
            }
            "PROTEST" => {
                t.actor = Who {
                    words: vec![
                        "protesters".into(),
                        "demonstrators".into(),
                        "thousands of people".into(),
                    ],
                    country: Some(co.code),
                    canonical: None,
                    sector: "civilians",
                };
                t.target = Some(self.who_government(country));
            }
            "COERCE" => {
                let a = co.adj;
                t.actor = Who {
                    words: vec![
                        format!("{a} police"),
                        format!("the {a} police"),
                        "security forces".into(),
                    ],
                    country: Some(co.code),
                    canonical: Some(format!("{a} Police")),
                    sector: "police",
                };
                let w = self.rng.pick(&[
                    "protesters",
                    "activists",
                    "journalists",
                    "opposition supporters",
                ]);
                t.target = Some(Who {
                    words: vec![w.to_string()],
                    country: Some(co.code),
                    canonical: None,
                    sector: "civilians",
                });
                t.arrests = Some(1 + self.rng.geometric(12.0) as u64);
            }
            _ => {
                t.actor = self.who_government(country);
                let mut other = self.rng.weighted(&self.country_w);
                if other == country {
                    other = (other + 1) % COUNTRIES.len();
                }
                t.target = Some(self.who_government(other));
                if t.place.is_some() {
                    t.place = Some(co.places.len() - 1).filter(|_| self.rng.chance(0.5));
                }
            }
        }
        t
    }

    /// The underlying events of one day, with their reports scheduled.
    fn day(&mut self) {
        let day = self.day;
        self.day += 1;
        let n = self.per_day * 9 / 10 + self.rng.below(self.per_day / 5 + 1);
        let tw: Vec<f64> = TYPES.iter().map(|t| t.1).collect();
        let cw = self.country_w.clone();
        let mut made = 0;
        while made < n {
            let country = self.rng.weighted(&cw);
            let etype = TYPES[self.rng.weighted(&tw)].0;
            let mut batch = vec![self.new_event(day, country, etype, None)];
            // an unrelated event of the same kind the same day, often in the same place
            if self.rng.chance(0.15) {
                let place = batch[0].place.filter(|_| self.rng.chance(0.6));
                batch.push(self.new_event(day, country, etype, place));
            }
            for t in batch {
                made += 1;
                let t = std::rc::Rc::new(t);
                let heavy = t.fatalities.unwrap_or(0) >= 10 || !t.sites.is_empty();
                let reports =
                    (1 + self.rng.geometric(if heavy { 6.0 } else { 2.6 })).min(OUTLETS.len() / 2);
                let mut outlets: Vec<usize> = Vec::new();
                while outlets.len() < reports {
                    let o = self.rng.weighted(&self.outlet_w);
                    if !outlets.contains(&o) {
                        outlets.push(o);
                    }
                }
                for o in outlets {
                    let lag = [0, 0, 0, 0, 0, 0, 1, 1, 1, 2][self.rng.below(10)];
                    self.pending
                        .entry(day + lag)
                        .or_default()
                        .push((o, t.clone()));
                }
            }
        }
        // publish what is due today: each outlet's reports, in single
        // stories and round-ups, all outlets' documents shuffled
        let due = self.pending.remove(&day).unwrap_or_default();
        let mut by_outlet: BTreeMap<usize, Vec<std::rc::Rc<Truth>>> = BTreeMap::new();
        for (o, t) in due {
            by_outlet.entry(o).or_default().push(t);
        }
        let mut docs = Vec::new();
        for (o, mut ts) in by_outlet {
            // shuffle
            for i in (1..ts.len()).rev() {
                let j = self.rng.below(i + 1);
                ts.swap(i, j);
            }
            while !ts.is_empty() {
                let k = if self.rng.chance(0.7) {
                    1
                } else {
                    2 + self.rng.below(2)
                };
                let chunk: Vec<_> = ts.drain(..k.min(ts.len())).collect();
                docs.push(self.render_doc(o, day, &chunk));
            }
        }
        for i in (1..docs.len()).rev() {
            let j = self.rng.below(i + 1);
            docs.swap(i, j);
        }
        self.ready.extend(docs);
    }

    fn render_doc(
        &mut self,
        outlet: usize,
        published: i64,
        events: &[std::rc::Rc<Truth>],
    ) -> SynthDoc {
        let doc = format!("{}-{:07}", OUTLETS[outlet], self.next_doc);
        self.next_doc += 1;
        let mut out = SynthDoc {
            events: vec![],
            truth: vec![],
        };
        let mut offset = 0;
        for t in events {
            let n = out.events.len() + 1;
            let rec = self.render(&doc, n, t, None, published, &mut offset);
            out.events.push(rec);
            out.truth.push(t.id);
            if !t.sites.is_empty() {
                let parent = format!("{doc}#{n}");
                let mut any = false;
                for (k, s) in t.sites.iter().enumerate() {
                    let last = k + 1 == t.sites.len();
                    if self.rng.chance(0.7) || (last && !any) {
                        any = true;
                        let m = out.events.len() + 1;
                        let rec = self.render(&doc, m, s, Some(&parent), published, &mut offset);
                        out.events.push(rec);
                        out.truth.push(s.id);
                    }
                }
            }
        }
        out
    }

    fn quantity(&mut self, v: u64, doc: &str, offset: usize) -> Quantity {
        let (value, qualifier) = match self.rng.below(20) {
            0..=10 => (v, Qualifier::Exact),
            11..=13 => (
                v.saturating_sub(self.rng.below(2) as u64).max(1),
                Qualifier::AtLeast,
            ),
            14..=15 => (((v + 2) / 5 * 5).max(1), Qualifier::Approx),
            16 => (v.saturating_sub(1).max(1), Qualifier::MoreThan),
            _ => (v + 1 + self.rng.below(3) as u64, Qualifier::Exact),
        };
        let text = match qualifier {
            Qualifier::AtLeast => format!("at least {value}"),
            Qualifier::Approx => format!("about {value}"),
            Qualifier::MoreThan => format!("more than {value}"),
            _ => value.to_string(),
        };
        Quantity {
            value,
            qualifier,
            min: None,
            max: None,
            evidence: Some(ev(doc, offset, &text)),
        }
    }

    fn render(
        &mut self,
        doc: &str,
        n: usize,
        t: &Truth,
        parent: Option<&str>,
        published: i64,
        offset: &mut usize,
    ) -> Event {
        let co = &COUNTRIES[t.country];
        let r = &mut self.rng;
        let start = *offset;
        let etype = if r.chance(0.02) {
            CONFUSED
                .iter()
                .find(|c| c.0 == t.etype)
                .map_or(t.etype, |c| c.1)
        } else {
            t.etype
        };
        // the day as this report resolves it
        let date = match r.below(100) {
            0..=83 => {
                let d = if r.chance(0.01) { t.day - 1 } else { t.day };
                DateRange {
                    start: Some(iso(d)),
                    end: Some(iso(d)),
                }
            }
            84..=88 => DateRange {
                start: Some(iso(t.day.min(published) - 3)),
                end: Some(iso(t.day.min(published) + 3)),
            },
            89..=90 => {
                let d = sitrep_core::Day::from_ordinal(t.day);
                DateRange {
                    start: Some(format!("{:04}-{:02}-01", d.y, d.m)),
                    end: Some(format!(
                        "{:04}-{:02}-{:02}",
                        d.y,
                        d.m,
                        sitrep_core::Day::month_len(d.y, d.m)
                    )),
                }
            }
            _ => DateRange::default(),
        };
        let actor_word = r.pick(&t.actor.words).clone();
        let mut actors = Vec::new();
        if !t.actor.words.is_empty() && !r.chance(0.05) {
            actors.push(Actor {
                name: actor_word.clone(),
                country: t
                    .actor
                    .country
                    .filter(|_| !r.chance(0.08))
                    .map(str::to_string),
                canonical: t.actor.canonical.clone().filter(|_| !r.chance(0.3)),
                sector: Some(t.actor.sector.to_string()),
                ident: None,
                evidence: Some(ev(doc, start, &actor_word)),
            });
        }
        let mut targets = Vec::new();
        let mut target_word = String::new();
        if let Some(tg) = &t.target
            && r.chance(0.6)
        {
            target_word = r.pick(&tg.words).clone();
            targets.push(Actor {
                name: target_word.clone(),
                country: tg.country.filter(|_| !r.chance(0.1)).map(str::to_string),
                canonical: tg.canonical.clone().filter(|_| !r.chance(0.3)),
                sector: Some(tg.sector.to_string()),
                ident: None,
                evidence: Some(ev(doc, start + 40, &target_word)),
            });
        }
        // place precision as this report gives it
        let mut locations = Vec::new();
        let mut place_word = String::new();
        if let Some(p) = t.place {
            let (town, admin1) = co.places[p];
            let loc =
                |name: Option<&str>, admin1: Option<&str>, precision: &str, word: &str| Location {
                    name: name.map(str::to_string),
                    gazetteer_name: name.map(str::to_string),
                    country: Some(co.code.to_string()),
                    admin1: admin1.map(str::to_string),
                    lat: None,
                    lon: None,
                    precision: precision.to_string(),
                    geonameid: None,
                    evidence: Some(ev(doc, start + 60, word)),
                };
            match r.below(100) {
                0..=59 => {
                    place_word = format!("in {town}");
                    locations.push(loc(Some(town), Some(admin1), "exact", town));
                }
                60..=67 => {
                    place_word = format!("near {town}");
                    locations.push(loc(Some(town), Some(admin1), "near", town));
                }
                68..=82 => {
                    place_word = format!("in {admin1} province");
                    locations.push(loc(Some(admin1), Some(admin1), "admin1", admin1));
                }
                83..=95 => {
                    place_word = format!("in {} territory", co.adj);
                    locations.push(loc(None, None, "country", co.code));
                }
                _ => {}
            }
        } else if r.chance(0.8) {
            locations.push(Location {
                name: None,
                gazetteer_name: None,
                country: Some(co.code.to_string()),
                admin1: None,
                lat: None,
                lon: None,
                precision: "country".into(),
                geonameid: None,
                evidence: Some(ev(doc, start + 60, co.code)),
            });
        }
        let fatalities = t.fatalities.filter(|_| !self.rng.chance(0.1));
        let fatalities = fatalities.map(|v| self.quantity(v, doc, start + 80));
        let injuries = t.injuries.filter(|_| self.rng.chance(0.7));
        let injuries = injuries.map(|v| self.quantity(v, doc, start + 100));
        let mut counts = BTreeMap::new();
        if let Some(a) = t.arrests
            && self.rng.chance(0.8)
        {
            counts.insert("arrests".to_string(), self.quantity(a, doc, start + 90));
        }
        let r = &mut self.rng;
        let weapons = t
            .weapon
            .filter(|_| r.chance(0.4))
            .map(|w| vec![w.to_string()])
            .unwrap_or_default();
        let mode = t.mode.filter(|_| r.chance(0.8)).map(str::to_string);
        let verb = match etype {
            "ASSAULT" => *r.pick(&["attacked", "struck", "shelled", "hit"]),
            "PROTEST" => "protested against",
            "COERCE" => "detained",
            "ACCUSE" => "accused",
            "THREATEN" => "threatened",
            "MOBILIZE" => "rallied against",
            "CONSULT" => "met",
            "AGREE" => "agreed with",
            "SANCTION" => "sanctioned",
            "REQUEST" => "called on",
            "REJECT" => "rejected",
            _ => "sent aid to",
        };
        let who = if actors.is_empty() {
            "Attackers"
        } else {
            actor_word.as_str()
        };
        let mut sentence = [who, verb, target_word.as_str()]
            .iter()
            .filter(|w| !w.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        if !place_word.is_empty() {
            sentence.push(' ');
            sentence.push_str(&place_word);
        }
        if let Some(f) = &fatalities {
            sentence.push_str(&format!(", killing {} people", f.value));
        }
        sentence.push('.');
        let len = sentence.chars().count();
        *offset += len + 1;
        let (cameo, acled, sub) = match etype {
            "ASSAULT" => (
                "19",
                "Explosions/Remote violence",
                "Shelling/artillery/missile attack",
            ),
            "PROTEST" => ("14", "Protests", "Peaceful protest"),
            "COERCE" => ("17", "Strategic developments", "Arrests"),
            _ => ("01", "Strategic developments", "Other"),
        };
        Event {
            id: format!("{doc}#{n}"),
            parent: parent.map(str::to_string),
            etype: etype.to_string(),
            mode,
            cameo: Some(cameo.into()),
            acled_event_type: Some(acled.into()),
            acled_sub_event_type: Some(sub.into()),
            date,
            time_utc: None,
            actors,
            targets,
            locations,
            fatalities,
            injuries,
            counts,
            weapons,
            sources: vec![Source {
                doc: doc.to_string(),
                sentence,
                start,
                end: start + len,
            }],
            disagreements: vec![],
            copies: vec![],
            triggers: vec![ev(doc, start, verb)],
        }
    }
}

fn iso(day: i64) -> String {
    sitrep_core::Day::from_ordinal(day).iso()
}

fn ev(doc: &str, start: usize, text: &str) -> Evidence {
    Evidence {
        doc: doc.to_string(),
        start,
        end: start + text.chars().count(),
        text: text.to_string(),
    }
}

impl Iterator for Generator {
    type Item = SynthDoc;
    /// The next document; the last one is cut so that exactly the number
    /// of records asked for comes out.
    fn next(&mut self) -> Option<SynthDoc> {
        if self.produced >= self.target {
            return None;
        }
        while self.ready.is_empty() {
            self.day();
        }
        let mut d = self.ready.pop_front()?;
        let room = self.target - self.produced;
        d.events.truncate(room);
        d.truth.truncate(room);
        self.produced += d.events.len();
        Some(d)
    }
}

/// How well clusters recover the truth: pairwise precision and recall over
/// pairs of records, and the share of true clusters found exactly.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Recovery {
    /// Records scored.
    pub records: usize,
    /// Clusters found.
    pub clusters: usize,
    /// True clusters (underlying events).
    pub true_clusters: usize,
    /// True clusters of two records or more.
    pub true_multi: usize,
    /// True clusters found exactly (same records, no more, no fewer).
    pub exact: usize,
    /// True clusters of two records or more found exactly.
    pub exact_multi: usize,
    /// Pairs put together that belong together / all pairs put together.
    pub precision: f64,
    /// Pairs put together that belong together / all pairs that belong together.
    pub recall: f64,
}

impl Recovery {
    /// Pairwise F1.
    pub fn f1(&self) -> f64 {
        if self.precision + self.recall == 0.0 {
            0.0
        } else {
            2.0 * self.precision * self.recall / (self.precision + self.recall)
        }
    }
}

/// Scores clusters (lists of record indices) against the true event of each
/// record.
pub fn recovery(clusters: &[Vec<usize>], truth: &[u64]) -> Recovery {
    let pairs = |n: u64| n * n.saturating_sub(1) / 2;
    let mut true_size: rustc_hash::FxHashMap<u64, u64> = Default::default();
    for &t in truth {
        *true_size.entry(t).or_default() += 1;
    }
    let mut tp = 0;
    let mut predicted = 0;
    let mut exact = 0;
    let mut exact_multi = 0;
    for c in clusters {
        predicted += pairs(c.len() as u64);
        let mut by: rustc_hash::FxHashMap<u64, u64> = Default::default();
        for &i in c {
            if let Some(&t) = truth.get(i) {
                *by.entry(t).or_default() += 1;
            }
        }
        for (t, k) in &by {
            tp += pairs(*k);
            if by.len() == 1 && true_size.get(t) == Some(k) {
                exact += 1;
                if *k > 1 {
                    exact_multi += 1;
                }
            }
        }
    }
    let actual: u64 = true_size.values().map(|&k| pairs(k)).sum();
    Recovery {
        records: truth.len(),
        clusters: clusters.len(),
        true_clusters: true_size.len(),
        true_multi: true_size.values().filter(|&&k| k > 1).count(),
        exact,
        exact_multi,
        precision: if predicted == 0 {
            1.0
        } else {
            tp as f64 / predicted as f64
        },
        recall: if actual == 0 {
            1.0
        } else {
            tp as f64 / actual as f64
        },
    }
}
