// The parser, table-driven: many small sources -> a compact AST summary and the exact syntax errors with their
// ranges (0-based line:character, as LSP counts them), plus targeted checks of node ranges, comments, literals
// and limits. The summary format is described in test/support/ast-summary.ts.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

import { parse, MAX_NESTING, MAX_SYNTAX_ERRORS } from '../server/src/core/syntax/parse';
import type { Call, Experiment, ListLiteral, NumberLiteral, Property, StringLiteral, Value } from '../server/src/core/syntax/ast';
import { SourceText } from '../server/src/core/syntax/source';
import { formatErrors, formatRange, summarize, summarizeExperiment, walk } from './support/ast-summary';
import { rangeProblems, tightRangeProblems } from './support/ranges';
import { ISSUE_EXAMPLE, SMALL_PROGRAMS } from './support/programs';

interface Row {
  readonly name: string;
  readonly source: string;
  /** summarize(document): experiments joined by ' | '. */
  readonly ast: string;
  /** `line:col-line:col message`, in the order parse() returns them. */
  readonly errors: readonly string[];
}

const ROWS: readonly Row[] = [
  {
    name: "number",
    source: "experiment a { x: 3 }",
    ast: "experiment a { x: 3 }",
    errors: [],
  },
  {
    name: "negative and decimal numbers",
    source: "experiment a { x: [-0.8, .5, 1., 0.001] }",
    ast: "experiment a { x: [-0.8, 0.5, 1, 0.001] }",
    errors: [],
  },
  {
    name: "scientific numbers",
    source: "experiment a { x: [1e-5, 2.5E+3, 1E3, -3e0] }",
    ast: "experiment a { x: [0.00001, 2500, 1000, -3] }",
    errors: [],
  },
  {
    name: "plus sign",
    source: "experiment a { x: +2 }",
    ast: "experiment a { x: 2 }",
    errors: [],
  },
  {
    name: "double-quoted string",
    source: "experiment a { x: \"runs/val.csv\" }",
    ast: "experiment a { x: \"runs/val.csv\" }",
    errors: [],
  },
  {
    name: "single-quoted string",
    source: "experiment a { x: 'runs/val.csv' }",
    ast: "experiment a { x: \"runs/val.csv\" }",
    errors: [],
  },
  {
    name: "quotes of the other kind inside strings",
    source: "experiment a { x: 'say \"hi\"' y: \"it's\" }",
    ast: "experiment a { x: \"say \\\"hi\\\"\" ; y: \"it's\" }",
    errors: [],
  },
  {
    name: "escapes in strings",
    source: "experiment a { x: \"a\\\"b\\\\c\\n\\t\\u00e9\" y: 'it\\'s' }",
    ast: "experiment a { x: \"a\\\"b\\\\c\\n\\té\" ; y: \"it's\" }",
    errors: [],
  },
  {
    name: "# inside a string is not a comment",
    source: "experiment a { x: \"a#b\" y: '#' }",
    ast: "experiment a { x: \"a#b\" ; y: \"#\" }",
    errors: [],
  },
  {
    name: "true and false",
    source: "experiment a { x: true y: false }",
    ast: "experiment a { x: true ; y: false }",
    errors: [],
  },
  {
    name: "bare identifier",
    source: "experiment a { loss: binary_crossentropy }",
    ast: "experiment a { loss: binary_crossentropy }",
    errors: [],
  },
  {
    name: "call with no arguments",
    source: "experiment a { loss: binary_crossentropy() }",
    ast: "experiment a { loss: call(binary_crossentropy) }",
    errors: [],
  },
  {
    name: "positional arguments",
    source: "experiment a { x: input(8, 1) }",
    ast: "experiment a { x: call(input, 8, 1) }",
    errors: [],
  },
  {
    name: "named arguments",
    source: "experiment a { optimizer: adam(learning_rate: 0.001, beta_1: 0.9) }",
    ast: "experiment a { optimizer: call(adam, learning_rate: 0.001, beta_1: 0.9) }",
    errors: [],
  },
  {
    name: "positional then named",
    source: "experiment a { model { dense(3, activation: softmax) } }",
    ast: "experiment a { model { call(dense, 3, activation: softmax) } }",
    errors: [],
  },
  {
    name: "value kinds as arguments",
    source: "experiment a { data: csv(\"v.csv\", y_true: \"label\", y_pred: [\"p0\", \"p1\"], header: true, n: -1, f: f1(average: macro)) }",
    ast: "experiment a { data: call(csv, \"v.csv\", y_true: \"label\", y_pred: [\"p0\", \"p1\"], header: true, n: -1, f: call(f1, average: macro)) }",
    errors: [],
  },
  {
    name: "trailing comma in a call",
    source: "experiment a { x: f(1, b: 2,) }",
    ast: "experiment a { x: call(f, 1, b: 2) }",
    errors: [],
  },
  {
    name: "list of names",
    source: "experiment a { classes: [cat, dog, horse] }",
    ast: "experiment a { classes: [cat, dog, horse] }",
    errors: [],
  },
  {
    name: "list of strings",
    source: "experiment a { classes: [\"cat\", 'dog'] }",
    ast: "experiment a { classes: [\"cat\", \"dog\"] }",
    errors: [],
  },
  {
    name: "list of calls and names",
    source: "experiment a { metrics: [accuracy, f1(average: macro), log_loss] }",
    ast: "experiment a { metrics: [accuracy, call(f1, average: macro), log_loss] }",
    errors: [],
  },
  {
    name: "mixed list",
    source: "experiment a { x: [1, \"a\", b, true, [2], c()] }",
    ast: "experiment a { x: [1, \"a\", b, true, [2], call(c)] }",
    errors: [],
  },
  {
    name: "trailing comma in a list",
    source: "experiment a { x: [1, 2,] y: [a, b,] }",
    ast: "experiment a { x: [1, 2] ; y: [a, b] }",
    errors: [],
  },
  {
    name: "nested numeric lists",
    source: "experiment a { y: [[0.4, 0.4, 0.2], [0.7, 0.2, 0.1],] }",
    ast: "experiment a { y: [[0.4, 0.4, 0.2], [0.7, 0.2, 0.1]] }",
    errors: [],
  },
  {
    name: "nested non-numeric lists",
    source: "experiment a { y: [[a, 1], [[b]], []] }",
    ast: "experiment a { y: [[a, 1], [[b]], []] }",
    errors: [],
  },
  {
    name: "empty list",
    source: "experiment a { x: [] }",
    ast: "experiment a { x: [] }",
    errors: [],
  },
  {
    name: "empty nested lists",
    source: "experiment a { x: [[], [[]]] }",
    ast: "experiment a { x: [[], [[]]] }",
    errors: [],
  },
  {
    name: "empty block",
    source: "experiment a { model { } }",
    ast: "experiment a { model { } }",
    errors: [],
  },
  {
    name: "empty experiment",
    source: "experiment a {}",
    ast: "experiment a { }",
    errors: [],
  },
  {
    name: "empty file",
    source: "",
    ast: "",
    errors: [],
  },
  {
    name: "only white space and comments",
    source: "  # a comment\n\n\t# another\n",
    ast: "",
    errors: [],
  },
  {
    name: "extends",
    source: "experiment val_run_7 extends cats_dogs_horses { loss: categorical_crossentropy(label_smoothing: 0.1) }",
    ast: "experiment val_run_7 extends cats_dogs_horses { loss: call(categorical_crossentropy, label_smoothing: 0.1) }",
    errors: [],
  },
  {
    name: "two experiments",
    source: "experiment a { task: binary }\nexperiment b extends a { loss: x }",
    ast: "experiment a { task: binary } | experiment b extends a { loss: x }",
    errors: [],
  },
  {
    name: "model block of layers",
    source: "experiment a {\n  model {\n    input(8)\n    dense(16, activation: relu)\n    dropout(0.2)\n    flatten\n  }\n}",
    ast: "experiment a { model { call(input, 8) ; call(dense, 16, activation: relu) ; call(dropout, 0.2) ; flatten } }",
    errors: [],
  },
  {
    name: "data block of properties",
    source: "experiment a { data { y_true: [1, 0] y_pred: [0.7, 0.2] } }",
    ast: "experiment a { data { y_true: [1, 0] ; y_pred: [0.7, 0.2] } }",
    errors: [],
  },
  {
    name: "block mixing values and properties",
    source: "experiment a { model { dense(3) units: 4 relu } }",
    ast: "experiment a { model { call(dense, 3) ; units: 4 ; relu } }",
    errors: [],
  },
  {
    name: "keyword-like names are names",
    source: "experiment experiments { extended: experimental trueish: falsey }",
    ast: "experiment experiments { extended: experimental ; trueish: falsey }",
    errors: [],
  },
  {
    name: "comment at end of file without newline",
    source: "experiment a { x: 1 } # done",
    ast: "experiment a { x: 1 }",
    errors: [],
  },
  {
    name: "comment between tokens",
    source: "experiment a # name\n{ # open\n  x: # key\n  1 # value\n}",
    ast: "experiment a { x: 1 }",
    errors: [],
  },
  {
    name: "tabs",
    source: "experiment\ta\t{\n\tx:\t[1,\t2]\n}",
    ast: "experiment a { x: [1, 2] }",
    errors: [],
  },
  {
    name: "CRLF line endings",
    source: "experiment a {\r\n  x: 1\r\n  y z\r\n}\r\n",
    ast: "experiment a { x: 1 ; y: z }",
    errors: ["2:4-2:5 expected ':' or '{' after 'y', found 'z'"],
  },
  {
    name: "lone CR line endings",
    source: "experiment a {\r  x: 1\r  y z\r}",
    ast: "experiment a { x: 1 ; y: z }",
    errors: ["2:4-2:5 expected ':' or '{' after 'y', found 'z'"],
  },
  {
    name: "mixed line endings",
    source: "experiment a {\n\r\r\n  y z\n}",
    ast: "experiment a { y: z }",
    errors: ["3:4-3:5 expected ':' or '{' after 'y', found 'z'"],
  },
  {
    name: "BOM at the start",
    source: "\ufeffexperiment a { y z }",
    ast: "experiment a { y: z }",
    errors: ["0:18-0:19 expected ':' or '{' after 'y', found 'z'"],
  },
  {
    name: "non-ASCII names",
    source: "experiment é { classes: [猫, \ud835\udcb3, é_1, ñandú] labels: Ωmega }",
    ast: "experiment é { classes: [猫, \ud835\udcb3, é_1, ñandú] ; labels: Ωmega }",
    errors: [],
  },
  {
    name: "astral characters count two UTF-16 units",
    source: "experiment \ud835\udcb3 { \ud835\udcb3\ud835\udcb3 }",
    ast: "experiment \ud835\udcb3 { \ud835\udcb3\ud835\udcb3: ? }",
    errors: ["0:21-0:22 expected ':' or '{' after '\ud835\udcb3\ud835\udcb3', found '}'"],
  },
  {
    name: "NUL byte between tokens",
    source: "experiment a {\u0000 x: 1 }",
    ast: "experiment a { x: 1 }",
    errors: ["0:14-0:15 unexpected character '\\u0000'"],
  },
  {
    name: "NUL byte inside a string",
    source: "experiment a { x: \"a\u0000b\" }",
    ast: "experiment a { x: \"a\\u0000b\" }",
    errors: [],
  },
  {
    name: "missing ':'",
    source: "experiment a { loss categorical_crossentropy }",
    ast: "experiment a { loss: categorical_crossentropy }",
    errors: ["0:20-0:44 expected ':' or '{' after 'loss', found 'categorical_crossentropy'"],
  },
  {
    name: "missing ':' before a call",
    source: "experiment a { optimizer adam(learning_rate: 0.1) }",
    ast: "experiment a { optimizer: call(adam, learning_rate: 0.1) }",
    errors: ["0:25-0:29 expected ':' or '{' after 'optimizer', found 'adam'"],
  },
  {
    name: "missing ':' and value",
    source: "experiment a {\n  loss\n  metrics: [accuracy]\n}",
    ast: "experiment a { loss: ? ; metrics: [accuracy] }",
    errors: ["2:2-2:9 expected ':' or '{' after 'loss', found 'metrics'"],
  },
  {
    name: "missing value before }",
    source: "experiment a { loss: }",
    ast: "experiment a { loss: ? }",
    errors: ["0:21-0:22 expected a value after ':', found '}'"],
  },
  {
    name: "missing value before the next property",
    source: "experiment a {\n  loss:\n  metrics: [accuracy]\n}",
    ast: "experiment a { loss: ? ; metrics: [accuracy] }",
    errors: ["2:2-2:9 expected a value after ':', found 'metrics'"],
  },
  {
    name: "missing value of a named argument",
    source: "experiment a { x: f(a: ) }",
    ast: "experiment a { x: call(f, a: ?) }",
    errors: ["0:23-0:24 expected a value after ':', found ')'"],
  },
  {
    name: "missing '}' at end of file",
    source: "experiment a {\n  loss: x\n",
    ast: "experiment a { loss: x",
    errors: ["1:9-1:9 expected '}' after 'x' to close experiment 'a', found end of the file"],
  },
  {
    name: "missing '}' of a block at end of file",
    source: "experiment a { model { dense(3)",
    ast: "experiment a { model { call(dense, 3)",
    errors: ["0:31-0:31 expected '}' after ')', found end of the file"],
  },
  {
    name: "missing '}' of a block closes the experiment",
    source: "experiment a {\n  model {\n    dense(3)\n  loss: x\n}",
    ast: "experiment a { model { call(dense, 3) ; loss: x }",
    errors: ["4:1-4:1 expected '}' after '}' to close experiment 'a', found end of the file"],
  },
  {
    name: "missing '}' before the next experiment",
    source: "experiment a {\n  loss: x\nexperiment b { loss: y }",
    ast: "experiment a { loss: x | experiment b { loss: y }",
    errors: ["1:9-1:9 expected '}' after 'x' to close experiment 'a', found 'experiment'"],
  },
  {
    name: "missing ']' at end of line",
    source: "experiment a {\n  classes: [cat, dog\n  loss: x\n}",
    ast: "experiment a { classes: [cat, dog] ; loss: x }",
    errors: ["2:2-2:6 expected ',' or ']' after 'dog', found 'loss'"],
  },
  {
    name: "missing ']' after a trailing comma",
    source: "experiment a {\n  metrics: [accuracy,\n  data { y_true: [1] }\n}",
    ast: "experiment a { metrics: [accuracy] ; data { y_true: [1] } }",
    errors: ["2:2-2:6 expected a value or ']' after ',', found 'data'"],
  },
  {
    name: "missing ')' at end of line",
    source: "experiment a {\n  optimizer: adam(0.1\n  loss: x\n}",
    ast: "experiment a { optimizer: call(adam, 0.1 ; loss: x }",
    errors: ["2:2-2:6 expected ',' or ')' after '0.1', found 'loss'"],
  },
  {
    name: "missing '{'",
    source: "experiment a loss: x }",
    ast: "experiment a loss: x }",
    errors: ["0:13-0:17 expected '{' after 'a', found 'loss'"],
  },
  {
    name: "missing experiment name",
    source: "experiment { x: 1 }",
    ast: "experiment ? { x: 1 }",
    errors: ["0:11-0:12 expected a name after 'experiment', found '{'"],
  },
  {
    name: "missing parent name",
    source: "experiment a extends { x: 1 }",
    ast: "experiment a { x: 1 }",
    errors: ["0:21-0:22 expected a name after 'extends', found '{'"],
  },
  {
    name: "misspelt 'extends'",
    source: "experiment a extend b { x: 1 }",
    ast: "experiment a { x: 1 }",
    errors: ["0:13-0:19 expected 'extends' or '{' after 'a', found 'extend'"],
  },
  {
    name: "stray name after the parent",
    source: "experiment a extends b c { x: 1 }",
    ast: "experiment a extends b { x: 1 }",
    errors: ["0:23-0:24 expected '{' after 'b', found 'c'"],
  },
  {
    name: "unterminated string at end of line",
    source: "experiment a {\n  data: csv(\"runs/val.csv)\n}",
    ast: "experiment a { data: call(csv, \"runs/val.csv)\"<unterminated> }",
    errors: ["1:12-1:26 unterminated string: add the closing quote"],
  },
  {
    name: "unterminated string swallowing the closers",
    source: "experiment a { data: csv(\"runs/val.csv) }",
    ast: "experiment a { data: call(csv, \"runs/val.csv) }\"<unterminated>",
    errors: ["0:25-0:41 unterminated string: add the closing quote"],
  },
  {
    name: "unterminated string ending in a backslash",
    source: "experiment a { x: \"abc\\",
    ast: "experiment a { x: \"abc\\\\\"<unterminated>",
    errors: ["0:18-0:23 unterminated string: add the closing quote"],
  },
  {
    name: "[1 2]",
    source: "experiment a { x: [1 2] }",
    ast: "experiment a { x: [1, 2] }",
    errors: ["0:21-0:22 expected ',' or ']' after '1', found '2'"],
  },
  {
    name: "[a b]",
    source: "experiment a { x: [a b] }",
    ast: "experiment a { x: [a, b] }",
    errors: ["0:21-0:22 expected ',' or ']' after 'a', found 'b'"],
  },
  {
    name: "[1,,2]",
    source: "experiment a { x: [1,,2] }",
    ast: "experiment a { x: [1, 2] }",
    errors: ["0:21-0:22 expected a value or ']' after ',', found ','"],
  },
  {
    name: "[a,,b]",
    source: "experiment a { x: [a,,b] }",
    ast: "experiment a { x: [a, b] }",
    errors: ["0:21-0:22 expected a value or ']' after ',', found ','"],
  },
  {
    name: "[,]",
    source: "experiment a { x: [,] }",
    ast: "experiment a { x: [] }",
    errors: ["0:19-0:20 expected a value or ']' after '[', found ','"],
  },
  {
    name: "f(1 2)",
    source: "experiment a { x: f(1 2) }",
    ast: "experiment a { x: call(f, 1) }",
    errors: ["0:22-0:23 expected ',' or ')' after '1', found '2'"],
  },
  {
    name: "f(a,,b)",
    source: "experiment a { x: f(a,,b) }",
    ast: "experiment a { x: call(f, a, b) }",
    errors: ["0:22-0:23 expected an argument or ')' after ',', found ','"],
  },
  {
    name: "missing comma before a named argument",
    source: "experiment a { model { dense(3 activation: relu) } }",
    ast: "experiment a { model { call(dense, 3 ; activation: relu } }",
    errors: ["0:31-0:41 expected ',' or ')' after '3', found 'activation'", "0:47-0:48 expected a value, a property or '}' after 'relu', found ')'"],
  },
  {
    name: "stray token before the first experiment",
    source: "task: binary\nexperiment a { }",
    ast: "experiment a { }",
    errors: ["0:0-0:12 unexpected 'task': a file holds experiments, 'experiment NAME { ... }'"],
  },
  {
    name: "stray text before the first experiment is one error",
    source: "hello world 42 [1, 2]\nexperiment a { }",
    ast: "experiment a { }",
    errors: ["0:0-0:21 unexpected 'hello': a file holds experiments, 'experiment NAME { ... }'"],
  },
  {
    name: "junk after the closing brace",
    source: "experiment a { x: 1 } junk",
    ast: "experiment a { x: 1 }",
    errors: ["0:22-0:26 unexpected 'junk': expected 'experiment'"],
  },
  {
    name: "stray closing brace",
    source: "experiment a { x: 1 } }",
    ast: "experiment a { x: 1 }",
    errors: ["0:22-0:23 unexpected '}': expected 'experiment'"],
  },
  {
    name: "no experiment at all",
    source: "loss: x",
    ast: "",
    errors: ["0:0-0:7 unexpected 'loss': a file holds experiments, 'experiment NAME { ... }'"],
  },
  {
    name: "broken experiment does not affect the next",
    source: "experiment a { loss: [1, } experiment b { loss: x }",
    ast: "experiment a { loss: [1] } | experiment b { loss: x }",
    errors: ["0:25-0:26 expected a value or ']' after ',', found '}'"],
  },
  {
    name: "three experiments, the middle one broken",
    source: "experiment a { x: 1 }\nexperiment b { x: ( }\nexperiment c { x: 3 }",
    ast: "experiment a { x: 1 } | experiment b { x: ? } | experiment c { x: 3 }",
    errors: ["1:18-1:19 expected a value after ':', found '('"],
  },
  {
    name: "'experiment' used as a value",
    source: "experiment a { loss: experiment }",
    ast: "experiment a { loss: ? | experiment ?",
    errors: ["0:20-0:20 expected a value after ':', found 'experiment'", "0:32-0:33 expected a name after 'experiment', found '}'"],
  },
  {
    name: "'extends' used as a key",
    source: "experiment a { extends: 1 }",
    ast: "experiment a { }",
    errors: ["0:15-0:22 expected a property or '}' after '{', found 'extends'"],
  },
  {
    name: "number as a key",
    source: "experiment a { 12: x }",
    ast: "experiment a { x: ? }",
    errors: ["0:15-0:17 expected a property or '}' after '{', found '12'", "0:21-0:22 expected ':' or '{' after 'x', found '}'"],
  },
  {
    name: "value followed by a second value",
    source: "experiment a { x: 1 2 }",
    ast: "experiment a { x: 1 }",
    errors: ["0:20-0:21 expected a property or '}' after '1', found '2'"],
  },
  {
    name: "two colons",
    source: "experiment a { loss: x: y }",
    ast: "experiment a { loss: ? ; x: y }",
    errors: ["0:21-0:22 expected a value after ':', found 'x'"],
  },
  {
    name: "unknown character",
    source: "experiment a { x: 1 @ }",
    ast: "experiment a { x: 1 }",
    errors: ["0:20-0:21 unexpected character '@'"],
  },
  {
    name: "run of unknown characters",
    source: "experiment a { x: $$$ 1 }",
    ast: "experiment a { x: 1 }",
    errors: ["0:18-0:21 unexpected characters '$$$'"],
  },
  {
    name: "unknown character as the only value",
    source: "experiment a { x: ; }",
    ast: "experiment a { x: ? }",
    errors: ["0:18-0:19 unexpected character ';'", "0:20-0:21 expected a value after ':', found '}'"],
  },
  {
    name: "lone minus",
    source: "experiment a { x: -y }",
    ast: "experiment a { x: y }",
    errors: ["0:18-0:19 unexpected character '-'"],
  },
  {
    name: "invisible characters are shown escaped",
    source: "experiment a { x: 1\u2028\u0007 }",
    ast: "experiment a { x: 1 }",
    errors: ["0:19-0:20 unexpected character '\\u2028'", "0:20-0:21 unexpected character '\\u0007'"],
  },
  {
    name: "lone surrogate",
    source: "experiment a { x: \ud800 }",
    ast: "experiment a { x: ? }",
    errors: ["0:18-0:19 unexpected character '\\ud800'", "0:20-0:21 expected a value after ':', found '}'"],
  },
  {
    name: "a number glued to a name",
    source: "experiment a { x: 5abc }",
    ast: "experiment a { x: 5 ; abc: ? }",
    errors: ["0:23-0:24 expected ':' or '{' after 'abc', found '}'"],
  },
  {
    name: "nested block",
    source: "experiment a { model { { } } }",
    ast: "experiment a { model { } }",
    errors: ["0:23-0:24 expected a value, a property or '}' after '{', found '{'", "0:29-0:30 unexpected '}': expected 'experiment'"],
  },
  {
    name: "just the keyword",
    source: "experiment",
    ast: "experiment ?",
    errors: ["0:10-0:10 expected a name after 'experiment', found end of the file"],
  },
  {
    name: "missing comma in a list before a call",
    source: "experiment a {\n  metrics: [accuracy f1(average: macro), log_loss]\n}",
    ast: "experiment a { metrics: [accuracy, call(f1, average: macro), log_loss] }",
    errors: ["1:21-1:23 expected ',' or ']' after 'accuracy', found 'f1'"],
  },
  {
    name: "missing commas in a list of numbers",
    source: "experiment a { x: [1 2 3] }",
    ast: "experiment a { x: [1, 2, 3] }",
    errors: ["0:21-0:22 expected ',' or ']' after '1', found '2'", "0:23-0:24 expected ',' or ']' after '2', found '3'"],
  },
  {
    name: "missing comma between nested lists",
    source: "experiment a { x: [[1] [2]] }",
    ast: "experiment a { x: [[1], [2]] }",
    errors: ["0:23-0:26 expected ',' or ']' after a list, found a list"],
  },
  {
    name: "missing ']' right after '['",
    source: "experiment a {\n  metrics: [\n  loss: x\n}",
    ast: "experiment a { metrics: [] ; loss: x }",
    errors: ["2:2-2:6 expected a value or ']' after '[', found 'loss'"],
  },
  {
    name: "missing comma and ']'",
    source: "experiment a { x: [1 2 }",
    ast: "experiment a { x: [1, 2] }",
    errors: ["0:21-0:22 expected ',' or ']' after '1', found '2'", "0:23-0:24 expected ',' or ']' after '2', found '}'"],
  },
  {
    name: "stray name in a call",
    source: "experiment a { x: f(a b) }",
    ast: "experiment a { x: call(f, a) }",
    errors: ["0:22-0:23 expected ',' or ')' after 'a', found 'b'"],
  },
  {
    name: "unterminated string inside a list",
    source: "experiment a {\n  classes: [\"cat, dog]\n  loss: x\n}",
    ast: "experiment a { classes: [\"cat, dog]\"<unterminated>] ; loss: x }",
    errors: ["1:12-1:22 unterminated string: add the closing quote"],
  },
  {
    name: "comment inside a list",
    source: "experiment a { x: [1, # one\n  2 # two\n] }",
    ast: "experiment a { x: [1, 2] }",
    errors: [],
  },
  {
    name: "second experiment after an unclosed list",
    source: "experiment a { x: [1, 2\nexperiment b { x: 3 }",
    ast: "experiment a { x: [1, 2] | experiment b { x: 3 }",
    errors: ["0:23-0:23 expected ',' or ']' after '2', found 'experiment'"],
  },
];

