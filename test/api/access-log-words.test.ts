import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import nl from '../../src/web/i18n/parts/audit.nl.json';
import en from '../../src/web/i18n/parts/audit.en.json';

/**
 * The access log for people (issue 12): every event in words, in Dutch and in English, never a key
 * such as `child.plans.read`. The events are not a closed type in the gateway, so this test reads
 * the server's code: every string written as an access-log event — the `event` of recordEvent,
 * withChildrenAccess and friends, and the event argument of withAccess, withChildAccess,
 * recordListed and the modules' own wrappers around them — must have a label in
 * `src/web/i18n/parts/audit.{nl,en}.json` (`events`). A new event without a label fails here.
 */

const root = path.resolve(import.meta.dirname, '../..');
const EVENT = /^[a-z][a-z_]*(\.[a-z][a-z_]*)+$/;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(d.name) && !/\.test\.tsx?$/.test(d.name) ? [full] : [];
  });
}

/**
 * Where an event name is written: as the value of a property or variable called `event`, as the
 * default of a parameter called `event`, or as a call argument right after the subject/child or
 * kind (all gateway doors and the modules' wrappers take the event as a string argument of that
 * form). A literal in a call is taken as an event when the callee's parameter there is named
 * `event` — found through the type checker, so a wrapper in a module counts too.
 */
function eventsInSource(): Map<string, string> {
  const files = ['src/modules', 'src/kernel', 'src/cli'].flatMap((d) => sourceFiles(path.join(root, d)));
  const program = ts.createProgram(files, { allowImportingTsExtensions: true, noEmit: true, skipLibCheck: true, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, target: ts.ScriptTarget.ES2022, strict: true });
  const checker = program.getTypeChecker();
  const found = new Map<string, string>();
  const add = (node: ts.Node, value: string) => {
    if (!EVENT.test(value)) return;
    const sf = node.getSourceFile();
    found.set(value, found.get(value) ?? `${path.relative(root, sf.fileName)}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}`);
  };
  /** The string literals an expression can evaluate to (`a ? 'x' : 'y'` gives both). */
  const literals = (e: ts.Expression): ts.StringLiteralLike[] => {
    if (ts.isStringLiteralLike(e)) return [e];
    if (ts.isConditionalExpression(e)) return [...literals(e.whenTrue), ...literals(e.whenFalse)];
    if (ts.isParenthesizedExpression(e)) return literals(e.expression);
    return [];
  };
  for (const sf of program.getSourceFiles()) {
    if (!files.includes(path.resolve(sf.fileName))) continue;
    const visit = (node: ts.Node) => {
      if (ts.isPropertyAssignment(node) && node.name.getText(sf) === 'event') for (const l of literals(node.initializer)) add(l, l.text);
      if (ts.isVariableDeclaration(node) && node.name.getText(sf) === 'event' && node.initializer) for (const l of literals(node.initializer)) add(l, l.text);
      if (ts.isParameter(node) && node.name.getText(sf) === 'event' && node.initializer) for (const l of literals(node.initializer)) add(l, l.text);
      if (ts.isCallExpression(node)) {
        const signature = checker.getResolvedSignature(node);
        node.arguments.forEach((arg, i) => {
          const param = signature?.parameters[Math.min(i, (signature?.parameters.length ?? 1) - 1)];
          if (param?.getName() === 'event') for (const l of literals(arg)) add(l, l.text);
        });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return found;
}

const events = eventsInSource();
const labels = { nl: nl.events as Record<string, string>, en: en.events as Record<string, string> };

describe('every access-log event has words', () => {
  it('finds the events the server writes (the reader of the code works)', () => {
    for (const known of ['child.read', 'child.list', 'child.plans.read', 'plan.pdf', 'plan.read', 'session.sign_in', 'access_log.search', 'registry.pupil_import', 'thuiszitter.escalations', 'admin.role_requested', 'admin.role_granted']) {
      expect(events.has(known), known).toBe(true);
    }
    // Not events: SQL column references and file names are left alone.
    expect([...events.keys()].filter((e) => /^(c|o|e|p|con)\./.test(e) || /\.(csv|json|html|key|lock|ts)$/.test(e))).toEqual([]);
  });

  it.each(['nl', 'en'] as const)('each event has a label in %s', (lang) => {
    const missing = [...events].filter(([event]) => !labels[lang][event]?.trim()).map(([event, where]) => `${event} (${where})`);
    expect(missing, `add these to "events" in src/web/i18n/parts/audit.${lang}.json`).toEqual([]);
  });

  it('the labels are words, not keys, and both languages name the same events', () => {
    expect(Object.keys(labels.en).sort()).toEqual(Object.keys(labels.nl).sort());
    for (const lang of ['nl', 'en'] as const) {
      for (const [event, label] of Object.entries(labels[lang])) {
        expect(label, `${lang} ${event}`).not.toMatch(/[a-z_]+\.[a-z_]+/);
        // A verb phrase that follows the name: "Anna Jansen (leerkracht, OBS De Regenboog) bekeek het plan".
        expect(label[0], `${lang} ${event} starts in lower case`).toBe(label[0].toLowerCase());
      }
    }
  });

  it('the Dutch labels say what happened, in the past tense the family reads', () => {
    expect(labels.nl['plan.read']).toBe('bekeek het plan');
    expect(labels.nl['plan.pdf']).toBe('downloadde het plan als PDF');
    expect(labels.en['plan.read']).toBe('viewed the plan');
  });
});
