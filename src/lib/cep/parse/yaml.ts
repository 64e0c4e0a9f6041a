/**
 * The one YAML reading of the catalogue (front matter and release schedules): YAML 1.2's core
 * schema and nothing more, so that a document means the same to every reader. What another YAML
 * parser might read differently or run is refused here, as a finding on its line: custom tags
 * (`!!js/function`), duplicate keys, `__proto__` keys, and aliases past a limit (an alias bomb).
 */
import { isPair, isScalar, LineCounter, parseDocument, visit, type Document } from 'yaml';

/** How many times the aliases of one document may be expanded, in total (the `yaml` package's `maxAliasCount`). */
export const maxAliasCount = 100;

export interface YamlProblem {
  /** 1-based, counted in the YAML text. */
  line: number;
  column: number;
  message: string;
}

export interface YamlReading {
  document: Document.Parsed;
  lineCounter: LineCounter;
  /** The value, when there is no problem. */
  value?: unknown;
  problem?: YamlProblem;
}

/** Keys that would reach an object's prototype in a JavaScript reader. */
const prototypeKeys = new Set(['__proto__']);

export function readYaml(text: string): YamlReading {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, schema: 'core', customTags: [] });
  const at = (offset: number, message: string): YamlReading => {
    const position = lineCounter.linePos(offset);
    return { document, lineCounter, problem: { line: position.line, column: position.col, message } };
  };
  // An unresolved tag is only a warning to the `yaml` package; here it is refused, because another
  // parser (Astro's js-yaml, an editor) may resolve it, even to code.
  const problem = document.errors[0] ?? document.warnings[0];
  if (problem) return at(problem.pos[0], problem.message.split('\n')[0] ?? problem.message);
  let prototypeKey: { offset: number; key: string } | undefined;
  visit(document, {
    Pair(_, pair) {
      if (isPair(pair) && isScalar(pair.key) && prototypeKeys.has(String(pair.key.value))) {
        prototypeKey = { offset: pair.key.range?.[0] ?? 0, key: String(pair.key.value) };
        return visit.BREAK;
      }
      return undefined;
    },
  });
  if (prototypeKey) return at(prototypeKey.offset, `the key "${prototypeKey.key}" is not allowed (it would reach the object prototype)`);
  try {
    return { document, lineCounter, value: document.toJS({ maxAliasCount }) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/alias/i.test(message)) {
      let firstAlias = 0;
      visit(document, {
        Alias(_, alias) {
          firstAlias = alias.range?.[0] ?? 0;
          return visit.BREAK;
        },
      });
      return at(
        firstAlias,
        `its aliases expand to more than ${maxAliasCount} nodes (the limit against alias bombs); write the values out instead of using * aliases`,
      );
    }
    return at(0, message);
  }
}
