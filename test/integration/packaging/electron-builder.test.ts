/**
 * Packaging: electron-builder.yml is checked against electron-builder's own JSON schema, then
 * `electron-builder --dir --linux` really packages the built app (with a placeholder instead of
 * the Electron binary, which cannot be downloaded here) and the resulting app.asar is opened.
 */
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { chmod, mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { join, posix } from 'node:path'
import { promisify } from 'node:util'
import { extractFile, listPackage, uncache } from '@electron/asar'
import Ajv, { type ValidateFunction } from 'ajv'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { installedElectronVersion, PROJECT_ROOT } from '../../helpers/project'
import {
  isNodeBuiltin,
  moduleReferences,
  packageName,
  type ModuleReference,
} from '../../helpers/module-specifiers'
import { tempDir } from '../../helpers/temp-dir'

const execFileAsync = promisify(execFile)
const requireHere = createRequire(import.meta.url)

const CONFIG_FILE = join(PROJECT_ROOT, 'electron-builder.yml')
const BUILT_MAIN = join(PROJECT_ROOT, 'out/main/index.js')
const BUILT_PRELOAD = join(PROJECT_ROOT, 'out/preload/index.cjs')
const BUILD_FIRST =
  'run `npm run build` before this test (npm run build && npx vitest run test/integration/packaging)'

// Toolchain packages that must never ship inside the app.
const DEV_TOOLS = [
  'electron',
  'electron-builder',
  'electron-vite',
  'vite',
  'vitest',
  'typescript',
  'eslint',
  'prettier',
  'playwright-core',
  'tsx',
  '@doyensec/electronegativity',
]

interface PackageJson {
  main?: unknown
  dependencies?: Record<string, string>
  devDependencies?: Record<string, string>
}

interface YamlParser {
  load(text: string): unknown
}

/*
 * js-yaml is not a dependency of ours and has no types here; electron-builder reads
 * electron-builder.yml with it, so take that very copy from app-builder-lib's own dependencies
 * (immune to how npm happens to hoist node_modules).
 */
function electronBuildersYamlParser(): YamlParser {
  const builderRequire = createRequire(requireHere.resolve('electron-builder/package.json'))
  const libRequire = createRequire(builderRequire.resolve('app-builder-lib/package.json'))
  return libRequire('js-yaml') as YamlParser
}

async function readJson<T>(path: string): Promise<T> {
  return JSON.parse(await readFile(path, 'utf8')) as T
}

function describeErrors(errors: unknown): string {
  return JSON.stringify(errors, null, 2)
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  if (!png.subarray(0, 8).equals(signature) || png.toString('latin1', 12, 16) !== 'IHDR') {
    throw new Error('not a PNG file')
  }
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) }
}

