// The Knowledge Challenge of a gloss term page: a Wordle-style game.
// Scoring is exactly gloss-core's `challenge::score` (feedback.rs): first
// every letter in the right place is green; then, left to right, a letter
// is yellow while the answer still has an unmatched copy of it (copies used
// by greens or by earlier yellows do not count), and gray otherwise.
// tests/preview/feedback.test.js checks this file against cases the Rust
// engine wrote (tests/fixtures/preview/feedback-cases.json).
(function () {
  "use strict";

  // ASCII-only case folding, as Rust's `to_ascii_lowercase`.
  function fold(text) {
    return String(text).replace(/[A-Z]/g, function (c) { return c.toLowerCase(); });
  }

  // One mark per letter of `guess`: "green", "yellow" or "gray".
  function score(guess, answer) {
    var g = fold(guess);
    var a = fold(answer);
    var unmatched = Object.create(null);
    for (var i = 0; i < a.length; i++) {
      if (i >= g.length || g[i] !== a[i]) {
        unmatched[a[i]] = (unmatched[a[i]] || 0) + 1;
      }
    }
    var marks = [];
    for (var j = 0; j < g.length; j++) {
      if (j < a.length && a[j] === g[j]) {
        marks.push("green");
      } else if ((unmatched[g[j]] || 0) > 0) {
        unmatched[g[j]] -= 1;
        marks.push("yellow");
      } else {
        marks.push("gray");
      }
    }
    return marks;
  }

  var RANK = { gray: 1, yellow: 2, green: 3 };

  // The keyboard keeps the best mark a letter has had.
  function better(old, mark) {
    return old && RANK[old] >= RANK[mark] ? old : mark;
  }

  var SAID = { green: "right place", yellow: "elsewhere in the word", gray: "not in the word" };

  if (typeof module === "object" && module.exports) {
    module.exports = { score: score, better: better };
  }
  if (typeof document === "undefined") {
    return;
  }

  function start() {
    var data = document.getElementById("gloss-challenge");
    var board = document.getElementById("gloss-board");
    var keyboard = document.getElementById("gloss-keyboard");
    var status = document.getElementById("gloss-status");
    if (!data || !board || !keyboard || !status) {
      return;
    }
    var game;
    try {
      game = JSON.parse(data.textContent);
    } catch (e) {
      return;
    }
    var section = board.closest(".challenge") || board;
    var word = String(game.word || "").toUpperCase();
    var length = word.length;
    var maxGuesses = game.maxGuesses || 6;
    var lists = (typeof self !== "undefined" && self.glossWords) || {};
    var accepted = new Set(String(lists[length] || "").split(" "));
    var rows = board.querySelectorAll(".row");
    var guesses = [];
    var typed = "";
    var over = false;
    var keyMarks = Object.create(null);
    section.setAttribute("data-state", "playing");

    function say(text) {
      status.textContent = text;
    }

    function hintText() {
      return game.hint ? " Hint: " + game.hint : "";
    }

    function drawTyped() {
      var row = rows[guesses.length];
      if (!row) {
        return;
      }
      var tiles = row.querySelectorAll(".tile");
      for (var i = 0; i < tiles.length; i++) {
        var letter = typed[i] || "";
        tiles[i].textContent = letter;
        tiles[i].setAttribute("aria-label", letter || "empty");
      }
    }

    function submit() {
      if (typed.length !== length) {
        say("Not a " + length + "-letter word: " + (typed || "nothing") + " has " + typed.length + " letter" + (typed.length === 1 ? "" : "s") + ".");
        section.setAttribute("data-refused", "length");
        return;
      }
      if (typed !== word && !accepted.has(fold(typed))) {
        say(typed + " is not in the word list.");
        section.setAttribute("data-refused", "word-list");
        return;
      }
      section.removeAttribute("data-refused");
      var marks = score(typed, word);
      var row = rows[guesses.length];
      var tiles = row ? row.querySelectorAll(".tile") : [];
      var spoken = [];
      for (var i = 0; i < marks.length; i++) {
        var letter = typed[i];
        if (tiles[i]) {
          tiles[i].setAttribute("data-mark", marks[i]);
          tiles[i].setAttribute("aria-label", letter + ", " + SAID[marks[i]]);
        }
        keyMarks[letter] = better(keyMarks[letter], marks[i]);
        var key = keyboard.querySelector('[data-key="' + letter + '"]');
        if (key) {
          key.setAttribute("data-mark", keyMarks[letter]);
          key.setAttribute("aria-label", letter + ", " + SAID[keyMarks[letter]]);
        }
        spoken.push(letter + " " + SAID[marks[i]]);
      }
      guesses.push(typed);
      var n = guesses.length;
      var line = "Guess " + n + " of " + maxGuesses + ", " + typed + ": " + spoken.join(", ") + ".";
      typed = "";
      if (marks.every(function (m) { return m === "green"; })) {
        over = true;
        section.setAttribute("data-state", "won");
        say(line + " Solved in " + n + "/" + maxGuesses + "! The word was " + word + "." + hintText());
      } else if (n >= maxGuesses) {
        over = true;
        section.setAttribute("data-state", "lost");
        say(line + " Out of guesses. The word was " + word + "." + hintText());
      } else {
        say(line);
      }
    }

    function press(key) {
      if (over) {
        return;
      }
      if (key === "Enter") {
        submit();
      } else if (key === "Backspace") {
        typed = typed.slice(0, -1);
        drawTyped();
      } else if (/^[A-Za-z]$/.test(key) && typed.length < length) {
        typed += key.toUpperCase();
        drawTyped();
      }
    }

    keyboard.addEventListener("click", function (event) {
      var button = event.target.closest("[data-key]");
      if (button) {
        press(button.getAttribute("data-key"));
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey) {
        return;
      }
      var target = event.target;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) {
        return;
      }
      if (event.key === "Enter" || event.key === "Backspace" || /^[A-Za-z]$/.test(event.key)) {
        // Enter on a focused on-screen key must not also click it.
        event.preventDefault();
        press(event.key);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
