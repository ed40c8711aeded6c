import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { AppFailure } from '../../shared/result'
import { defaultUserName } from '../projects/open-project'
import { packProject } from '../sharing/pack'
import { formatBytes } from '../sharing/package-zip'
import { type ProjectSnapshot, readProjectFolder } from '../sharing/project-snapshot'
import { unpackAsNewProject } from '../sharing/unpack'
import { verifyProject } from '../sharing/verify'
import {
  EXPORT_FORMATS,
  type ExportSettings,
  type ExportSource,
  findExportFormat,
} from './export-formats'

/** Where the CLI writes: normal output and errors (tests capture both). */
export interface CliIo {
  out(line: string): void
  err(line: string): void
}

export const EXIT_OK = 0
/** Problems found, or the command failed. */
export const EXIT_FAILED = 1
export const EXIT_USAGE = 2

interface ParsedArgs {
  positional: string[]
  flags: Map<string, string | true>
}

/** Flags that take a value; every other `--name` is a switch. */
const VALUE_FLAGS = new Set([
  'format',
  'out',
  'title',
  'author',
  'language',
  'status',
  'sections',
  'reviewer',
  'reviewer-url',
])

function parseArgs(args: readonly string[]): ParsedArgs {
  const positional: string[] = []
  const flags = new Map<string, string | true>()
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string
    if (arg === '-h') flags.set('help', true)
    else if (arg.startsWith('--')) {
      const [name = '', inline] = arg.slice(2).split(/=(.*)/s, 2)
      if (VALUE_FLAGS.has(name)) {
        const value = inline ?? args[++i]
        if (value === undefined) throw new UsageError(`--${name} needs a value.`)
        flags.set(name, value)
      } else flags.set(name, true)
    } else positional.push(arg)
  }
  return { positional, flags }
}

class UsageError extends Error {}

interface Command {
  usage: string
  help: string[]
  flags: string[]
  run(args: ParsedArgs, io: CliIo): Promise<number>
}