describe('parser: source -> AST summary and errors', () => {
  for (const row of ROWS) {
    it(row.name, () => {
      const result = parse(row.source);
      assert.equal(summarize(result.document), row.ast, 'AST summary');
      assert.deepEqual(formatErrors(result.errors), row.errors, 'errors');
      assert.deepEqual(rangeProblems(result), [], 'ranges');
      if (row.errors.length === 0) assert.deepEqual(tightRangeProblems(result), [], 'exact ranges');
    });
  }

  it('has distinct row names', () => {
    assert.equal(new Set(ROWS.map((r) => r.name)).size, ROWS.length);
  });
});

/** The text a node covers. */
const textOf = (source: string, node: { start: number; end: number }): string => source.slice(node.start, node.end);

function onlyExperiment(text: string): Experiment {
  const { document, errors } = parse(text);
  assert.deepEqual(formatErrors(errors), []);
  assert.equal(document.experiments.length, 1);
  return document.experiments[0];
}

function property(e: Experiment, key: string): Property {
  const p = e.properties.find((q) => q.key.name === key);
  assert.ok(p, `property ${key}`);
  return p;
}

describe('parser: the issue example', () => {
  it('parses with no error, five experiments and every comment', () => {
    const result = parse(ISSUE_EXAMPLE);
    assert.deepEqual(formatErrors(result.errors), []);
    assert.deepEqual(rangeProblems(result), []);
    assert.deepEqual(
      result.document.experiments.map((e) => [e.name?.name, e.parent?.name]),
      [
        ['cats_dogs_horses', undefined],
        ['codecademy_log_loss', undefined],
        ['bnsreenu_cat_dog', undefined],
        ['val_run_7', 'cats_dogs_horses'],
        ['val_run_8', 'cats_dogs_horses'],
      ],
    );
    assert.equal(result.document.comments.length, 8);
    assert.equal(
      summarizeExperiment(result.document.experiments[0]),
      'experiment cats_dogs_horses { task: multiclass ; classes: [cat, dog, horse] ; labels: onehot ; ' +
        'model { call(input, 8) ; call(dense, 16, activation: relu) ; call(dropout, 0.2) ; call(dense, 3, activation: softmax) } ; ' +
        'loss: sparse_categorical_crossentropy ; optimizer: call(adam, learning_rate: 0.001) ; ' +
        'metrics: [accuracy, call(f1, average: macro), log_loss] ; ' +
        'data { y_true: [[0, 1, 0], [1, 0, 0], [0, 0, 1]] ; y_pred: [[0.4, 0.4, 0.2], [0.7, 0.2, 0.1], [0.1, 0.2, 0.7]] } }',
    );
    assert.equal(
      summarizeExperiment(result.document.experiments[3]),
      'experiment val_run_7 extends cats_dogs_horses { loss: call(categorical_crossentropy, label_smoothing: 0.1) ; ' +
        'data: call(csv, "runs/val.csv", y_true: "label", y_pred: ["p_cat", "p_dog", "p_horse"]) }',
    );
  });

  it('gives exact ranges to names, keys and values', () => {
    const result = parse(ISSUE_EXAMPLE);
    const [first] = result.document.experiments;
    assert.equal(formatRange(first.range), '1:0-21:1');
    assert.equal(formatRange(first.name!.range), '1:11-1:27');
    const loss = property(first, 'loss');
    assert.equal(formatRange(loss.range), '13:2-13:39');
    assert.equal(textOf(ISSUE_EXAMPLE, loss), 'loss: sparse_categorical_crossentropy');
    assert.equal(formatRange(loss.value!.range), '13:8-13:39');
    const model = property(first, 'model');
    assert.equal(formatRange(model.block!.range), '6:8-11:3');
    const lastLayer = model.block!.entries[3] as Call;
    assert.equal(textOf(ISSUE_EXAMPLE, lastLayer), 'dense(3, activation: softmax)');
    assert.equal(formatRange(lastLayer.args[1].range), '10:13-10:32');
    assert.equal(textOf(ISSUE_EXAMPLE, lastLayer.args[1]), 'activation: softmax');
  });

  it('parses every seed program with no error and sound ranges', () => {
    for (const text of SMALL_PROGRAMS) {
      const result = parse(text);
      assert.deepEqual(formatErrors(result.errors), [], text);
      assert.deepEqual(rangeProblems(result), [], text);
      assert.deepEqual(tightRangeProblems(result), [], text);
    }
  });
});

