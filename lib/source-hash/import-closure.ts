/**
 * The lib files a module needs: the module that defines an exported name
 * (following `export { x } from` through barrels) and the transitive closure
 * of relative imports, `import type` included. Paths are lib-relative with "/".
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

/**
 * Files a module loads by path at run time, which no import statement names:
 * the PNG worker's script, and the oneDNN addon's C++ sources (the addon is
 * compiled from them, so they decide the native kernels' numbers).
 */
const LOADED_BY_PATH: Record<string, string[]> = {
  "plot/png.ts": ["plot/png-worker.ts"],
  "backend/native/addon.ts": ["backend/native/src/"],
};

function isFile(file: string): boolean {
  return existsSync(file) && statSync(file).isFile();
}

/** The lib-relative file a relative specifier names, or undefined for a package or a file outside lib. */
export function resolveImport(root: string, from: string, specifier: string): string | undefined {
  if (!specifier.startsWith(".")) return undefined;
  const base = path.join(root, path.dirname(from), specifier);
  const relative = path.relative(root, base);
  if (relative.startsWith("..")) return undefined;
  const found = [`${base}.ts`, path.join(base, "index.ts"), base].find(isFile);
  if (found === undefined) {
    throw new Error(`lib/${from} imports "${specifier}", which is no file in lib/; fix the import`);
  }
  return path.relative(root, found).split(path.sep).join("/");
}

function parse(root: string, file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(path.join(root, file), "utf8"), ts.ScriptTarget.Latest);
}

const hasExport = (node: ts.Node) =>
  ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

/** Names `file` declares and exports itself (not re-exports from another module). */
function ownExports(source: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement) && !statement.moduleSpecifier) {
      if (statement.exportClause && ts.isNamedExports(statement.exportClause)) {
        for (const element of statement.exportClause.elements) names.add(element.name.text);
      }
    } else if (hasExport(statement)) {
      if (ts.isVariableStatement(statement)) {
        for (const declaration of statement.declarationList.declarations) {
          if (ts.isIdentifier(declaration.name)) names.add(declaration.name.text);
        }
      } else if (
        (ts.isFunctionDeclaration(statement) ||
          ts.isClassDeclaration(statement) ||
          ts.isInterfaceDeclaration(statement) ||
          ts.isTypeAliasDeclaration(statement) ||
          ts.isEnumDeclaration(statement)) &&
        statement.name
      ) {
        names.add(statement.name.text);
      }
    }
  }
  return names;
}

/** The lib file that defines `name` as `entry` exports it, or undefined when `entry` does not export it. */
export function definingModule(root: string, entry: string, name: string): string | undefined {
  const source = parse(root, entry);
  if (ownExports(source).has(name)) return entry;
  const starTargets: string[] = [];
  for (const statement of source.statements) {
    if (!ts.isExportDeclaration(statement) || !statement.moduleSpecifier) continue;
    const target = resolveImport(root, entry, (statement.moduleSpecifier as ts.StringLiteral).text);
    if (target === undefined) continue;
    const clause = statement.exportClause;
    if (clause === undefined) starTargets.push(target);
    else if (ts.isNamespaceExport(clause)) {
      if (clause.name.text === name) return target;
    } else {
      const element = clause.elements.find((e) => e.name.text === name);
      if (element) return definingModule(root, target, (element.propertyName ?? element.name).text);
    }
  }
  for (const target of starTargets) {
    const found = definingModule(root, target, name);
    if (found) return found;
  }
  return undefined;
}

/** The modules `file` imports for their effect at load (`import` statements, not `export … from`). */
export function loadTimeImports(root: string, file: string): string[] {
  return parse(root, file)
    .statements.filter(ts.isImportDeclaration)
    .map((statement) => resolveImport(root, file, (statement.moduleSpecifier as ts.StringLiteral).text))
    .filter((target): target is string => target !== undefined);
}

function filesUnder(root: string, folder: string): string[] {
  return readdirSync(path.join(root, folder), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"));
}

/** `entries` and every lib file they import, directly or not, sorted. */
export function importClosure(root: string, entries: Iterable<string>): string[] {
  const seen = new Set<string>();
  const pending = [...entries];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (!file.endsWith(".ts")) continue;
    const { importedFiles } = ts.preProcessFile(readFileSync(path.join(root, file), "utf8"), true, true);
    for (const imported of importedFiles) {
      const target = resolveImport(root, file, imported.fileName);
      if (target !== undefined) pending.push(target);
    }
    for (const loaded of LOADED_BY_PATH[file] ?? []) {
      pending.push(...(loaded.endsWith("/") ? filesUnder(root, loaded) : [loaded]));
    }
  }
  return [...seen].sort();
}
