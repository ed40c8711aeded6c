/**
 * The names and explanations that the app's screens and its reports both show, in English and
 * German: statuses, relations, stances, kinds, report sections and the Admiralty grading scales.
 * Kept in one place so that a report says exactly what the screen said. Plain strings only (no
 * i18next placeholders), because the main process reads them without i18next.
 *
 * The German text has the English text's type, so a missing key fails to compile.
 */
import type { AnnotationKind } from '../model/annotation'
import type { BUILTIN_STATUSES, RelationType } from '../model/claim'
import type { EvidenceKind, Stance } from '../model/evidence'
import type { Credibility, Reliability } from '../model/grading'
import type { SourceKind } from '../model/source'
import type { ReportLanguage, ReportSection } from '../report-options'

type BuiltinStatus = (typeof BUILTIN_STATUSES)[number]

/** One step of a grading scale: its short name and what it means. */
export interface GradeText {
  label: string
  meaning: string
}

const en = {
  sections: {
    claims: 'Claims',
    quotes: 'Quotes',
    evidence: 'Evidence',
    sources: 'Sources',
    contradictions: 'Contradictions',
    method: 'Method',
    appendix: 'Appendix: files and hashes',
  } satisfies Record<ReportSection, string>,
  statuses: {
    unstarted: 'Not started',
    'in-progress': 'In progress',
    inconclusive: 'Inconclusive',
    verified: 'Verified',
    false: 'False',
  } satisfies Record<BuiltinStatus, string>,
  statusUnknown: 'Unknown status',
  /** A relation as read from one claim's side ("refines" reads "refined by" on the other). */
  relations: {
    contradicts: 'Contradicts',
    corroborates: 'Corroborates',
    'same-as': 'Same claim as',
    refines: 'Refines',
    'refined-by': 'Refined by',
  } satisfies Record<RelationType | 'refined-by', string>,
  stances: {
    supports: 'Supports',
    contradicts: 'Contradicts',
    context: 'Context',
  } satisfies Record<Stance, string>,
  sourceKinds: {
    person: 'Person',
    government: 'Government',
    intelligence: 'Intelligence service',
    military: 'Military',
    media: 'Media outlet',
    ngo: 'NGO',
    'platform-account': 'Platform account',
    other: 'Other',
  } satisfies Record<SourceKind, string>,
  evidenceKinds: {
    video: 'Video',
    image: 'Image',
    document: 'Document',
  } satisfies Record<EvidenceKind, string>,
  annotationKinds: {
    claim: 'Claim',
    source: 'Source',
    evidence: 'Evidence',
    entity: 'Entity',
    note: 'Note',
  } satisfies Record<AnnotationKind, string>,
  reliabilityScale: 'Source reliability',
  credibilityScale: 'Information credibility',
  reliability: {
    A: {
      label: 'Completely reliable',
      meaning:
        'No doubt about its authenticity, trustworthiness or competence; always right so far.',
    },
    B: {
      label: 'Usually reliable',
      meaning: 'Minor doubts only; most of what it supplied before proved correct.',
    },
    C: {
      label: 'Fairly reliable',
      meaning: 'Some doubts, but it has supplied correct information in the past.',
    },
    D: {
      label: 'Not usually reliable',
      meaning: 'Serious doubts, though it has been right on occasion.',
    },
    E: {
      label: 'Unreliable',
      meaning: 'Lacks authenticity, trustworthiness or competence; has supplied wrong information.',
    },
    F: {
      label: 'Cannot be judged',
      meaning: 'No basis to evaluate it yet, e.g. a new or unknown source. Not the same as E.',
    },
  } satisfies Record<Reliability, GradeText>,
  credibility: {
    '1': {
      label: 'Confirmed',
      meaning: 'Confirmed by independent sources; logical and consistent with what else is known.',
    },
    '2': {
      label: 'Probably true',
      meaning: 'Not independently confirmed, but logical and consistent with other information.',
    },
    '3': {
      label: 'Possibly true',
      meaning: 'Not confirmed; reasonably logical and agrees with some other information.',
    },
    '4': {
      label: 'Doubtful',
      meaning: 'Not confirmed; possible but not logical, and nothing else supports it.',
    },
    '5': {
      label: 'Improbable',
      meaning: 'Not confirmed, illogical and contradicted by other information.',
    },
    '6': {
      label: 'Cannot be judged',
      meaning: 'No basis to assess whether it is true. Not the same as 5.',
    },
  } satisfies Record<Credibility, GradeText>,
}

