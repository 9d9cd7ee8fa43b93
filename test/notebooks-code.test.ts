/**
 * The notebooks' code cells read like d2l: they type-check (strict) against the
 * library they import, no line is longer than 120 characters, and no cell
 * builds prose in template literals (the words live in markdown cells).
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import ts from "typescript";
import { joinText, type Notebook } from "../scripts/notebook/notebook-json";
import { selectNotebooks } from "../scripts/notebook/paths";
import { repoRoot } from "../lib/repo-root";

const MAX_LINE = 120;
/** Template-literal characters a cell may hold: a line or two of text, not paragraphs. */
const MAX_TEMPLATE_TEXT_PER_CELL = 240;

function codeCells(file: string): string[] {
  const notebook = JSON.parse(readFileSync(file, "utf8")) as Notebook;
  return notebook.cells.filter((cell) => cell.cell_type === "code").map((cell) => joinText(cell.source));
}

const notebooks = selectNotebooks([]);
const name = (file: string) => path.basename(file);

test("no notebook code line is longer than 120 characters", () => {
  const long = notebooks.flatMap((file) =>
    codeCells(file).flatMap((source, cell) =>
      source
        .split("\n")
        .filter((line) => line.length > MAX_LINE)
        .map((line) => `${name(file)}, code cell ${cell + 1}: ${line.length} chars`),
    ),
  );
  assert.deepEqual(long, []);
});

function templateText(source: string): number {
  const file = ts.createSourceFile("cell.ts", source, ts.ScriptTarget.ES2022, true);
  let total = 0;
  const visit = (node: ts.Node): void => {
    if (ts.isTemplateExpression(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      total += node.getText(file).length;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return total;
}

test("no code cell builds prose in template literals", () => {
  const wordy = notebooks.flatMap((file) =>
    codeCells(file)
      .map((source, cell) => ({ cell, chars: templateText(source) }))
      .filter(({ chars }) => chars > MAX_TEMPLATE_TEXT_PER_CELL)
      .map(({ cell, chars }) => `${name(file)}, code cell ${cell + 1}: ${chars} characters of template literals`),
  );
  assert.deepEqual(wordy, []);
});

/** Names declared at the top level of a cell: tslab turns them into `exports.NAME`. */
function topLevelNames(source: string): string[] {
  const file = ts.createSourceFile("cell.ts", source, ts.ScriptTarget.ES2022, true);
  const names: string[] = [];
  const bind = (name: ts.BindingName): void => {
    if (ts.isIdentifier(name)) names.push(name.text);
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) bind(element.name);
  };
  for (const statement of file.statements) {
    if (ts.isVariableStatement(statement)) for (const d of statement.declarationList.declarations) bind(d.name);
    if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name)
      names.push(statement.name.text);
  }
  return names;
}

function shorthandUses(source: string, names: Set<string>): string[] {
  const file = ts.createSourceFile("cell.ts", source, ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isShorthandPropertyAssignment(node) && names.has(node.name.text)) found.push(node.name.text);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** Top-level `const { a: b } = …`: tslab 1.0.22 rewrites it into `const { exports, a: b, … }`, a SyntaxError. */
function renamingDestructurings(source: string): string[] {
  const file = ts.createSourceFile("cell.ts", source, ts.ScriptTarget.ES2022, true);
  return file.statements
    .filter(ts.isVariableStatement)
    .flatMap((statement) => statement.declarationList.declarations)
    .filter((d) => ts.isObjectBindingPattern(d.name) && d.name.elements.some((e) => e.propertyName !== undefined))
    .map((d) => d.name.getText(file));
}

test("no cell renames properties in a top-level object destructuring", () => {
  const found = notebooks.flatMap((file) =>
    codeCells(file).flatMap((source, cell) =>
      renamingDestructurings(source).map((pattern) => `${name(file)}, code cell ${cell + 1}: ${pattern}`),
    ),
  );
  assert.deepEqual(found, []);
});

// tslab 1.0.22 rewrites a name declared in another cell to `exports.NAME`, but not inside `{ NAME }`: a ReferenceError.
test("no cell uses another cell's top-level name as a shorthand property", () => {
  const uses = notebooks.flatMap((file) => {
    const cells = codeCells(file);
    const declared = cells.map(topLevelNames);
    return cells.flatMap((source, cell) => {
      const own = new Set(declared[cell]);
      const others = new Set(declared.flatMap((names, i) => (i === cell ? [] : names)).filter((n) => !own.has(n)));
      return shorthandUses(source, others).map((n) => `${name(file)}, code cell ${cell + 1}: { ${n} }`);
    });
  });
  assert.deepEqual(uses, []);
});

test("every notebook's code type-checks, strict, against the library it imports", (t) => {
  // Inside the repository, so "d2l-alexnet" and "tslab" resolve as they do for the kernel.
  const dir = mkdtempSync(path.join(repoRoot(), ".notebook-typecheck-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const files = notebooks.map((file) => {
    const out = path.join(dir, name(file).replace(/\.ipynb$/, ".ts"));
    writeFileSync(out, `${codeCells(file).join("\n")}\nexport {};\n`);
    return out;
  });
  const program = ts.createProgram(files, {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ES2022,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    skipLibCheck: true,
    noEmit: true,
    types: ["node"],
  });
  const errors = ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    return `${d.file ? path.basename(d.file.fileName) : ""}${where ? `:${where.line + 1}` : ""}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`;
  });
  assert.deepEqual(errors, []);
});
