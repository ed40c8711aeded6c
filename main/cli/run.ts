import { stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { AppFailure } from '../../shared/result'
import { packProject } from '../sharing/pack'
import { formatBytes } from '../sharing/package-zip'
import { readProjectFolder } from '../sharing/project-snapshot'
import { readSharePackage } from '../sharing/read-package'
import { unpackAsNewProject } from '../sharing/unpack'
import { verifyProject } from '../sharing/verify'
import { EXPORT_FORMATS, type ExportSource, findExportFormat } from './export-formats'

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
const VALUE_FLAGS = new Set(['format', 'out'])

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
    usage: 'claimdesk export <project-folder | file.claimdesk> --format <format> --out <file>',
    help: [
      'Exports the project in another format. Reads only (no lock, nothing changed).',
      'Formats:',
      ...EXPORT_FORMATS.map((f) => `  ${f.id.padEnd(12)} ${f.description} (${f.extension})`),
    ],
    flags: ['--format <format>', '--out <file>'],
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
      await format.write(await exportSource(target), resolve(out))
      io.out(`Exported ${resolve(target)} as ${format.id} to ${resolve(out)}.`)
      return EXIT_OK
    },
  },
}

async function exportSource(target: string): Promise<ExportSource> {
  const path = resolve(target)
  const info = await stat(path).catch(() => null)
  if (!info) throw new AppFailure('not-found', `${path} does not exist.`)
  if (info.isDirectory()) return { snapshot: await readProjectFolder(path), folder: path }
  return { snapshot: (await readSharePackage(path)).snapshot, folder: null }
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
