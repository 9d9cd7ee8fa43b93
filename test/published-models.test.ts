/**
 * The published table is data; these tests keep each row consistent with the source
 * text it quotes, and the derived columns with their definitions.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  ALEXNET_PAPER,
  comparisonTable,
  countedRow,
  findPublished,
  publishedRow,
  PUBLISHED_MODELS,
} from "../lib/exercises/ex3-why-not-alexnet";
import { formatMarkdownTable } from "../lib/format";
import { alexnetSpec } from "../lib/models/zoo";

describe("published figures", () => {
  test("every row has a source, plausible values, and one name", () => {
    const names = new Set(PUBLISHED_MODELS.map((m) => m.name));
    assert.equal(names.size, PUBLISHED_MODELS.length);
    for (const m of PUBLISHED_MODELS) {
      assert.ok(m.source.length > 40, m.name);
      assert.ok(m.params > 1e6 && m.params < 1e9, m.name);
      assert.ok(m.macs > 1e8 && m.macs < 1e11, m.name);
      assert.ok(m.top1 > 50 && m.top1 < 90, m.name);
      assert.ok(m.year >= 2012 && m.year <= 2025, m.name);
    }
  });

  test("torchvision rows say exactly what their quoted metadata says", () => {
    const rows = PUBLISHED_MODELS.filter((m) => m.source.startsWith("torchvision"));
    assert.ok(rows.length >= 5);
    for (const m of rows) {
      const quoted = (key: string): number => Number(new RegExp(`${key} ([0-9.]+)`).exec(m.source)![1]);
      assert.equal(quoted("num_params"), m.params, m.name);
      assert.equal(Math.round(quoted("_ops") * 1e9), m.macs, m.name);
      assert.equal(quoted("acc@1"), m.top1, m.name);
    }
  });

  test("the networks exercise 3 compares with are there; unknown names fail loudly", () => {
    for (const name of ["ResNet-50", "MobileNet v1", "MobileNet v2", "VGG-11", "AlexNet (torchvision)"])
      assert.equal(findPublished(name).name, name);
    assert.throws(() => findPublished("LeNet"), /no published figures for "LeNet"/);
    assert.equal(ALEXNET_PAPER.epochs * ALEXNET_PAPER.trainingImages, 108e6);
  });
});

describe("comparison rows", () => {
  test("published: FLOPs = 2 × MACs, weight reuse = MACs / params", () => {
    const r = publishedRow(findPublished("ResNet-50"));
    assert.equal(r.flops, 2 * 4.089e9);
    assert.equal(r.weightReuse, 4.089e9 / 25_557_032);
    assert.equal(r.weightIntensity, r.weightReuse / 2);
    assert.equal(r.origin, "published");
  });

  test("counted: d2l's AlexNet at ImageNet size", () => {
    const r = countedRow(alexnetSpec({ channels: 3, classes: 1000 }), { year: 2012, source: "counted" });
    assert.equal(r.params, 3_747_200 + 6400 * 4096 + 4096 + 4096 * 4096 + 4096 + 4096 * 1000 + 1000);
    assert.equal(r.macs, 962_858_112 + 6400 * 4096 + 4096 * 4096 + 4096 * 1000);
    assert.equal(r.top1, undefined);
  });

  test("markdown table: header rule, right-aligned numbers, escaped pipes", () => {
    assert.equal(formatMarkdownTable(["a", "b"], [["x|y", 1]]), "| a | b |\n| :-- | --: |\n| x\\|y | 1 |");
  });
});

describe("comparison table", () => {
  test("one line per network, sources numbered below", () => {
    const rows = [
      publishedRow(findPublished("ResNet-50")),
      countedRow(alexnetSpec({ channels: 3, classes: 1000 }), { year: 2012, source: "counted here" }),
    ];
    const text = comparisonTable(rows);
    assert.match(
      text,
      /\| ResNet-50 \| 2015 \| 25\.56 \| 4\.089 \| 8\.18 \| 76\.1 \| 160\.0 \| 80\.0 \| published \| \[1\] \|/,
    );
    assert.match(text, /\| AlexNet \| 2012 \| .* \| – \| .* \| counted \| \[2\] \|/);
    assert.match(text, /\[2\] counted here$/);
  });
});
