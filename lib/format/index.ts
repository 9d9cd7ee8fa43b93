// lib/format: how the library writes numbers and markdown tables; every table and finding uses it.
export {
  counted,
  duration,
  formatPercent,
  formatRatio,
  formatValue,
  scientific,
  inMiB,
  mib,
  row,
  si,
  signedPoints,
  withCommas,
} from "./numbers";
export { formatMarkdownTable } from "./markdown-table";
