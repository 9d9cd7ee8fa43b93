/** A GitHub-flavoured markdown table, for notebooks that display results as markdown. */
export function markdownTable(headers: string[], rows: (string | number)[][], { align }: { align?: ("left" | "right")[] } = {}): string {
  const escape = (cell: string | number): string => String(cell).replace(/\|/g, "\\|").replace(/\n/g, " ");
  const rule = headers.map((_, c) => ((align?.[c] ?? (c === 0 ? "left" : "right")) === "right" ? "---:" : ":---"));
  return [headers, rule, ...rows].map((cells) => `| ${cells.map(escape).join(" | ")} |`).join("\n");
}
