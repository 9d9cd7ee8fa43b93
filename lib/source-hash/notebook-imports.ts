/** What a notebook's code cells import from the library: "d2l-alexnet" and its exercise entry points. */
import ts from "typescript";

export const PACKAGE_NAME = "d2l-alexnet";

export interface LibImport {
  /** "d2l-alexnet" or a subpath such as "d2l-alexnet/ex4". */
  specifier: string;
  /** The imported names as the module exports them; "*" for `import * as x` or a default import (everything). */
  names: string[] | "*";
}

/** The library imports in `code` (a notebook's code cells), one entry per import statement. */
export function libImports(code: string): LibImport[] {
  const source = ts.createSourceFile("notebook.ts", code, ts.ScriptTarget.Latest);
  const found: LibImport[] = [];
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement)) continue;
    const specifier = (statement.moduleSpecifier as ts.StringLiteral).text;
    if (specifier !== PACKAGE_NAME && !specifier.startsWith(`${PACKAGE_NAME}/`)) continue;
    const clause = statement.importClause;
    const bindings = clause?.namedBindings;
    if (clause === undefined) {
      found.push({ specifier, names: [] });
    } else if (bindings === undefined || ts.isNamespaceImport(bindings) || clause.name) {
      found.push({ specifier, names: "*" });
    } else {
      found.push({ specifier, names: bindings.elements.map((e) => (e.propertyName ?? e.name).text) });
    }
  }
  return found;
}