export type Terms = typeof en

const de: Terms = {
  sections: {
    claims: 'Behauptungen',
    quotes: 'Zitate',
    evidence: 'Belege',
    sources: 'Quellen',
    contradictions: 'Widersprüche',
    method: 'Methode',
    appendix: 'Anhang: Dateien und Prüfsummen',
  },
  statuses: {
    unstarted: 'Nicht begonnen',
    'in-progress': 'In Prüfung',
    inconclusive: 'Nicht eindeutig',
    verified: 'Bestätigt',
    false: 'Falsch',
  },
  statusUnknown: 'Unbekannter Status',
  relations: {
    contradicts: 'Widerspricht',
    corroborates: 'Stützt',
    'same-as': 'Dieselbe Behauptung wie',
    refines: 'Präzisiert',
    'refined-by': 'Präzisiert durch',
  },
  stances: {
    supports: 'Stützt',
    contradicts: 'Widerspricht',
    context: 'Kontext',
  },
  sourceKinds: {
    person: 'Person',
    government: 'Regierung',
    intelligence: 'Nachrichtendienst',
    military: 'Militär',
    media: 'Medium',
    ngo: 'NGO',
    'platform-account': 'Plattform-Konto',
    other: 'Sonstige',
  },
  evidenceKinds: {
    video: 'Video',
    image: 'Bild',
    document: 'Dokument',
  },
  annotationKinds: {
    claim: 'Behauptung',
    source: 'Quelle',
    evidence: 'Beleg',
    entity: 'Entität',
    note: 'Notiz',
  },
  reliabilityScale: 'Zuverlässigkeit der Quelle',
  credibilityScale: 'Glaubwürdigkeit der Information',
  reliability: {
    A: {
      label: 'Völlig zuverlässig',
      meaning:
        'Keine Zweifel an Echtheit, Vertrauenswürdigkeit oder Kompetenz; lag bisher immer richtig.',
    },
    B: {
      label: 'Meist zuverlässig',
      meaning: 'Nur geringe Zweifel; das meiste, was sie bisher lieferte, erwies sich als richtig.',
    },
    C: {
      label: 'Ziemlich zuverlässig',
      meaning:
        'Gewisse Zweifel, hat aber in der Vergangenheit zutreffende Informationen geliefert.',
    },
    D: {
      label: 'Meist nicht zuverlässig',
      meaning: 'Erhebliche Zweifel, lag aber gelegentlich richtig.',
    },
    E: {
      label: 'Unzuverlässig',
      meaning:
        'Es mangelt an Echtheit, Vertrauenswürdigkeit oder Kompetenz; hat bereits falsche Informationen geliefert.',
    },
    F: {
      label: 'Nicht beurteilbar',
      meaning:
        'Noch keine Grundlage für eine Bewertung, etwa bei einer neuen oder unbekannten Quelle. Nicht gleichbedeutend mit E.',
    },
  },
  credibility: {
    '1': {
      label: 'Bestätigt',
      meaning:
        'Von unabhängigen Quellen bestätigt; schlüssig und im Einklang mit dem übrigen Wissensstand.',
    },
    '2': {
      label: 'Wahrscheinlich wahr',
      meaning:
        'Nicht unabhängig bestätigt, aber schlüssig und mit anderen Informationen vereinbar.',
    },
    '3': {
      label: 'Möglicherweise wahr',
      meaning:
        'Nicht bestätigt; einigermaßen schlüssig und mit einem Teil der übrigen Informationen vereinbar.',
    },
    '4': {
      label: 'Zweifelhaft',
      meaning: 'Nicht bestätigt; möglich, aber nicht schlüssig, und nichts anderes stützt es.',
    },
    '5': {
      label: 'Unwahrscheinlich',
      meaning: 'Nicht bestätigt, nicht schlüssig und von anderen Informationen widerlegt.',
    },
    '6': {
      label: 'Nicht beurteilbar',
      meaning:
        'Keine Grundlage, um den Wahrheitsgehalt einzuschätzen. Nicht gleichbedeutend mit 5.',
    },
  },
}

/** The shared names and scale texts, by language. */
export const TERMS: Record<ReportLanguage, Terms> = { en, de }
