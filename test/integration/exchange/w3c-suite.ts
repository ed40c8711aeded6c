/**
 * The official W3C Web Annotation JSON-Schema test suite (../shared/standards/w3c-anno/
 * web-annotation-tests), run with ajv 8. The suite is written in draft-04, which ajv 8 no longer
 * reads, so each schema is translated on load: the root `id` becomes `$id`, `$schema` goes
 * (ajv does not ship the draft-04 meta-schema), a boolean `exclusiveMinimum` becomes the
 * draft-06 number form, and siblings of `$ref` are dropped, because draft-04 ignores them.
 * The formats the suite uses (uri, date-time) are checked by small functions of our own, since
 * ajv-formats is not installed.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import { PROJECT_ROOT } from '../../helpers/project'

/** `../shared/standards` beside the checkout (CI has the same folder). */
export const STANDARDS_DIR = resolve(PROJECT_ROOT, '../shared/standards')
export const SUITE_DIR = join(STANDARDS_DIR, 'w3c-anno/web-annotation-tests')

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

const ROOT_KEYS = new Set(['id', 'errorMessage', 'expectedResult'])

function toDraft07(node: Json, isRoot: boolean): Json {
  if (Array.isArray(node)) return node.map((item) => toDraft07(item, false))
  if (node === null || typeof node !== 'object') return node
  const refOnly = typeof node.$ref === 'string'
  const out: { [key: string]: Json } = {}
  for (const [key, value] of Object.entries(node)) {
    if (key === '$schema') continue
    // An assertion file that is a bare $ref keeps its own id and messages.
    if (refOnly && key !== '$ref' && !(isRoot && ROOT_KEYS.has(key))) continue
    if (isRoot && key === 'id' && typeof value === 'string') out.$id = value
    else out[key] = toDraft07(value, false)
  }
  if (out.exclusiveMinimum === true && typeof out.minimum === 'number') {
    out.exclusiveMinimum = out.minimum
    delete out.minimum
  }
  return out
}

// An absolute URI (RFC 3986 scheme ":" hier-part), as draft-04's "uri" format requires.
const URI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]*$/
// RFC 3339 date-time.
const DATE_TIME =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$/

function readJson(file: string): Json {
  return JSON.parse(readFileSync(file, 'utf8')) as Json
}

interface Assertion {
  file: string
  errorMessage: string
  validate: ValidateFunction
}

export interface SuiteFailure {
  assertion: string
  message: string
  errors: string[]
}

const loaded = new Map<string, SuiteTest>()

/** One of the suite's `.test` files (e.g. annotations/annotationMusts.test), compiled. */
export class SuiteTest {
  private constructor(private readonly assertions: Assertion[]) {}

  /** Compiling a test takes seconds on a slow machine: each is compiled once per process. */
  static load(testFile: string): SuiteTest {
    let test = loaded.get(testFile)
    if (!test) loaded.set(testFile, (test = SuiteTest.compile(testFile)))
    return test
  }

  private static compile(testFile: string): SuiteTest {
    const ajv = new Ajv({
      strict: false,
      allErrors: true,
      validateSchema: false,
      formats: { uri: URI, 'date-time': DATE_TIME },
    })
    const definitions = join(SUITE_DIR, 'definitions')
    for (const name of readdirSync(definitions).filter((n) => n.endsWith('.json'))) {
      ajv.addSchema(toDraft07(readJson(join(definitions, name)), true) as object)
    }
    const test = readJson(join(SUITE_DIR, testFile)) as { assertions: string[] }
    const assertions = test.assertions.map((file) => {
      const schema = toDraft07(readJson(join(SUITE_DIR, file)), true) as {
        errorMessage?: string
        expectedResult?: string
      }
      if (schema.expectedResult !== 'valid') throw new Error(`${file}: expects invalid input`)
      return { file, errorMessage: schema.errorMessage ?? file, validate: ajv.compile(schema) }
    })
    return new SuiteTest(assertions)
  }

  /** Every assertion the document fails, with ajv's errors. */
  check(document: unknown): SuiteFailure[] {
    const failures: SuiteFailure[] = []
    for (const { file, errorMessage, validate } of this.assertions) {
      if (validate(document)) continue
      failures.push({
        assertion: file,
        message: errorMessage,
        errors: (validate.errors ?? []).map(describeError),
      })
    }
    return failures
  }
}

function describeError(error: ErrorObject): string {
  return `${error.instancePath || '/'} ${error.message ?? error.keyword} (${error.schemaPath})`
}

/** A readable report of failures per document, for an assertion message. */
export function describeFailures(label: string, failures: SuiteFailure[]): string {
  return failures
    .map((f) => `${label}: ${f.message} [${f.assertion}]\n    ${f.errors.join('\n    ')}`)
    .join('\n')
}
