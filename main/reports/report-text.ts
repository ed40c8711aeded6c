/**
 * The fixed text of reports in English and German: headings, labels, the names of statuses,
 * stances, kinds and grades, and the explanations of the grading scales. The content of a
 * project (statements, quotes, notes) stays as the team wrote it. The names and scale texts the
 * app's screens show as well come from `shared/i18n/terms.ts`, so both say the same.
 *
 * The German text has the English text's type, so a missing key fails to compile.
 */
import { TERMS } from '../../shared/i18n/terms'
import type { BUILTIN_STATUSES, RelationType } from '../../shared/model/claim'
import type { Stance, StorageMode } from '../../shared/model/evidence'
import type { ReportLanguage } from '../../shared/report-options'

type BuiltinStatus = (typeof BUILTIN_STATUSES)[number]

/** A relation as read from one claim's side ("refines" reads "refined by" on the other). */
export type RelationRole = RelationType | 'refined-by'

/** Where a file's hash in the appendix comes from. */
export type HashBasis = 'computed' | 'recorded'

/** The kinds of files the appendix lists. */
export type ReportFileKind = 'article' | 'evidence' | 'frame' | 'registry'

const en = {
  locale: 'en-GB',
  sections: TERMS.en.sections,
  titleBlock: {
    project: 'Project',
    author: 'Author',
    created: 'Created',
    selection: 'Selection',
    allClaims: 'All claims of the project',
    counts: (shown: number, total: number) =>
      shown === total
        ? `${total} ${total === 1 ? 'claim' : 'claims'}`
        : `${shown} of ${total} claims`,
    contents: 'Contents',
    problems: 'Problems found while making this report',
  },
  filter: {
    statuses: 'Status',
    tags: 'Tags (with the tags below them)',
    sources: 'Said or reported by',
    articles: 'Mentioned in',
    dates: 'Date made',
    from: (date: string) => `from ${date}`,
    until: (date: string) => `until ${date}`,
    between: (from: string, to: string) => `${from} to ${to}`,
    undatedExcluded: 'claims without a date are left out',
    scope:
      'Quotes, evidence, sources and files are those that bear on the selected claims; quotes come from the articles in which these claims are mentioned.',
  },
  claim: {
    statement: 'Statement',
    code: 'Grade',
    codeTitle: 'Admiralty code: source reliability and information credibility',
    status: 'Status',
    credibility: 'Credibility',
    reliability: 'Source reliability',
    saidBy: 'Said by',
    reportedBy: 'Reported by',
    noSaidBy: 'No source recorded',
    madeOn: 'Date made',
    undated: 'Date unknown',
    rationale: 'Rationale',
    noRationale: 'No rationale recorded.',
    assessed: (by: string, date: string) =>
      by ? `Assessed by ${by} on ${date}` : `Assessed on ${date}`,
    notes: 'Notes',
    figures: 'Figures',
    tags: 'Tags',
    reportedIn: 'Reported in',
    relations: 'Related claims',
    evidence: 'Evidence',
    notGraded: 'not graded',
    notAssessed: 'not assessed',
    outsideSelection: 'not in this selection',
    table: 'Overview',
    number: 'No.',
  },
  statuses: TERMS.en.statuses,
  statusMeanings: {
    unstarted: 'Recorded, not yet checked.',
    'in-progress': 'Being checked.',
    inconclusive: 'Checked; what was found does not settle it.',
    verified: 'Checked and found to be true.',
    false: 'Checked and found to be false.',
  } satisfies Record<BuiltinStatus, string>,
  statusUnknown: TERMS.en.statusUnknown,
  customStatus: 'Defined by the project.',
  relations: TERMS.en.relations,
  stances: TERMS.en.stances,
  stanceMeanings: {
    supports: 'The evidence bears out the claim.',
    contradicts: 'The evidence speaks against the claim.',
    context: 'The evidence helps to understand the claim without deciding it.',
  } satisfies Record<Stance, string>,
  sourceKinds: TERMS.en.sourceKinds,
  evidenceKinds: TERMS.en.evidenceKinds,
  annotationKinds: TERMS.en.annotationKinds,
  storage: {
    copy: 'Copied into the project',
    link: 'Linked where it lies',
  } satisfies Record<StorageMode, string>,
  reliability: TERMS.en.reliability,
  credibility: TERMS.en.credibility,
  quotes: {
    intro:
      'Each passage is quoted exactly as it stands in the article, with the article it comes from.',
    kind: 'Kind',
    comment: 'Comment',
    linkedTo: 'Linked to',
    orphaned:
      'This passage was edited out of the article; the quote is the text as it was annotated.',
    published: 'Published',
    retrieved: 'Retrieved',
    authors: 'By',
    noDate: 'no date',
  },
  evidence: {
    file: 'File',
    originalName: 'Original file name',
    storage: 'Storage',
    path: 'Path',
    sha256: 'SHA-256',
    sha256Recorded: 'SHA-256 (recorded when the file was added)',
    size: 'Size',
    mimeType: 'Type',
    media: 'Media',
    format: 'Format',
    codec: 'Codec',
    duration: 'Duration',
    dimensions: 'Dimensions',
    frameRate: 'Frame rate',
    recordedAt: 'Recorded (container)',
    exifDate: 'Taken (EXIF)',
    gps: 'GPS',
    pages: 'Pages',
    provenance: 'Provenance',
    originalUrl: 'Original URL',
    platform: 'Platform',
    publisher: 'Published by',
    publishedAt: 'Published',
    retrievedAt: 'Retrieved',
    retrievedBy: 'Retrieved by',
    claimedPlace: 'Claimed place',
    claimedCoordinates: 'Claimed coordinates',
    claimedDate: 'Claimed date',
    verificationNotes: 'Verification notes',
    assessment: 'Assessment',
    claimLinks: 'Bears on',
    segments: 'Segments',
    segment: 'Segment',
    timecode: 'Time code',
    frames: 'Captured frames',
    frameAt: (timecode: string) => `Frame at ${timecode}`,
    frameMissing: 'The frame file is missing.',
    regions: 'Regions',
    region: 'Region',
    note: 'Note',
    label: 'Label',
    wholeItem: 'Whole item',
  },
  sources: {
    name: 'Name',
    kind: 'Kind',
    role: 'Role',
    organisation: 'Organisation',
    aliases: 'Also known as',
    reliability: 'Reliability',
    reason: 'Reason for the grade',
    claimsSaid: 'Claims made',
    claimsReported: 'Claims passed on',
    notGraded: 'Not graded',
  },
  contradictions: {
    intro: 'Claims marked as contradicting each other, side by side.',
    versus: 'contradicts',
    note: 'Note',
    comparison: 'Figures compared',
    comparisonIntro:
      'Figures from the selected claims about the same quantity, ordered by the date each claim was made.',
    unit: 'Quantity',
    noUnit: 'Figures without a unit',
    figure: 'Figure',
    source: 'Source',
    date: 'Date',
    status: 'Status',
    grade: 'Grade',
    reportedIn: 'Reported in',
    contradictsRefs: (refs: string) => `contradicts ${refs}`,
    unknownSource: 'Source not recorded',
  },
  method: {
    notes: 'Notes on method',
    grading: 'How claims are graded',
    gradingText:
      'Claims are graded with the Admiralty system. The letter rates the source that made the claim (its reliability, A to F); the digit rates the information itself (its credibility, 1 to 6). A claim’s code, e.g. “B2”, combines the best grade among the sources that made it with the claim’s credibility. Sources that only passed the claim on do not count. “–” means not graded yet.',
    independence:
      'Source and information are graded separately: a reliable source can pass on doubtful information, and an unknown source can deliver confirmed facts.',
    reliabilityScale: TERMS.en.reliabilityScale,
    credibilityScale: TERMS.en.credibilityScale,
    statuses: 'Verification statuses',
    stances: 'How evidence bears on a claim',
    hashes:
      'Files are identified by their SHA-256 hash. Article files are hashed when the report is made; evidence files and captured frames carry the hash recorded when they were added to the project, which can be checked again in Claimdesk.',
    grade: 'Grade',
    stance: 'Bearing on the claim',
    meaning: 'Meaning',
  },
  appendix: {
    intro: 'Every file this report rests on, with its SHA-256 hash.',
    kind: 'Kind',
    name: 'Name',
    path: 'Path',
    sha256: 'SHA-256',
    size: 'Size',
    basis: 'Hash',
    bases: {
      computed: 'computed for this report',
      recorded: 'recorded when added',
    } satisfies Record<HashBasis, string>,
    kinds: {
      article: 'Article',
      evidence: 'Evidence file',
      frame: 'Captured frame',
      registry: 'Registry of claims and sources',
    } satisfies Record<ReportFileKind, string>,
    missing: 'missing',
  },
  empty: {
    claims: 'No claims match this selection.',
    quotes: 'No annotated passages bear on the selected claims.',
    evidence: 'No evidence bears on the selected claims.',
    sources: 'No sources are linked to the selected claims.',
    contradictions: 'None of the selected claims is marked as contradicting another.',
    comparison: 'No quantity has figures from two or more of the selected claims.',
    notes: 'No notes on method were given.',
    files: 'No files.',
  },
  warnings: {
    quoteMismatch: (ref: string, title: string) =>
      `The text of ${ref} in “${title}” differs from the article at the annotation’s position; the report quotes the annotation as it was made.`,
    articleUnreadable: (title: string, reason: string) =>
      `The article “${title}” could not be read: ${reason}`,
    frameMissing: (item: string, path: string) =>
      `A captured frame of “${item}” is missing: ${path}.`,
    frameChanged: (item: string, path: string) =>
      `A captured frame of “${item}” no longer matches its recorded hash: ${path}.`,
  },
  bytes: (n: number) => formatBytes(n, 'en-GB', ['bytes', 'KB', 'MB', 'GB']),
  generatedWith: 'Made with Claimdesk',
  page: 'Page',
}