describe('parser: node ranges and offsets', () => {
  it('covers the whole of a node that ends in a name or a string', () => {
    // A node's end once came from its last token's start + 1: `loss: relu` covered `loss: r`.
    const text = 'experiment abc { loss: relu task: "multi" }\nexperiment b extends abc';
    const { document } = parse(text);
    const [a, b] = document.experiments;
    assert.deepEqual(a.properties.map((p) => textOf(text, p)), ['loss: relu', 'task: "multi"']);
    assert.equal(textOf(text, b), 'experiment b extends abc');
    assert.equal(formatRange(b.range), '1:0-1:24');
  });

  it('records the offsets of braces, parentheses and colons', () => {
    const text = 'experiment a { loss: f(x: 1) model { g } }';
    const e = onlyExperiment(text);
    assert.equal(text[e.openBrace], '{');
    assert.equal(e.closeBrace, text.length - 1);
    const loss = property(e, 'loss');
    assert.equal(text[loss.colon], ':');
    assert.equal(loss.colon, 19);
    const call = loss.value as Call;
    assert.equal(call.kind, 'call');
    assert.equal(text[call.openParen], '(');
    assert.equal(text[call.closeParen], ')');
    assert.equal(property(e, 'model').colon, -1);
  });

  it('marks what is missing with -1', () => {
    const { document } = parse('experiment a { loss: f(1');
    const e = document.experiments[0];
    assert.equal(e.closeBrace, -1);
    const call = property(e, 'loss').value as Call;
    assert.equal(call.closeParen, -1);
    assert.equal(textOf('experiment a { loss: f(1', call), 'f(1');
  });

  it('counts CRLF and lone CR as one line break each', () => {
    for (const nl of ['\n', '\r\n', '\r']) {
      const text = ['experiment a {', '  loss: categorical_crossentropy', '  classes: [cat, dog]', '}'].join(nl);
      const e = onlyExperiment(text);
      assert.equal(formatRange(property(e, 'loss').range), '1:2-1:32', JSON.stringify(nl));
      assert.equal(formatRange(property(e, 'classes').value!.range), '2:11-2:21', JSON.stringify(nl));
      assert.equal(formatRange(e.range), '0:0-3:1', JSON.stringify(nl));
    }
  });

  it('counts UTF-16 units: an astral character is two', () => {
    const text = 'experiment 𝒳 {\n  classes: [𝒳, é, 猫]\n}';
    const e = onlyExperiment(text);
    assert.equal(e.name?.name, '𝒳');
    assert.equal(formatRange(e.name!.range), '0:11-0:13');
    const items = (property(e, 'classes').value as ListLiteral).items;
    assert.deepEqual(items.map((i) => formatRange(i.range)), ['1:12-1:14', '1:16-1:17', '1:19-1:20']);
  });

  it('counts a BOM as a character of the first line', () => {
    const e = onlyExperiment('\ufeffexperiment a {}');
    assert.equal(formatRange(e.range), '0:1-0:16');
  });
});

