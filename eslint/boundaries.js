import path from 'node:path';

/**
 * The house's boundaries (docs/architecture.md, "House rules"), as one ESLint rule:
 * - a module uses another module only through its public interface, `src/modules/<other>/index.ts`
 *   (so do the app and the command line);
 * - the kernel imports no module;
 * - contracts import only contracts (and typebox);
 * - the web app imports neither the server's modules nor its kernel, and takes the contracts'
 *   schemas as types only (`import type`): only the plain value lists in src/contracts/values/ are
 *   code it runs.
 * Tests beside the code may reach into their own module's files and the kernel's.
 */
const root = path.resolve(import.meta.dirname, '..');
const src = path.join(root, 'src');

function where(file) {
  const rel = path.relative(src, file);
  if (rel.startsWith('..')) return { area: 'outside' };
  const [area, name] = rel.split(path.sep);
  return { area, name, rel };
}

export const boundaries = {
  meta: { type: 'problem', docs: { description: 'Module boundaries of Samenspel' }, schema: [] },
  create(context) {
    const file = context.filename;
    const from = where(file);
    if (from.area === 'outside') return {};
    const isTest = /\.test\.tsx?$/.test(file);
    return {
      ImportDeclaration(node) {
        const spec = node.source.value;
        if (typeof spec !== 'string') return;
        if (!spec.startsWith('.')) {
          if (from.area === 'contracts' && spec !== 'typebox') context.report({ node, message: `A contract imports only contracts and typebox, not "${spec}".` });
          return;
        }
        const target = where(path.resolve(path.dirname(file), spec));
        if (target.area === 'outside') return;
        const typeOnly = node.importKind === 'type' || (node.specifiers.length > 0 && node.specifiers.every((s) => s.importKind === 'type'));
        if (from.area === 'contracts' && target.area !== 'contracts') {
          context.report({ node, message: 'A contract imports only other contracts (src/contracts) and typebox.' });
        } else if (from.area === 'kernel' && target.area === 'modules' && !isTest) {
          context.report({ node, message: 'The kernel imports no module: hand it what it needs from src/app.ts.' });
        } else if (from.area === 'web' && (target.area === 'modules' || target.area === 'kernel')) {
          context.report({ node, message: 'The web app does not import server code; take the types from src/contracts.' });
        } else if (from.area === 'web' && target.area === 'contracts' && !target.rel.startsWith(`contracts${path.sep}values${path.sep}`) && !typeOnly) {
          context.report({ node, message: 'The web app takes a contract\'s schemas as types only: `import type { … }`. Runtime value lists live in src/contracts/values/.' });
        } else if (target.area === 'modules' && !(from.area === 'modules' && from.name === target.name)) {
          const [, , ...rest] = target.rel.split(path.sep);
          const isIndex = rest.length === 1 && rest[0] === 'index.ts';
          if (!isIndex && !isTest) context.report({ node, message: `Use the ${target.name} module through its public interface: src/modules/${target.name}/index.ts.` });
        }
      },
    };
  },
};

/**
 * Only the gateway writes the access log (docs/architecture.md, "One door"): nothing else imports
 * the writer (`appendAccessLog`) or its table. The audit kernel itself (the writer, the sealer, their
 * tests) is the one exception.
 */
const ACCESS_LOG_WRITER = path.join(src, 'kernel', 'audit', 'access-log.ts');
const GATEWAY = path.join(src, 'kernel', 'policy', 'gateway.ts');
export const accessLog = {
  meta: { type: 'problem', docs: { description: 'Only the gateway writes the access log' }, schema: [] },
  create(context) {
    const file = context.filename;
    const inAudit = path.dirname(file) === path.dirname(ACCESS_LOG_WRITER);
    if (file === GATEWAY || inAudit) return {};
    const message = 'Only the gateway (src/kernel/policy/gateway.ts) writes the access log: use withAccess, withChildAccess, withChildrenAccess, recordListed or recordEvent.';
    return {
      ImportDeclaration(node) {
        const spec = node.source.value;
        if (typeof spec !== 'string' || !spec.startsWith('.')) return;
        if (path.resolve(path.dirname(file), spec) !== ACCESS_LOG_WRITER) return;
        for (const s of node.specifiers) {
          if (s.type === 'ImportSpecifier' && s.imported.name === 'appendAccessLog') context.report({ node: s, message });
          if (s.type === 'ImportNamespaceSpecifier') context.report({ node: s, message });
        }
      },
      // Writing the table directly: insertInto('access_log').
      "CallExpression[callee.property.name='insertInto'] > Literal[value=/^access_log/]"(node) {
        context.report({ node, message });
      },
    };
  },
};

export default { rules: { boundaries, 'access-log': accessLog } };
