/**
 * A GitHub-flavoured markdown table: the form notebooks display with
 * `display.markdown(...)` and nbconvert copies into the exported markdown as is.
 * By default the first column is left-aligned, the others (numbers) right-aligned.
 */
export function formatMarkdownTable(
  headers: string[],
  rows: (string | number)[][],
  { align }: { align?: ("left" | "right")[] } = {},
): string {
  for (const row of rows) {
    if (row.length !== headers.length)
      throw new Error(`formatMarkdownTable: a row has ${row.length} cells, the header ${headers.length}`);
  }
  const escapeCell = (cell: string | number): string => String(cell).replace(/\|/g, "\\|").replace(/\n/g, " ");
  const line = (cells: (string | number)[]): string => `| ${cells.map(escapeCell).join(" | ")} |`;
  const alignment = (i: number) => align?.[i] ?? (i === 0 ? "left" : "right");
  const rule = `|${headers.map((_, i) => (alignment(i) === "left" ? " :-- " : " --: ")).join("|")}|`;
  return [line(headers), rule, ...rows.map(line)].join("\n");
}