describe('parser: literals and names', () => {
  const values = (text: string): Value[] => {
    const e = onlyExperiment(`experiment a { x: [${text}] }`);
    return (property(e, 'x').value as ListLiteral).items as Value[];
  };

  it('keeps the raw text and the value of numbers, in and out of collapsed numeric lists', () => {
    for (const text of ['.5, 1., 1e-5, 2.5E+3, -0.8, +3', '.5, 1., 1e-5, 2.5E+3, -0.8, +3, x']) {
      const nums = values(text).filter((v): v is NumberLiteral => v.kind === 'number');
      assert.deepEqual(nums.map((n) => n.raw), ['.5', '1.', '1e-5', '2.5E+3', '-0.8', '+3']);
      assert.deepEqual(nums.map((n) => n.value), [0.5, 1, 1e-5, 2500, -0.8, 3]);
    }
  });

  it('decodes strings and knows whether they were closed', () => {
    const [a, b, c] = values(String.raw`"tab\there", 'q\'s', "\\"`) as StringLiteral[];
    assert.deepEqual([a.value, b.value, c.value], ['tab\there', "q's", '\\']);
    assert.ok(a.terminated && b.terminated && c.terminated);
    const { document } = parse('experiment a { x: "open }');
    const s = property(document.experiments[0], 'x').value as StringLiteral;
    assert.equal(s.kind, 'string');
    assert.equal(s.terminated, false);
    assert.equal(s.value, 'open }');
  });

  it('tells a bare name from a call with no arguments', () => {
    const e = onlyExperiment('experiment a { x: relu y: relu() }');
    const x = property(e, 'x').value!;
    const y = property(e, 'y').value as Call;
    assert.equal(x.kind, 'identifier');
    assert.equal(y.kind, 'call');
    assert.equal(y.callee.name, 'relu');
    assert.deepEqual(y.args, []);
  });

  it('lexes keywords only as whole words', () => {
    const e = onlyExperiment('experiment experimental extends extendsx { truex: falsey }');
    assert.equal(e.name?.name, 'experimental');
    assert.equal(e.parent?.name, 'extendsx');
  });
});

