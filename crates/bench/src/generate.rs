//! A deterministic library of sources for benchmarks: the same seed gives the same
//! sources, byte for byte, on every machine, so anyone can reproduce the README's figures.

use mizan_source::{CitationKey, Excerpt, Grading, PartialDate, Person, Reliability, Source, SourceType, Timestamp};
use uuid::Uuid;

/// SplitMix64: tiny, fast, and fully specified, so the data set never depends on a
/// random-number crate's version.
#[derive(Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const AR_SUBJECTS: &[&str] = &[
    "الأمن",
    "الحصار",
    "النزاع المسلح",
    "الانتقال السياسي",
    "الوضع الإنساني",
    "اقتصاد الذهب",
    "إمدادات الوقود",
    "التحالفات الإقليمية",
    "الهجمات على القوافل",
    "المجلس العسكري",
    "النازحين",
    "الجماعات المسلحة",
    "الحدود",
    "الانتخابات المؤجلة",
    "التعاون العسكري",
];
const AR_PLACES: &[&str] = &[
    "مالي",
    "باماكو",
    "النيجر",
    "بوركينا فاسو",
    "منطقة الساحل",
    "غرب أفريقيا",
    "موريتانيا",
    "الجزائر",
    "تشاد",
    "إقليم كايس",
    "تمبكتو",
    "غاو",
    "كيدال",
    "موبتي",
    "سيغو",
];
const AR_FRAMES: &[&str] =
    &["{s} في {p}", "تقرير عن {s} في {p}", "{s} و{p}: قراءة في المستجدات", "تطورات {s} في {p} خلال العام"];
const FR_SUBJECTS: &[&str] = &[
    "la sécurité",
    "le blocus",
    "les convois de carburant",
    "la transition militaire",
    "la crise humanitaire",
    "l’économie de l’or",
    "les groupes armés",
    "les déplacés internes",
    "la coopération militaire russe",
    "l’Alliance des États du Sahel",
    "la CEDEAO",
    "les élections reportées",
    "la frontière",
    "les enlèvements",
    "la liberté de la presse",
];
const FR_PLACES: &[&str] = &[
    "au Mali",
    "à Bamako",
    "au Niger",
    "au Burkina Faso",
    "au Sahel central",
    "en Afrique de l’Ouest",
    "dans la région de Kayes",
    "à Tombouctou",
    "à Gao",
    "à Kidal",
    "dans le delta intérieur du Niger",
    "à Ségou",
    "à Mopti",
    "à Niamey",
    "à Ouagadougou",
];
const FR_FRAMES: &[&str] = &["{s} {p}", "Note sur {s} {p}", "{s} {p} : état des lieux", "Comprendre {s} {p}"];
const EN_SUBJECTS: &[&str] = &[
    "security",
    "the fuel blockade",
    "armed group expansion",
    "military rule",
    "humanitarian access",
    "gold mining",
    "regional alliances",
    "displacement",
    "Russian military presence",
    "ECOWAS relations",
    "food insecurity",
    "kidnappings",
    "border control",
    "media freedom",
    "civilian casualties",
];
const EN_PLACES: &[&str] = &[
    "Mali",
    "Bamako",
    "Niger",
    "Burkina Faso",
    "the Central Sahel",
    "West Africa",
    "the Kayes region",
    "Timbuktu",
    "Gao",
    "Kidal",
    "Mopti",
    "Segou",
    "Niamey",
    "Ouagadougou",
    "coastal West Africa",
];
const EN_FRAMES: &[&str] = &["{s} in {p}", "Briefing: {s} in {p}", "{s} and the crisis in {p}", "Assessing {s} in {p}"];
const FAMILY: &[&str] = &[
    "Traoré",
    "Diallo",
    "Keïta",
    "Coulibaly",
    "Touré",
    "Sangaré",
    "Dembélé",
    "Maïga",
    "Cissé",
    "Konaté",
    "Dupont",
    "Lefèvre",
    "Moreau",
    "Smith",
    "Johnson",
    "Nguyen",
    "Rossi",
    "Ould Mohamed",
    "Ag Attaher",
    "Barry",
];
const GIVEN: &[&str] = &[
    "Aminata",
    "Moussa",
    "Fatoumata",
    "Ibrahim",
    "Awa",
    "Oumar",
    "Claire",
    "Jean",
    "Sarah",
    "David",
    "Mariam",
    "Hamadoun",
];
const AR_NAMES: &[&str] = &[
    "محمد الأمين ولد أحمد",
    "فاطمة الزهراء بنعلي",
    "عبد الرحمن التواتي",
    "خديجة المختار",
    "يوسف الحسيني",
    "ليلى بن عيسى",
    "أحمد سيدي محمد",
    "سلمى القاسمي",
];
const INSTITUTIONS: &[&str] = &[
    "International Crisis Group",
    "ACLED",
    "Human Rights Watch",
    "OCHA",
    "Amnesty International",
    "مركز الدراسات الاستراتيجية",
    "Institut d’études de sécurité",
    "Clingendael",
];
const CONTAINERS: &[&str] = &[
    "Le Monde",
    "RFI",
    "Jeune Afrique",
    "Al Jazeera",
    "Reuters",
    "Sahel Intelligence",
    "الشرق الأوسط",
    "سكاي نيوز عربية",
    "Africa Report",
    "Foreign Policy",
];
const TAGS: &[&str] = &["Mali", "JNIM", "AES", "CEDEAO", "Wagner", "carburant", "humanitaire", "ذهب", "أمن", "Niger"];