/** Relative references (src, href, CSS url()) in a page or stylesheet, without ?query/#hash. */
function assetReferences(text: string, kind: 'html' | 'css'): string[] {
  const pattern =
    kind === 'html' ? /\s(?:src|href)\s*=\s*(["'])(.*?)\1/g : /url\(\s*(["']?)(.*?)\1\s*\)/g
  return [...text.matchAll(pattern)]
    .map((m) => m[2] ?? '')
    .filter((ref) => ref !== '' && !ref.startsWith('data:') && !ref.startsWith('#'))
}

function assertLocal(ref: string, from: string): void {
  if (/^[a-z][a-z0-9+.-]*:/i.test(ref) || ref.startsWith('//')) {
    throw new Error(`${from} references a remote or absolute URL: ${ref} (the app is offline)`)
  }
  if (ref.startsWith('/')) {
    throw new Error(`${from} references ${ref} from the root, which is / under file://`)
  }
}

function stripQuery(ref: string): string {
  return ref.split(/[?#]/)[0] ?? ref
}

describe('electron-builder.yml', () => {
  let config: unknown
  let validate: ValidateFunction

  beforeAll(async () => {
    config = electronBuildersYamlParser().load(await readFile(CONFIG_FILE, 'utf8'))
    const schemaFile = join(PROJECT_ROOT, 'node_modules/app-builder-lib/scheme.json')
    // strict: false because the schema uses non-standard keywords (e.g. `typeof: function`).
    validate = new Ajv({ strict: false, allErrors: true }).compile(
      await readJson<object>(schemaFile),
    )
  })

  it('is valid against app-builder-lib/scheme.json', () => {
    expect(validate(config), describeErrors(validate.errors)).toBe(true)
  })

  it('would reject an invalid configuration (the validation can fail)', () => {
    const broken = { ...(config as object), fileAssociation: { ext: 'claimdesk' }, asar: 'yes' }
    expect(validate(broken)).toBe(false)
    const paths = (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`)
    expect(paths.join('\n')).toContain('must NOT have additional properties')
    expect(paths.join('\n')).toContain('/asar')
  })

  it('names the app, its icon, targets and the .claimdesk file association', () => {
    expect(config).toMatchObject({
      appId: 'org.claimdesk.app',
      productName: 'Claimdesk',
      directories: { output: 'dist', buildResources: 'build' },
      files: ['out/**', 'package.json'],
      asar: true,
      icon: 'build/icon.png',
      linux: { target: ['AppImage', 'deb'], category: 'Office' },
      win: { target: ['nsis'] },
      mac: { target: ['dmg'], category: 'public.app-category.productivity' },
      fileAssociations: [
        {
          ext: 'claimdesk',
          name: 'Claimdesk project',
          role: 'Editor',
          mimeType: 'application/x-claimdesk',
        },
      ],
    })
    // A Debian package needs a maintainer with an e-mail address.
    expect(config).toMatchObject({
      deb: { maintainer: expect.stringMatching(/<[^@\s]+@[^>\s]+>$/) },
    })
  })

  it('has a committed 512x512 PNG icon', async () => {
    const icon = await readFile(join(PROJECT_ROOT, 'build/icon.png'))
    expect(pngSize(icon)).toEqual({ width: 512, height: 512 })
  })
})

describe('built preload', () => {
  it('loads nothing but electron (a sandboxed preload cannot)', async () => {
    if (!existsSync(BUILT_PRELOAD))
      throw new Error(`out/preload/index.cjs is missing: ${BUILD_FIRST}`)
    const refs = moduleReferences(await readFile(BUILT_PRELOAD, 'utf8'), BUILT_PRELOAD)
    expect(refs).toContainEqual({ kind: 'require', specifier: 'electron' })
    expect(refs.filter((r) => r.kind !== 'require' || r.specifier !== 'electron')).toEqual([])
  })
})

describe('electron-builder --dir --linux', () => {
  let work: Awaited<ReturnType<typeof tempDir>> | null = null
  let asarPath = ''
  let entries = new Set<string>()
  let manifest: PackageJson = {}

  const read = (path: string): string => extractFile(asarPath, path).toString('utf8')
  const has = (path: string): boolean => entries.has(posix.normalize(path))

  beforeAll(async () => {
    if (!existsSync(BUILT_MAIN)) throw new Error(`out/main/index.js is missing: ${BUILD_FIRST}`)
    manifest = await readJson<PackageJson>(join(PROJECT_ROOT, 'package.json'))
    work = await tempDir('claimdesk-packaging-')

    // electron-builder copies an "unpacked Electron" folder; a tiny script stands in for it.
    const electronDist = join(work.path, 'electron-dist')
    await mkdir(electronDist)
    const placeholder = join(electronDist, 'electron')
    await writeFile(placeholder, '#!/bin/sh\necho "Claimdesk packaging test placeholder"\n')
    await chmod(placeholder, 0o755)

    const output = join(work.path, 'dist')
    const cli = join(PROJECT_ROOT, 'node_modules/electron-builder/cli.js')
    const args = [
      cli,
      '--dir',
      '--linux',
      '--publish',
      'never',
      '--projectDir',
      PROJECT_ROOT,
      `-c.electronDist=${electronDist}`,
      `-c.electronVersion=${await installedElectronVersion()}`,
      `-c.directories.output=${output}`,
    ]
    await execFileAsync(process.execPath, args, {
      cwd: PROJECT_ROOT,
      timeout: 110_000,
      maxBuffer: 32 * 1024 * 1024,
    }).catch((error: unknown) => {
      const detail = error instanceof Error ? error.message : String(error)
      throw new Error(`electron-builder --dir failed:\n${detail}`)
    })

    // linux-unpacked on x64, linux-arm64-unpacked on arm64.
    const unpacked = (await readdir(output)).find((name) => name.endsWith('-unpacked'))
    if (!unpacked) throw new Error(`electron-builder produced no *-unpacked folder in ${output}`)
    asarPath = join(output, unpacked, 'resources/app.asar')
    entries = new Set(
      listPackage(asarPath, { isPack: false }).map((p) =>
        p.replaceAll('\\', '/').replace(/^\//, ''),
      ),
    )
  }, 120_000)

  afterAll(async () => {
    if (asarPath) uncache(asarPath)
    await work?.cleanup()
  })

  it('contains the entry points, and the packaged package.json names the same main', () => {
    expect(typeof manifest.main).toBe('string')
    const main = String(manifest.main)
    for (const entry of [main, 'out/preload/index.cjs', 'out/renderer/index.html']) {
      expect(has(entry), `${entry} in app.asar`).toBe(true)
    }
    const packaged = JSON.parse(read('package.json')) as PackageJson
    expect(packaged.main).toBe(main)
  })

  it('contains every asset index.html references (and those its stylesheets reference)', () => {
    const html = read('out/renderer/index.html')
    const refs = assetReferences(html, 'html')
    expect(
      refs.some((r) => r.endsWith('.js')),
      'index.html loads a script',
    ).toBe(true)
    for (const ref of refs) {
      assertLocal(ref, 'out/renderer/index.html')
      const path = posix.join('out/renderer', stripQuery(ref))
      expect(has(path), `${path} (from index.html) in app.asar`).toBe(true)
      if (path.endsWith('.css')) {
        for (const cssRef of assetReferences(read(path), 'css')) {
          assertLocal(cssRef, path)
          const asset = posix.join(posix.dirname(path), stripQuery(cssRef))
          expect(has(asset), `${asset} (from ${path}) in app.asar`).toBe(true)
        }
      }
    }
  })

  it('ships only out/ and package.json besides node_modules', () => {
    const stray = [...entries].filter(
      (p) => !/^(out|node_modules)(\/|$)/.test(p) && p !== 'package.json',
    )
    expect(stray).toEqual([])
  })

  it('contains the runtime dependencies and every package the main process imports', () => {
    const runtime = Object.keys(manifest.dependencies ?? {})
    expect(runtime).toEqual(expect.arrayContaining(['lowdb', 'zod']))
    for (const name of runtime) {
      expect(has(`node_modules/${name}/package.json`), `${name} in app.asar`).toBe(true)
    }

    // Follow the main bundle's imports (chunks included) as Node will at startup.
    const seen = new Set<string>()
    const pending = [String(manifest.main)]
    const unresolved: string[] = []
    while (pending.length > 0) {
      const file = pending.pop() as string
      if (seen.has(file)) continue
      seen.add(file)
      for (const ref of moduleReferences(read(file), file)) {
        const where = `${file}: ${ref.kind}(${ref.specifier ?? '<computed>'})`
        if (ref.specifier === null) {
          unresolved.push(where)
        } else if (ref.specifier.startsWith('.')) {
          const target = posix.join(posix.dirname(file), ref.specifier)
          if (has(target)) pending.push(target)
          else unresolved.push(where)
        } else if (ref.specifier !== 'electron' && !isNodeBuiltin(ref.specifier)) {
          const name = packageName(ref.specifier)
          if (!has(`node_modules/${name}/package.json`)) unresolved.push(where)
        }
      }
    }
    expect(unresolved, 'imports of the main process that app.asar cannot satisfy').toEqual([])
  })

  it('leaves the development tools out', () => {
    const devDependencies = Object.keys(manifest.devDependencies ?? {})
    expect(devDependencies).toEqual(expect.arrayContaining(DEV_TOOLS))
    const shipped = DEV_TOOLS.filter((name) => has(`node_modules/${name}`))
    expect(shipped).toEqual([])
  })

  it('packages a preload that loads nothing but electron', () => {
    const refs: ModuleReference[] = moduleReferences(read('out/preload/index.cjs'), 'index.cjs')
    expect(refs.filter((r) => r.kind !== 'require' || r.specifier !== 'electron')).toEqual([])
  })
})