describe('parser: comments', () => {
  it('collects comments with their ranges, and not # inside strings', () => {
    const text = '# head\r\nexperiment a { # open\r\n  x: "#no" # tail\r\n} # end';
    const { document, errors } = parse(text);
    assert.deepEqual(errors, []);
    assert.deepEqual(
      document.comments.map((c) => [c.text, formatRange(c.range)]),
      [
        ['# head', '0:0-0:6'],
        ['# open', '1:15-1:21'],
        ['# tail', '2:11-2:17'],
        ['# end', '3:2-3:7'],
      ],
    );
    assert.equal((property(document.experiments[0], 'x').value as StringLiteral).value, '#no');
  });

  it('reads a comment that ends a lone-CR line only to the CR', () => {
    const { document } = parse('# one\r# two');
    assert.deepEqual(document.comments.map((c) => [c.text, formatRange(c.range)]), [['# one', '0:0-0:5'], ['# two', '1:0-1:5']]);
  });
});

describe('parser: limits', () => {
  it(`accepts nesting ${MAX_NESTING} deep (the experiment's braces count) and cuts off what is deeper, with one error`, () => {
    const ok = parse(`experiment a { x: ${'['.repeat(MAX_NESTING - 1)}1${']'.repeat(MAX_NESTING - 1)} }`);
    assert.deepEqual(formatErrors(ok.errors), []);
    const deep = 'experiment a { x: ' + '['.repeat(MAX_NESTING + 5) + 'a' + ']'.repeat(MAX_NESTING + 5) + ' }';
    const result = parse(deep);
    // The cut runs from the first '[' past the limit to its matching ']': 6 of each and the 'a'.
    const cut = 18 + MAX_NESTING - 1;
    assert.deepEqual(formatErrors(result.errors), [
      `0:${cut}-0:${cut + 13} nested more than ${MAX_NESTING} levels deep: the inner part is ignored`,
    ]);
    assert.deepEqual(rangeProblems(result), []);
  });

  it(`shows at most ${MAX_SYNTAX_ERRORS} errors and counts the rest`, () => {
    const text = 'experiment a {\n' + '  @\n'.repeat(250) + '}';
    const { errors } = parse(text);
    assert.equal(errors.length, MAX_SYNTAX_ERRORS + 1);
    assert.equal(errors[0].message, "unexpected character '@'");
    assert.equal(formatRange(errors[MAX_SYNTAX_ERRORS - 1].range), '100:2-100:3');
    assert.equal(errors[MAX_SYNTAX_ERRORS].message, '150 more syntax errors not shown');
  });

  it('reports each error code as syntax-error', () => {
    for (const e of parse('experiment { x: @ [1 2] "open').errors) assert.equal(e.code, 'syntax-error');
  });
});

