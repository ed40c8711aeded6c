import { builtinModules } from 'node:module'
import ts from 'typescript'

/** A module a script loads: `specifier` is null when the argument is not a string literal. */
export interface ModuleReference {
  kind: 'import' | 'export' | 'dynamic-import' | 'require'
  specifier: string | null
}

function literal(node: ts.Node | undefined): string | null {
  return node && ts.isStringLiteralLike(node) ? node.text : null
}

/**
 * Every module a built JavaScript file loads (static and dynamic imports, re-exports and
 * `require` calls), found with the TypeScript parser so strings and comments cannot fool it.
 */
export function moduleReferences(code: string, fileName: string): ModuleReference[] {
  const source = ts.createSourceFile(
    fileName,
    code,
    ts.ScriptTarget.Latest,
    false,
    ts.ScriptKind.JS,
  )
  const found: ModuleReference[] = []
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      found.push({ kind: 'import', specifier: literal(node.moduleSpecifier) })
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      found.push({ kind: 'export', specifier: literal(node.moduleSpecifier) })
    } else if (ts.isCallExpression(node)) {
      if (node.expression.kind === ts.SyntaxKind.ImportKeyword) {
        found.push({ kind: 'dynamic-import', specifier: literal(node.arguments[0]) })
      } else if (ts.isIdentifier(node.expression) && node.expression.text === 'require') {
        found.push({ kind: 'require', specifier: literal(node.arguments[0]) })
      }
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

/** True for Node's own modules (`fs`, `node:fs`, `fs/promises`). */
export function isNodeBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || builtinModules.includes(specifier)
}

/** The package a bare specifier names: `zod` for `zod/v4`, `@scope/pkg` for `@scope/pkg/x`. */
export function packageName(specifier: string): string {
  const parts = specifier.split('/')
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier)
}