const COMMANDS: Record<string, Command> = {
  verify: {
    usage: 'claimdesk verify <project-folder | file.claimdesk>',
    help: [
      'Checks every document against its schema, every reference between entities, and every',
      'evidence file and frame against its recorded SHA-256. Reads only: takes no lock and',
      'changes nothing, so it can check a project that is open in the app.',
      'Prints each problem; exits with 1 if there is any, 0 if there is none.',
    ],
    flags: [],
    async run({ positional }, io) {
      const [target] = requireArgs(positional, 1, this.usage)
      const report = await verifyProject(target)
      for (const problem of report.problems) io.out(`problem (${problem.kind}): ${problem.message}`)
      const files = `${report.filesChecked} evidence file${report.filesChecked === 1 ? '' : 's'} hashed`
      if (report.problems.length === 0) {
        io.out(`OK: ${report.target} has no problems (${files}).`)
        return EXIT_OK
      }
      io.out(
        `${report.problems.length} problem${report.problems.length === 1 ? '' : 's'} in ${report.target} (${files}).`,
      )
      return EXIT_FAILED
    },
  },
  pack: {
    usage: 'claimdesk pack <project-folder> <out.claimdesk> [--with-media]',
    help: [
      'Writes the project as one .claimdesk file to share. With --with-media, copied evidence',
      'files and captured frames go into it too (linked files never do). Opens the project and',
      'takes its lock for the time it takes (it records the shared state for later merges), so',
      'close the project in the app first.',
    ],
    flags: ['--with-media'],
    async run({ positional, flags }, io) {
      const [folder, out] = requireArgs(positional, 2, this.usage)
      const result = await packProject(resolve(folder), resolve(out), {
        includeMedia: flags.has('with-media'),
      })
      io.out(`Wrote ${result.file}: ${result.entries} entries, ${formatBytes(result.size)}.`)
      return EXIT_OK
    },
  },
  unpack: {
    usage: 'claimdesk unpack <file.claimdesk> <new-folder>',
    help: [
      'Checks the package completely, then writes it as a new project in <new-folder>, which',
      'must not exist yet or be empty. The project keeps its id, so packages of it can later be',
      'merged into either copy.',
    ],
    flags: [],
    async run({ positional }, io) {
      const [file, folder] = requireArgs(positional, 2, this.usage)
      const result = await unpackAsNewProject(resolve(file), resolve(folder))
      io.out(`Unpacked into ${result.folder}.`)
      for (const problem of result.problems) io.out(`note: ${problem.message}`)
      return EXIT_OK
    },
  },
  export: {
    usage:
      'claimdesk export <project-folder | file.claimdesk> --format <format> --out <file> [options]',
    help: [
      'Exports the project in another format. Reads only (no lock, nothing changed); a',
      '.claimdesk file is checked and unpacked into a temporary folder first.',
      'Formats:',
      ...EXPORT_FORMATS.map((f) => `  ${f.id.padEnd(16)} ${f.description} (${f.extension})`),
      'Report options (html, pdf, markdown, docx, csv-*, json):',
      "  --title <text>         the report's title (default: the project's name)",
      '  --author <name>        who wrote it',
      '  --language <en|de>     language of the headings and labels (default: en)',
      '  --status <s1,s2>       only claims with one of these statuses, e.g. verified,false',
      '  --sections <a,b>       these sections in this order (default: all): claims, quotes,',
      '                         evidence, sources, contradictions, method, appendix',
      'Other options:',
      '  --reviewer <name>      claimreview: the organisation publishing the reviews (required)',
      '  --reviewer-url <url>   claimreview: its web address',
      '  --with-media           qdpx: copy video evidence into the file',
    ],
    flags: [
      '--format <format>',
      '--out <file>',
      '--title <text>',
      '--author <name>',
      '--language <en|de>',
      '--status <list>',
      '--sections <list>',
      '--reviewer <name>',
      '--reviewer-url <url>',
      '--with-media',
    ],
    async run({ positional, flags }, io) {
      const [target] = requireArgs(positional, 1, this.usage)
      const formatId = flags.get('format')
      const out = flags.get('out')
      if (typeof formatId !== 'string' || typeof out !== 'string') {
        throw new UsageError(`Give --format and --out.\nUsage: ${this.usage}`)
      }
      const format = findExportFormat(formatId)
      if (!format) {
        throw new UsageError(
          `Unknown format "${formatId}". Available: ${EXPORT_FORMATS.map((f) => f.id).join(', ')}.`,
        )
      }
      const settings = exportSettings(flags)
      await withExportSource(target, (source) => format.write(source, resolve(out), settings))
      io.out(`Exported ${resolve(target)} as ${format.id} to ${resolve(out)}.`)
      return EXIT_OK
    },
  },
}

/** A comma-separated list flag's items ([] when the flag is not given). */
function listFlag(flags: ParsedArgs['flags'], name: string): string[] {
  const value = flags.get(name)
  if (value === undefined) return []
  if (value === true) throw new UsageError(`--${name} needs a value.`)
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
}

function exportSettings(flags: ParsedArgs['flags']): ExportSettings {
  const text = (name: string) => {
    const value = flags.get(name)
    return typeof value === 'string' ? value : undefined
  }
  const reviewer = text('reviewer')
  const reviewerUrl = text('reviewer-url')
  if (reviewerUrl !== undefined && reviewer === undefined) {
    throw new UsageError('--reviewer-url needs --reviewer (the name of the organisation).')
  }
  return {
    ...(text('title') === undefined ? {} : { title: text('title') }),
    ...(text('author') === undefined ? {} : { author: text('author') }),
    ...(text('language') === undefined ? {} : { language: text('language') }),
    statuses: listFlag(flags, 'status'),
    sections: listFlag(flags, 'sections'),
    ...(reviewer === undefined
      ? {}
      : { reviewer: { name: reviewer, ...(reviewerUrl ? { url: reviewerUrl } : {}) } }),
    includeMedia: flags.has('with-media'),
  }
}

