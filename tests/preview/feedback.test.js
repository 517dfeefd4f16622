// The game's scoring (crates/gloss-site/src/assets/game.js) against the
// Rust engine's: every case of tests/fixtures/preview/feedback-cases.json,
// which crates/gloss-site/tests/feedback_agreement.rs writes from
// gloss_core::challenge::score and checks is current.
// Run: node tests/preview/feedback.test.js  (exit 1 on any mismatch)
"use strict";
const fs = require("fs");
const path = require("path");

const root = path.join(__dirname, "..", "..");
const game = require(path.join(root, "crates/gloss-site/src/assets/game.js"));
const fixture = JSON.parse(
  fs.readFileSync(path.join(root, "tests/fixtures/preview/feedback-cases.json"), "utf8"),
);

let failures = 0;
for (const c of fixture.cases) {
  for (const [guess, answer] of [[c.guess, c.answer], [c.guess.toLowerCase(), c.answer]]) {
    const got = game.score(guess, answer);
    if (JSON.stringify(got) !== JSON.stringify(c.marks)) {
      failures += 1;
      if (failures <= 20) {
        console.error(`${guess} vs ${answer}: expected ${c.marks.join(",")}, got ${got.join(",")}`);
      }
    }
  }
}
const repeated = fixture.cases.filter((c) => new Set(c.guess).size < c.guess.length).length;
if (fixture.cases.length < 200 || repeated < 50) {
  console.error(`too few cases: ${fixture.cases.length} (${repeated} with repeated letters)`);
  failures += 1;
}

// The keyboard keeps the best mark: green > yellow > gray.
const better = [
  [undefined, "gray", "gray"], ["gray", "yellow", "yellow"], ["yellow", "gray", "yellow"],
  ["green", "yellow", "green"], ["yellow", "green", "green"], ["gray", "green", "green"],
];
for (const [old, mark, want] of better) {
  if (game.better(old, mark) !== want) {
    console.error(`better(${old}, ${mark}) = ${game.better(old, mark)}, expected ${want}`);
    failures += 1;
  }
}

if (failures > 0) {
  console.error(`${failures} mismatches with the Rust engine`);
  process.exit(1);
}
console.log(`${fixture.cases.length} cases (${repeated} with repeated letters in the guess): the game scores as the Rust engine`);