fn fill(frame: &str, subject: &str, place: &str) -> String {
    let text = frame.replace("{s}", subject).replace("{p}", place);
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => text,
    }
}

/// The `n`-th source of the data set seeded by `seed`.
pub fn source(rng: &mut Rng, n: usize) -> Source {
    let (title, language) = match rng.below(3) {
        0 => (
            {
                let (f, s, p) = (rng.pick(AR_FRAMES), rng.pick(AR_SUBJECTS), rng.pick(AR_PLACES));
                fill(f, s, p)
            },
            "ar",
        ),
        1 => (
            {
                let (f, s, p) = (rng.pick(FR_FRAMES), rng.pick(FR_SUBJECTS), rng.pick(FR_PLACES));
                fill(f, s, p)
            },
            "fr",
        ),
        _ => (
            {
                let (f, s, p) = (rng.pick(EN_FRAMES), rng.pick(EN_SUBJECTS), rng.pick(EN_PLACES));
                fill(f, s, p)
            },
            "en",
        ),
    };
    let key = CitationKey::sanitize(&format!("src-{n:06}"));
    let mut source = Source::new(key, &format!("{title} ({n})"));
    source.id = Uuid::from_u64_pair(rng.next_u64(), rng.next_u64());
    source.kind = rng.pick(&SourceType::ALL);
    source.language = Some(language.to_owned());
    let authors = rng.below(4);
    for _ in 0..authors {
        source.authors.push(match rng.below(4) {
            0 => Person::literal(rng.pick(AR_NAMES)),
            1 => Person::literal(rng.pick(INSTITUTIONS)),
            _ => {
                let (g, f) = (rng.pick(GIVEN), rng.pick(FAMILY));
                Person::structured(g, f)
            }
        });
    }
    if rng.chance(70) {
        source.container_title = Some((rng.pick(CONTAINERS)).to_owned());
    }
    let year = 2015 + rng.below(11) as i32;
    source.issued = Some(match rng.below(3) {
        0 => PartialDate { year, month: None, day: None },
        1 => PartialDate { year, month: Some(1 + rng.below(12) as u8), day: None },
        _ => PartialDate { year, month: Some(1 + rng.below(12) as u8), day: Some(1 + rng.below(28) as u8) },
    });
    if rng.chance(60) {
        source.url = Some(format!("https://example.org/{language}/{year}/{n}"));
    }
    if rng.chance(15) {
        source.doi = Some(format!("10.5555/mizan.{n}"));
    }
    if rng.chance(50) {
        let count = 1 + rng.below(3);
        for _ in 0..count {
            let tag = (rng.pick(TAGS)).to_owned();
            if !source.tags.contains(&tag) {
                source.tags.push(tag);
            }
        }
    }
    if rng.chance(60) {
        source.grade = Some(Grading {
            reliability: rng.pick(&Reliability::ALL),
            graded_by: "Bench".into(),
            graded_at: Timestamp(1_760_000_000_000 + rng.below(10_000_000) as i64),
        });
    }
    if rng.chance(20) {
        source.excerpts.push(Excerpt {
            id: Uuid::from_u64_pair(rng.next_u64(), rng.next_u64()),
            text: {
                let (a, b) = (rng.pick(FR_SUBJECTS), rng.pick(AR_SUBJECTS));
                format!("{a} — {b}")
            },
            locator: Some(format!("p. {}", 1 + rng.below(40))),
        });
    }
    source
}

/// `count` sources from `seed`.
pub fn sources(seed: u64, count: usize) -> Vec<Source> {
    let mut rng = Rng::new(seed);
    (0..count).map(|n| source(&mut rng, n)).collect()
}

/// Queries the search benchmark runs: single words, prefixes, Arabic with and without
/// clitics, several words, and filters.
pub const QUERIES: &[&str] = &[
    "mali",
    "sécurité",
    "securite",
    "blocus",
    "bamako",
    "الأمن",
    "مالي",
    "الحصار",
    "باماكو",
    "niger",
    "fuel",
    "gold",
    "traoré",
    "crisis group",
    "جزائر",
    "sah",
    "كيدال",
    "tombouctou",
    "alliance sahel",
    "convois carburant",
    "ذهب",
    "diallo",
    "reuters",
    "wagner",
    "humanitarian access",
    "transition",
    "النازحين",
    "ouagadougou",
    "timbuktu",
    "ecowas",
];