/** The documents as the exporters read a project, without opening (locking) it. */
function projectOf(snapshot: ProjectSnapshot, folder: string): ExportSource['project'] {
  const articles = new Map(snapshot.articles.map((a) => [a.id, a]))
  return {
    folder,
    userName: defaultUserName(),
    doc: { data: snapshot.project },
    registry: { data: snapshot.registry },
    readArticle: async (id) => {
      const article = articles.get(id)
      if (!article) throw new AppFailure('not-found', `No article with id ${id} in ${folder}.`)
      return article
    },
  }
}

/**
 * Runs `work` on the project at `target`: a folder as it is, a `.claimdesk` file checked and
 * unpacked into a temporary folder (removed afterwards), so media is there for the exports
 * that need it.
 */
async function withExportSource<T>(
  target: string,
  work: (source: ExportSource) => Promise<T>,
): Promise<T> {
  const path = resolve(target)
  const info = await stat(path).catch(() => null)
  if (!info) throw new AppFailure('not-found', `${path} does not exist.`)
  if (info.isDirectory()) {
    const snapshot = await readProjectFolder(path)
    return work({ snapshot, folder: path, project: projectOf(snapshot, path) })
  }
  const temp = await mkdtemp(join(tmpdir(), 'claimdesk-export-'))
  try {
    const { folder } = await unpackAsNewProject(path, join(temp, 'project'))
    const snapshot = await readProjectFolder(folder)
    return await work({ snapshot, folder, project: projectOf(snapshot, folder) })
  } finally {
    await rm(temp, { recursive: true, force: true })
  }
}

/** The positional arguments, which must be exactly `count` (the second is '' when count is 1). */
function requireArgs(positional: string[], count: 1 | 2, usage: string): [string, string] {
  if (positional.length !== count) {
    throw new UsageError(
      `Expected ${count} argument${count === 1 ? '' : 's'}, got ${positional.length}.\nUsage: ${usage}`,
    )
  }
  return [positional[0] ?? '', positional[1] ?? '']
}

function commandHelp(name: string, command: Command): string[] {
  return [
    `Usage: ${command.usage}`,
    '',
    ...command.help,
    ...(command.flags.length > 0 ? ['', `Options: ${command.flags.join(', ')}`] : []),
    '',
    `Run "claimdesk ${name}" in plain Node; it does not need the app.`,
  ]
}

function mainHelp(): string[] {
  return [
    'Usage: claimdesk <command> [arguments] [--help]',
    '',
    'Commands:',
    ...Object.values(COMMANDS).map((c) => `  ${c.usage}`),
    '',
    `Export formats: ${EXPORT_FORMATS.map((f) => f.id).join(', ')}`,
    'Exit codes: 0 done (no problems), 1 problems found or the command failed, 2 wrong usage.',
  ]
}

/** Runs one CLI command and returns its exit code; never throws. */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = args
  try {
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      mainHelp().forEach((line) => io.out(line))
      return name === undefined ? EXIT_USAGE : EXIT_OK
    }
    const command = COMMANDS[name]
    if (!command) throw new UsageError(`Unknown command "${name}".`)
    const parsed = parseArgs(rest)
    if (parsed.flags.has('help')) {
      commandHelp(name, command).forEach((line) => io.out(line))
      return EXIT_OK
    }
    const allowed = new Set(['help', ...command.flags.map((f) => f.slice(2).split(' ')[0])])
    for (const flag of parsed.flags.keys()) {
      if (!allowed.has(flag)) throw new UsageError(`Unknown option --${flag} for ${name}.`)
    }
    return await command.run(parsed, io)
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(error.message)
      if (!error.message.includes('Usage:')) io.err('Run "claimdesk --help" for the commands.')
      return EXIT_USAGE
    }
    io.err(error instanceof AppFailure ? error.message : `Unexpected error: ${String(error)}`)
    return EXIT_FAILED
  }
}