export type ReportText = typeof en

const de: ReportText = {
  locale: 'de-DE',
  sections: TERMS.de.sections,
  titleBlock: {
    project: 'Projekt',
    author: 'Verfasst von',
    created: 'Erstellt am',
    selection: 'Auswahl',
    allClaims: 'Alle Behauptungen des Projekts',
    counts: (shown: number, total: number) =>
      shown === total
        ? `${total} ${total === 1 ? 'Behauptung' : 'Behauptungen'}`
        : `${shown} von ${total} Behauptungen`,
    contents: 'Inhalt',
    problems: 'Beim Erstellen dieses Berichts gefundene Probleme',
  },
  filter: {
    statuses: 'Status',
    tags: 'Schlagwörter (einschließlich untergeordneter)',
    sources: 'Aufgestellt oder berichtet von',
    articles: 'Erwähnt in',
    dates: 'Datum der Behauptung',
    from: (date: string) => `ab ${date}`,
    until: (date: string) => `bis ${date}`,
    between: (from: string, to: string) => `${from} bis ${to}`,
    undatedExcluded: 'Behauptungen ohne Datum sind nicht enthalten',
    scope:
      'Zitate, Belege, Quellen und Dateien sind jene, die die ausgewählten Behauptungen betreffen; die Zitate stammen aus den Artikeln, in denen diese Behauptungen erwähnt werden.',
  },
  claim: {
    statement: 'Aussage',
    code: 'Bewertung',
    codeTitle: 'Admiralty-Code: Zuverlässigkeit der Quelle und Glaubwürdigkeit der Information',
    status: 'Status',
    credibility: 'Glaubwürdigkeit',
    reliability: 'Zuverlässigkeit der Quelle',
    saidBy: 'Aufgestellt von',
    reportedBy: 'Berichtet von',
    noSaidBy: 'Keine Quelle erfasst',
    madeOn: 'Datum',
    undated: 'Datum unbekannt',
    rationale: 'Begründung',
    noRationale: 'Keine Begründung erfasst.',
    assessed: (by: string, date: string) =>
      by ? `Bewertet von ${by} am ${date}` : `Bewertet am ${date}`,
    notes: 'Notizen',
    figures: 'Zahlen',
    tags: 'Schlagwörter',
    reportedIn: 'Berichtet in',
    relations: 'Verwandte Behauptungen',
    evidence: 'Belege',
    notGraded: 'nicht bewertet',
    notAssessed: 'nicht bewertet',
    outsideSelection: 'nicht in dieser Auswahl',
    table: 'Übersicht',
    number: 'Nr.',
  },
  statuses: TERMS.de.statuses,
  statusMeanings: {
    unstarted: 'Erfasst, noch nicht geprüft.',
    'in-progress': 'Wird geprüft.',
    inconclusive: 'Geprüft; die Ergebnisse lassen keine eindeutige Aussage zu.',
    verified: 'Geprüft und als zutreffend befunden.',
    false: 'Geprüft und als falsch befunden.',
  },
  statusUnknown: TERMS.de.statusUnknown,
  customStatus: 'Vom Projekt festgelegt.',
  relations: TERMS.de.relations,
  stances: TERMS.de.stances,
  stanceMeanings: {
    supports: 'Der Beleg stützt die Behauptung.',
    contradicts: 'Der Beleg spricht gegen die Behauptung.',
    context: 'Der Beleg hilft, die Behauptung einzuordnen, ohne sie zu entscheiden.',
  },
  sourceKinds: TERMS.de.sourceKinds,
  evidenceKinds: TERMS.de.evidenceKinds,
  annotationKinds: TERMS.de.annotationKinds,
  storage: {
    copy: 'Ins Projekt kopiert',
    link: 'Am ursprünglichen Ort verknüpft',
  },
  reliability: TERMS.de.reliability,
  credibility: TERMS.de.credibility,
  quotes: {
    intro:
      'Jede Textstelle ist wörtlich so zitiert, wie sie im Artikel steht, zusammen mit dem Artikel, aus dem sie stammt.',
    kind: 'Art',
    comment: 'Kommentar',
    linkedTo: 'Verknüpft mit',
    orphaned:
      'Diese Textstelle wurde aus dem Artikel entfernt; zitiert ist der Text, wie er markiert wurde.',
    published: 'Veröffentlicht',
    retrieved: 'Abgerufen',
    authors: 'Von',
    noDate: 'ohne Datum',
  },
  evidence: {
    file: 'Datei',
    originalName: 'Ursprünglicher Dateiname',
    storage: 'Ablage',
    path: 'Pfad',
    sha256: 'SHA-256',
    sha256Recorded: 'SHA-256 (beim Hinzufügen erfasst)',
    size: 'Größe',
    mimeType: 'Typ',
    media: 'Medium',
    format: 'Format',
    codec: 'Codec',
    duration: 'Dauer',
    dimensions: 'Abmessungen',
    frameRate: 'Bildrate',
    recordedAt: 'Aufgenommen (Container)',
    exifDate: 'Aufgenommen (EXIF)',
    gps: 'GPS',
    pages: 'Seiten',
    provenance: 'Herkunft',
    originalUrl: 'Ursprüngliche URL',
    platform: 'Plattform',
    publisher: 'Veröffentlicht von',
    publishedAt: 'Veröffentlicht',
    retrievedAt: 'Abgerufen',
    retrievedBy: 'Abgerufen von',
    claimedPlace: 'Angegebener Ort',
    claimedCoordinates: 'Angegebene Koordinaten',
    claimedDate: 'Angegebenes Datum',
    verificationNotes: 'Notizen zur Überprüfung',
    assessment: 'Bewertung',
    claimLinks: 'Betrifft',
    segments: 'Abschnitte',
    segment: 'Abschnitt',
    timecode: 'Zeitmarke',
    frames: 'Standbilder',
    frameAt: (timecode: string) => `Standbild bei ${timecode}`,
    frameMissing: 'Die Bilddatei fehlt.',
    regions: 'Bildbereiche',
    region: 'Bildbereich',
    note: 'Notiz',
    label: 'Bezeichnung',
    wholeItem: 'Gesamter Beleg',
  },
  sources: {
    name: 'Name',
    kind: 'Art',
    role: 'Funktion',
    organisation: 'Organisation',
    aliases: 'Auch bekannt als',
    reliability: 'Zuverlässigkeit',
    reason: 'Begründung der Bewertung',
    claimsSaid: 'Aufgestellte Behauptungen',
    claimsReported: 'Weitergegebene Behauptungen',
    notGraded: 'Nicht bewertet',
  },
  contradictions: {
    intro: 'Behauptungen, die als widersprüchlich markiert sind, nebeneinander.',
    versus: 'widerspricht',
    note: 'Notiz',
    comparison: 'Zahlen im Vergleich',
    comparisonIntro:
      'Zahlen aus den ausgewählten Behauptungen zur selben Größe, geordnet nach dem Datum der Behauptung.',
    unit: 'Größe',
    noUnit: 'Zahlen ohne Einheit',
    figure: 'Zahl',
    source: 'Quelle',
    date: 'Datum',
    status: 'Status',
    grade: 'Bewertung',
    reportedIn: 'Berichtet in',
    contradictsRefs: (refs: string) => `widerspricht ${refs}`,
    unknownSource: 'Quelle nicht erfasst',
  },
  method: {
    notes: 'Anmerkungen zur Methode',
    grading: 'Wie Behauptungen bewertet werden',
    gradingText:
      'Behauptungen werden nach dem Admiralty-System bewertet. Der Buchstabe bewertet die Quelle, die die Behauptung aufgestellt hat (ihre Zuverlässigkeit, A bis F); die Ziffer bewertet die Information selbst (ihre Glaubwürdigkeit, 1 bis 6). Der Code einer Behauptung, etwa „B2“, verbindet die beste Bewertung unter den Quellen, die sie aufgestellt haben, mit der Glaubwürdigkeit der Behauptung. Quellen, die sie nur weitergegeben haben, zählen nicht. „–“ bedeutet: noch nicht bewertet.',
    independence:
      'Quelle und Information werden getrennt bewertet: Eine zuverlässige Quelle kann zweifelhafte Informationen weitergeben, und eine unbekannte Quelle kann bestätigte Fakten liefern.',
    reliabilityScale: TERMS.de.reliabilityScale,
    credibilityScale: TERMS.de.credibilityScale,
    statuses: 'Prüfstatus',
    stances: 'Wie ein Beleg eine Behauptung betrifft',
    hashes:
      'Dateien sind durch ihre SHA-256-Prüfsumme gekennzeichnet. Für Artikeldateien wird sie beim Erstellen des Berichts berechnet; für Belegdateien und Standbilder ist die Prüfsumme angegeben, die beim Hinzufügen zum Projekt erfasst wurde und in Claimdesk erneut geprüft werden kann.',
    grade: 'Stufe',
    stance: 'Bezug zur Behauptung',
    meaning: 'Bedeutung',
  },
  appendix: {
    intro: 'Alle Dateien, auf denen dieser Bericht beruht, mit ihrer SHA-256-Prüfsumme.',
    kind: 'Art',
    name: 'Name',
    path: 'Pfad',
    sha256: 'SHA-256',
    size: 'Größe',
    basis: 'Prüfsumme',
    bases: {
      computed: 'für diesen Bericht berechnet',
      recorded: 'beim Hinzufügen erfasst',
    },
    kinds: {
      article: 'Artikel',
      evidence: 'Belegdatei',
      frame: 'Standbild',
      registry: 'Verzeichnis der Behauptungen und Quellen',
    },
    missing: 'fehlt',
  },
  empty: {
    claims: 'Keine Behauptung entspricht dieser Auswahl.',
    quotes: 'Keine markierte Textstelle betrifft die ausgewählten Behauptungen.',
    evidence: 'Kein Beleg betrifft die ausgewählten Behauptungen.',
    sources: 'Mit den ausgewählten Behauptungen sind keine Quellen verknüpft.',
    contradictions: 'Keine der ausgewählten Behauptungen ist als widersprüchlich markiert.',
    comparison: 'Zu keiner Größe gibt es Zahlen aus zwei oder mehr ausgewählten Behauptungen.',
    notes: 'Es wurden keine Anmerkungen zur Methode angegeben.',
    files: 'Keine Dateien.',
  },
  warnings: {
    quoteMismatch: (ref: string, title: string) =>
      `Der Text von ${ref} in „${title}“ weicht an der markierten Stelle vom Artikel ab; der Bericht zitiert die Markierung so, wie sie angelegt wurde.`,
    articleUnreadable: (title: string, reason: string) =>
      `Der Artikel „${title}“ konnte nicht gelesen werden: ${reason}`,
    frameMissing: (item: string, path: string) => `Ein Standbild von „${item}“ fehlt: ${path}.`,
    frameChanged: (item: string, path: string) =>
      `Ein Standbild von „${item}“ stimmt nicht mehr mit seiner erfassten Prüfsumme überein: ${path}.`,
  },
  bytes: (n: number) => formatBytes(n, 'de-DE', ['Byte', 'KB', 'MB', 'GB']),
  generatedWith: 'Erstellt mit Claimdesk',
  page: 'Seite',
}

function formatBytes(n: number, locale: string, units: readonly string[]): string {
  let value = n
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)
  return `${number} ${units[unit] ?? ''}`
}

const TEXTS: Record<ReportLanguage, ReportText> = { en, de }

/** The fixed text of a report in `language`. */
export function reportText(language: ReportLanguage): ReportText {
  return TEXTS[language]
}

/** A `YYYY-MM-DD` date (or ISO timestamp) written out, e.g. "1 March 2026" / "1. März 2026"; '' stays ''. */
export function formatReportDate(iso: string, language: ReportLanguage): string {
  if (!iso) return ''
  const date = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso)
  if (Number.isNaN(date.getTime())) return iso
  return new Intl.DateTimeFormat(TEXTS[language].locale, {
    dateStyle: 'long',
    timeZone: 'UTC',
  }).format(date)
}

/** A timestamp with date and time in UTC, e.g. "1 March 2026, 10:00 UTC". */
export function formatReportTimestamp(iso: string, language: ReportLanguage): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  const text = new Intl.DateTimeFormat(TEXTS[language].locale, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(date)
  return `${text} UTC`
}