describe('SourceText', () => {
  it('maps offsets to positions and back for every kind of line break', () => {
    const text = 'ab\ncd\r\nef\rg\r\n\n';
    const s = new SourceText(text);
    assert.equal(s.lineCount, 6);
    assert.deepEqual([0, 1, 2, 3, 4].map((l) => s.lineText(l)), ['ab', 'cd', 'ef', 'g', '']);
    for (let o = 0; o <= text.length; o++) {
      const p = s.positionAt(o);
      // An offset between \r and \n maps to the end of its line; every other one maps back to itself.
      if (text[o - 1] === '\r' && text[o] === '\n') assert.equal(s.offsetAt(p), o - 1);
      else assert.equal(s.offsetAt(p), o, `offset ${o}`);
    }
    assert.deepEqual(s.positionAt(text.length), { line: 5, character: 0 });
  });

  it('clamps positions outside the document', () => {
    const s = new SourceText('ab\ncd');
    assert.deepEqual(s.positionAt(-5), { line: 0, character: 0 });
    assert.deepEqual(s.positionAt(99), { line: 1, character: 2 });
    assert.equal(s.offsetAt({ line: 0, character: 99 }), 2);
    assert.equal(s.offsetAt({ line: 9, character: 0 }), 5);
  });
});

describe('parser: every tree it builds', () => {
  it('holds nodes inside their parents for every table row', () => {
    // The per-row check, but counted: a row whose tree is empty proves nothing.
    let nodes = 0;
    for (const row of ROWS) {
      const result = parse(row.source);
      for (const _ of walk(result.document)) nodes++;
      assert.deepEqual(rangeProblems(result), [], row.name);
    }
    assert.ok(nodes > 500, `${nodes} nodes checked`);
  });
});
